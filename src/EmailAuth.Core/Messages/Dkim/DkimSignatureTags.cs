using System;
using System.Globalization;
using System.Linq;
using EmailAuth.Core.Dkim;
using MimeKit.Cryptography;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// The tags of one DKIM-Signature (or ARC-Message-Signature) field, checked per RFC 6376 §3.5 and §6.1.1. Filled as far
    /// as the value allows; <see cref="Error"/> says why the rest could not be read (the result is then Neutral).
    /// </summary>
    internal sealed class DkimSignatureTags
    {
        public DkimTagList? Tags { get; private set; }
        public string? Error { get; private set; }
        public string? ErrorCode { get; private set; }

        public string? Version { get; private set; }
        public string? Algorithm { get; private set; }
        public DkimSignatureAlgorithm SignatureAlgorithm { get; private set; }
        public string? Domain { get; private set; }
        public string? Selector { get; private set; }
        public string[] Headers { get; private set; } = Array.Empty<string>();
        public string? BodyHash { get; private set; }
        public string? Signature { get; private set; }
        public string HeaderCanonicalization { get; private set; } = "simple";
        public string BodyCanonicalization { get; private set; } = "simple";
        public DkimCanonicalizationAlgorithm HeaderAlgorithm { get; private set; }
        public DkimCanonicalizationAlgorithm BodyAlgorithm { get; private set; }
        public string? Identity { get; private set; }
        public long? BodyLength { get; private set; }
        public long? Timestamp { get; private set; }
        public long? Expiration { get; private set; }
        public int? Instance { get; private set; }

        /// <param name="arc">An ARC-Message-Signature: i= is the instance and v= is absent (RFC 8617 §4.1.2).</param>
        public static DkimSignatureTags Parse(string value, bool arc = false)
        {
            var t = new DkimSignatureTags();
            t.Tags = DkimTagList.Parse(value, out var syntax);
            if (t.Tags == null) return t.Stop(MessageDkimFindingCodes.SignatureSyntax, $"signature syntax error: {syntax}");
            var tags = t.Tags;

            // RFC 6376 §6.1.1: v=, a=, b=, bh=, d=, h=, s= are required; a missing one makes the signature unusable.
            var required = arc ? new[] { "i", "a", "b", "bh", "d", "h", "s" } : new[] { "v", "a", "b", "bh", "d", "h", "s" };
            t.Domain = tags["d"]?.ToLowerInvariant();
            t.Selector = tags["s"];
            t.Algorithm = tags["a"]?.ToLowerInvariant();
            t.Headers = (tags["h"] ?? "").Split(':').Select(h => h.Trim(DkimTagList.Ws).ToLowerInvariant()).Where(h => h.Length > 0).ToArray();
            t.Identity = tags["i"];
            var missing = required.Where(r => string.IsNullOrEmpty(tags[r])).ToArray();
            if (missing.Length > 0)
                return t.Stop(MessageDkimFindingCodes.MissingTag, $"signature missing required tag{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => m + "="))}");

            if (!arc)
            {
                t.Version = tags["v"];
                if (t.Version != "1") return t.Stop(MessageDkimFindingCodes.Version, $"incompatible version v={t.Version}");
            }
            else
            {
                if (!int.TryParse(tags["i"], NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i < 1 || i > 50)
                    return t.Stop(MessageDkimFindingCodes.BadTagValue, $"i={tags["i"]} is not an ARC instance 1 to 50");
                t.Instance = i;
                t.Identity = null;
            }

            switch (t.Algorithm)
            {
                case "rsa-sha256": t.SignatureAlgorithm = DkimSignatureAlgorithm.RsaSha256; break;
                case "ed25519-sha256": t.SignatureAlgorithm = DkimSignatureAlgorithm.Ed25519Sha256; break;
                case "rsa-sha1": t.SignatureAlgorithm = DkimSignatureAlgorithm.RsaSha1; break;
                default: return t.Stop(MessageDkimFindingCodes.UnknownAlgorithm, $"unsupported algorithm a={t.Algorithm}");
            }

            var c = tags["c"];
            if (c != null)
            {
                var parts = c.ToLowerInvariant().Split('/');
                if (parts.Length > 2 || !Canon(parts[0], out var ha) || parts.Length == 2 && !Canon(parts[1], out _))
                    return t.Stop(MessageDkimFindingCodes.Canonicalization, $"unknown canonicalization c={c}");
                t.HeaderCanonicalization = parts[0];
                t.HeaderAlgorithm = ha;
                t.BodyCanonicalization = parts.Length == 2 ? parts[1] : "simple";
                Canon(t.BodyCanonicalization, out var ba);
                t.BodyAlgorithm = ba;
            }

            var q = tags["q"];
            if (q != null && !q.Split(':').Any(m => m.Trim(DkimTagList.Ws) == "dns/txt"))
                return t.Stop(MessageDkimFindingCodes.BadTagValue, $"q={q} offers no dns/txt key query method");
            if (!Number(tags["l"], out var l)) return t.Stop(MessageDkimFindingCodes.BadTagValue, $"l={tags["l"]} is not a decimal number");
            if (!Number(tags["t"], out var ts)) return t.Stop(MessageDkimFindingCodes.BadTagValue, $"t={tags["t"]} is not a decimal number");
            if (!Number(tags["x"], out var x)) return t.Stop(MessageDkimFindingCodes.BadTagValue, $"x={tags["x"]} is not a decimal number");
            t.BodyLength = l;
            t.Timestamp = ts;
            t.Expiration = x;

            t.BodyHash = Compact(tags["bh"]!);
            t.Signature = Compact(tags["b"]!);
            return t;
        }

        private DkimSignatureTags Stop(string code, string error)
        {
            ErrorCode = code;
            Error = error;
            return this;
        }

        private static bool Canon(string s, out DkimCanonicalizationAlgorithm a)
        {
            a = s == "relaxed" ? DkimCanonicalizationAlgorithm.Relaxed : DkimCanonicalizationAlgorithm.Simple;
            return s == "relaxed" || s == "simple";
        }

        // RFC 6376 §3.5: l=, t=, x= are 1*76DIGIT; values past long are clamped (they are beyond any real time or size).
        private static bool Number(string? s, out long? value)
        {
            value = null;
            if (s == null) return true;
            if (s.Length == 0 || s.Length > 76 || !s.All(ch => ch >= '0' && ch <= '9')) return false;
            value = s.Length > 18 ? long.MaxValue : long.Parse(s, CultureInfo.InvariantCulture);
            return true;
        }

        private static string Compact(string s) => string.Concat(s.Where(ch => Array.IndexOf(DkimTagList.Ws, ch) < 0));
    }
}
