using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Reports.Failure;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases for the failure-report codes: hand-written ARF fixtures in tests/Fixtures/reports/failure.</summary>
    public static partial class FindingCodeCases
    {
        private static FindingCodeCase FailureReport(string file) =>
            Case("failure report " + file, _ => Task.FromResult<IEnumerable<Finding>>(
                new DmarcFailureReportReader().Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reports", "failure", file))
                    .Single().Report!.Findings));

        private static IEnumerable<FindingCodeCase> FailureReportCases()
        {
            yield return FailureReport("broken-fields.eml");
            yield return FailureReport("abuse-report.eml");
            yield return FailureReport("unknown-auth-failure.eml");
        }
    }
}
