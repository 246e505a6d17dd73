using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Summary;
using static EmailAuth.Core.Tests.Reports.Summary.DmarcRows;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases of the DMARC aggregate-report summary (Measure-DmarcReport): rows built as Import-DmarcReport writes them.</summary>
    public static partial class FindingCodeCases
    {
        private static FindingCodeCase Summary(string name, IEnumerable<DmarcReportRecord> rows) =>
            Case("DMARC report summary: " + name, _ => Task.FromResult(DmarcReportAggregator.Summarize(rows).SelectMany(s => s.Findings)));

        private static IEnumerable<DmarcReportRecord> TwoWeeksTwoReporters()
        {
            for (var day = 0; day < 14; day++)
            {
                yield return Own(100, day, "google.com");
                yield return Own(100, day, "Yahoo");
            }
        }

        public static IEnumerable<FindingCodeCase> DmarcReportCases()
        {
            // Aligned over 14 days and 2 reporters, plus spoofing and a mailing list: ready, the others don't block.
            yield return Summary("ready, with spoofing and forwarding", TwoWeeksTwoReporters().Concat(new[] { Spoof(30), MailingList(5) }));
            // Amazon SES with the default MAIL FROM and DKIM: not aligned, not ready.
            yield return Summary("SES default MAIL FROM", TwoWeeksTwoReporters().Concat(new[] { SesDefault(500) }));
            // One day, one reporter; the same report again from another file.
            var again = Own(5);
            again.SourceFile = "copy.xml";
            yield return Summary("thin data and a duplicate report", new[] { Own(5), again });
            // p=reject already.
            yield return Summary("p=reject", new[] { Own(5, policy: "reject") });
        }
    }
}
