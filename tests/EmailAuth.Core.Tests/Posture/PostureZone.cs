using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EmailAuth.Core.Tests.Dkim;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>
    /// The posture fixture zone "posture.test", one sub-domain per grade and case, answered from a zone file
    /// (offline, as -ZoneFile does).
    /// </summary>
    internal static class PostureZone
    {
        public const string Origin = "posture.test";

        public static string Text(string extra = "")
        {
            var key = Quoted("v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(2048));
            return $@"$ORIGIN posture.test.
$TTL 300
@ IN SOA ns.posture.test. hostmaster.posture.test. 1 3600 600 86400 60
@ IN NS ns.posture.test.
ns IN A 192.0.2.53
; C: the same with p=none
monitor IN MX 10 mx.posture.test.
monitor IN TXT ""v=spf1 ip4:192.0.2.0/24 -all""
s1._domainkey.monitor IN TXT {key}
_dmarc.monitor IN TXT ""v=DMARC1; p=none; rua=mailto:dmarc@monitor.posture.test""
; D: enforced DMARC and SPF, but no DKIM key (a bulk-sender requirement)
nodkim IN MX 10 mx.posture.test.
nodkim IN TXT ""v=spf1 ip4:192.0.2.0/24 -all""
_dmarc.nodkim IN TXT ""v=DMARC1; p=reject; rua=mailto:dmarc@nodkim.posture.test""
; F: SPF and DKIM, no DMARC
nodmarc IN TXT ""v=spf1 ip4:192.0.2.0/24 -all""
s1._domainkey.nodmarc IN TXT {key}
; F: DMARC only
bare IN MX 10 mx.posture.test.
_dmarc.bare IN TXT ""v=DMARC1; p=reject; rua=mailto:dmarc@bare.posture.test""
; hostile record text: must come out of the renderers as text
hostile IN TXT ""v=spf1 <script>alert(1)</script> -all""
s1._domainkey.hostile IN TXT ""v=DKIM1; p=""
mx IN A 192.0.2.25
{extra}";
        }

        /// <summary>
        /// "good.test": enforced DMARC, SPF, DKIM, reports to itself (which has MX). A zone of its own, so the tree walk and
        /// the Public Suffix List agree on its Organizational Domain (else DMARC_ORG_DOMAIN_METHODS_DISAGREE, a warning).
        /// </summary>
        public static string GoodText() => $@"$ORIGIN good.test.
$TTL 300
@ IN SOA ns.good.test. hostmaster.good.test. 1 3600 600 86400 60
@ IN MX 10 mx.good.test.
@ IN TXT ""v=spf1 ip4:192.0.2.0/24 -all""
s1._domainkey IN TXT {Quoted("v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(2048))}
_dmarc IN TXT ""v=DMARC1; p=reject; rua=mailto:dmarc@good.test""
mx IN A 192.0.2.25
";

        /// <summary>A TXT value as 255-octet quoted strings (RFC 1035 §3.3.14).</summary>
        public static string Quoted(string text)
        {
            var parts = new List<string>();
            for (var i = 0; i < text.Length; i += 255) parts.Add("\"" + text.Substring(i, Math.Min(255, text.Length - i)) + "\"");
            return "( " + string.Join(" ", parts) + " )";
        }

        /// <summary>The zone written to a temporary file and loaded as -ZoneFile does.</summary>
        public static ZoneFileResolver Resolver(string extra = "")
        {
            var dir = Path.Combine(Path.GetTempPath(), "posture-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, Origin + ".zone");
            var good = Path.Combine(dir, "good.test.zone");
            File.WriteAllText(path, Text(extra));
            File.WriteAllText(good, GoodText());
            try
            {
                return ZoneFileResolver.Load(new[] { path, good });
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        public static string Name(string label) => label == "good" ? "good.test" : label + "." + Origin;

        public static IReadOnlyList<string> Codes(Core.Posture.EmailAuthReport r) => r.Findings.Select(f => f.Code).ToList();
    }
}
