using System.Collections.Generic;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.AuthenticationResults;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases for the Authentication-Results parser's codes (RFC 8601, RFC 8617 §4.1.1): header text only.</summary>
    public static partial class FindingCodeCases
    {
        private static FindingCodeCase Header(string name, string header) =>
            Case("Authentication-Results " + name, _ => Task.FromResult<IEnumerable<Finding>>(AuthenticationResultsParser.Parse(header).Findings));

        private static IEnumerable<FindingCodeCase> AuthenticationResultsCases()
        {
            yield return Header("syntax error and empty resinfo", "x.example; spf pass; ; dkim=pass");
            yield return Header("no authserv-id", "spf=pass smtp.mailfrom=a.example");
            yield return Header("version 2", "x.example 2; spf=pass");
            yield return Header("unknown method and ptype", "x.example; compauth=pass frob.x=1");
            yield return Header("invalid and deprecated results", "x.example; dkim=softfail; spf=hardfail");
            yield return Header("duplicates", "x.example; spf=pass smtp.mailfrom=a.example smtp.mailfrom=b.example; spf=pass smtp.mailfrom=a.example");
            yield return Header("Microsoft style", "x.example; dmarc=fail action=none header.from=a.example reason=late header.b=ab/cd");
            yield return Header("none with results", "x.example; none; spf=pass");
            yield return Header("ARC without i=", "ARC-Authentication-Results: x.example; arc=none");
            yield return Header("over 64 KiB", "x.example; spf=pass reason=\"" + new string('a', AuthenticationResultsParser.MaxHeaderLength) + "\"");
            yield return Header("too many results", "x.example" + string.Concat(System.Linq.Enumerable.Repeat("; spf=pass", AuthenticationResultsParser.MaxResults + 1)));
        }
    }
}
