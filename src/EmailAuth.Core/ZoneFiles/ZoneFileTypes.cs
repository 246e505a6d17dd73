using System;
using System.Collections.Generic;
using System.Globalization;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>RR type and class mnemonics of master files.</summary>
    internal static class ZoneFileTypes
    {
        /// <summary>
        /// Registered data types (IANA "Resource Record (RR) TYPEs") BIND reads. Types outside
        /// <see cref="DnsRecordType"/> are skipped with a warning; a mnemonic missing here is an error, as in BIND.
        /// </summary>
        private static readonly Dictionary<string, int> Known = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["A"] = 1, ["NS"] = 2, ["MD"] = 3, ["MF"] = 4, ["CNAME"] = 5, ["SOA"] = 6, ["MB"] = 7, ["MG"] = 8,
            ["MR"] = 9, ["NULL"] = 10, ["WKS"] = 11, ["PTR"] = 12, ["HINFO"] = 13, ["MINFO"] = 14, ["MX"] = 15,
            ["TXT"] = 16, ["RP"] = 17, ["AFSDB"] = 18, ["X25"] = 19, ["ISDN"] = 20, ["RT"] = 21, ["NSAP"] = 22,
            ["NSAP-PTR"] = 23, ["SIG"] = 24, ["KEY"] = 25, ["PX"] = 26, ["GPOS"] = 27, ["AAAA"] = 28, ["LOC"] = 29,
            ["NXT"] = 30, ["EID"] = 31, ["NIMLOC"] = 32, ["SRV"] = 33, ["ATMA"] = 34, ["NAPTR"] = 35, ["KX"] = 36,
            ["CERT"] = 37, ["A6"] = 38, ["DNAME"] = 39, ["SINK"] = 40, ["APL"] = 42, ["DS"] = 43, ["SSHFP"] = 44,
            ["IPSECKEY"] = 45, ["RRSIG"] = 46, ["NSEC"] = 47, ["DNSKEY"] = 48, ["DHCID"] = 49, ["NSEC3"] = 50,
            ["NSEC3PARAM"] = 51, ["TLSA"] = 52, ["SMIMEA"] = 53, ["HIP"] = 55, ["NINFO"] = 56, ["RKEY"] = 57,
            ["TALINK"] = 58, ["CDS"] = 59, ["CDNSKEY"] = 60, ["OPENPGPKEY"] = 61, ["CSYNC"] = 62, ["ZONEMD"] = 63,
            ["SVCB"] = 64, ["HTTPS"] = 65, ["SPF"] = 99, ["UINFO"] = 100, ["UID"] = 101, ["GID"] = 102,
            ["UNSPEC"] = 103, ["NID"] = 104, ["L32"] = 105, ["L64"] = 106, ["LP"] = 107, ["EUI48"] = 108,
            ["EUI64"] = 109, ["URI"] = 256, ["CAA"] = 257, ["AVC"] = 258, ["DOA"] = 259, ["AMTRELAY"] = 260,
            ["RESINFO"] = 261, ["WALLET"] = 262, ["TA"] = 32768, ["DLV"] = 32769,
        };

        private static readonly HashSet<string> MetaNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "OPT", "TKEY", "TSIG", "IXFR", "AXFR", "MAILB", "MAILA",
        };

        /// <summary>RFC 1035 §3.2.4 / RFC 6895 §3.2 class mnemonics; only IN is served.</summary>
        private static readonly HashSet<string> ClassNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "IN", "CH", "CHAOS", "HS", "HESIOD", "CS", "NONE", "ANY",
        };

        /// <summary>True when the token is a class: a mnemonic or RFC 3597 "CLASSn". <paramref name="isIn"/> for IN.</summary>
        public static bool IsClass(string token, out bool isIn)
        {
            if (TryGeneric(token, "CLASS", out var n)) { isIn = n == 1; return true; }
            isIn = string.Equals(token, "IN", StringComparison.OrdinalIgnoreCase);
            return ClassNames.Contains(token);
        }

        /// <summary>The type code of a mnemonic or RFC 3597 "TYPEn", or -1 when unknown.</summary>
        public static int Code(string token)
        {
            if (Known.TryGetValue(token, out var code)) return code;
            if (MetaNames.Contains(token)) return 255;
            return TryGeneric(token, "TYPE", out var n) ? n : -1;
        }

        /// <summary>RFC 6895 §3.1: 0, OPT (41) and 128-255 are not data types and cannot appear in a zone.</summary>
        public static bool IsMeta(int code) => code == 0 || code == 41 || (code >= 128 && code <= 255);

        public static bool IsModelled(int code) => Enum.IsDefined(typeof(DnsRecordType), code);

        private static bool TryGeneric(string token, string prefix, out int n)
        {
            n = 0;
            if (token.Length <= prefix.Length || token.Length > prefix.Length + 5
                || !token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
            var digits = token.Substring(prefix.Length);
            foreach (var c in digits) if (!ZoneFileText.IsDigit(c)) return false;
            n = int.Parse(digits, CultureInfo.InvariantCulture);
            return n <= 65535;
        }
    }
}
