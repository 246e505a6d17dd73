using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Dkim
{
    /// <summary>Parses and lints one DKIM key record text (RFC 6376 §3.6.1, RFC 8463, RFC 8301). No DNS.</summary>
    public static class DkimKeyParser
    {
        private const string Rfc = "RFC 6376 §3.6.1";

        /// <summary>Fills <paramref name="info"/> from <paramref name="text"/>: parsed tags, key type and size, findings, IsValid.</summary>
        public static void Parse(string text, DkimKeyInfo info, List<Finding> findings)
        {
            info.Record = text;
            var subject = info.Name ?? info.Selector;
            var tags = DkimTagList.Parse(text, out var syntax);
            if (tags == null)
            {
                findings.Add(new Finding(DkimFindingCodes.SyntaxError, FindingSeverity.Error,
                    $"The DKIM key record is not a valid tag list: {syntax}.",
                    "Publish the record as semicolon-separated tag=value pairs, e.g. \"v=DKIM1; k=rsa; p=MIIBIjANBg...\".",
                    "RFC 6376 §3.2", subject));
                return;
            }

            var v = tags["v"];
            info.Version = v;
            if (v != null && (v != "DKIM1" || tags.Tags[0].Key != "v"))
            {
                findings.Add(new Finding(DkimFindingCodes.VersionInvalid, FindingSeverity.Error,
                    v != "DKIM1" ? $"v={v}: a key record with a version other than DKIM1 is discarded by verifiers."
                                 : "v=DKIM1 is not the first tag; verifiers may discard the record.",
                    "Start the record with \"v=DKIM1;\" or leave v= out.", Rfc, subject));
                return;
            }

            // k= defaults to rsa; key types are case-sensitive tokens as registered (RFC 6376 §7.6, RFC 8463 §6).
            var k = tags["k"];
            info.KeyType = k ?? "rsa";
            info.HashAlgorithms = List(tags["h"]);
            info.ServiceTypes = List(tags["s"]);
            info.Flags = List(tags["t"]);
            info.Testing = info.Flags.Contains("y");
            info.NoSubdomains = info.Flags.Contains("s");
            info.Notes = tags["n"];

            var p = tags["p"];
            if (p == null)
            {
                findings.Add(new Finding(DkimFindingCodes.NoPublicKey, FindingSeverity.Error,
                    "The record has no p= tag; p= is required.", "Publish the public key as p=<base64>.", Rfc, subject));
                return;
            }
            info.PublicKey = WithoutWhitespace(p);
            if (info.PublicKey.Length == 0)
            {
                info.Revoked = true;
                findings.Add(new Finding(DkimFindingCodes.KeyRevoked, FindingSeverity.Warning,
                    "p= is empty: the key is revoked and every signature made with this selector fails.",
                    "Stop signing with this selector; remove the record once no mail in transit uses it.", Rfc, subject));
            }

            var usable = !info.Revoked;
            if (info.KeyType != "rsa" && info.KeyType != "ed25519")
            {
                usable = false;
                findings.Add(new Finding(DkimFindingCodes.KeyTypeUnknown, FindingSeverity.Error,
                    $"k={info.KeyType} is not a key type verifiers know; they ignore the key.",
                    "Use k=rsa (or omit k=) for an RSA key, k=ed25519 for an Ed25519 key.", "RFC 6376 §3.6.1, RFC 8463 §4.2", subject));
            }
            else if (!info.Revoked)
            {
                usable = DecodeKey(p, info, findings, subject);
            }

            // h= lists acceptable hashes; unknown ones are ignored. Without sha256 no current algorithm verifies (sha1 MUST NOT, RFC 8301 §3.1).
            if (info.HashAlgorithms.Count > 0 && !info.HashAlgorithms.Contains("sha256"))
            {
                usable = false;
                findings.Add(new Finding(DkimFindingCodes.NoSha256, FindingSeverity.Error,
                    $"h={tags["h"]} allows no sha256: verifiers accept only rsa-sha256 and ed25519-sha256 signatures.",
                    "Remove h= or set h=sha256.", "RFC 8301 §3.1", subject));
            }
            if (info.ServiceTypes.Count > 0 && !info.ServiceTypes.Contains("*") && !info.ServiceTypes.Contains("email"))
            {
                usable = false;
                findings.Add(new Finding(DkimFindingCodes.ServiceNotEmail, FindingSeverity.Error,
                    $"s={tags["s"]} does not include email or *: e-mail verifiers ignore the key.",
                    "Remove s= or set s=email.", Rfc, subject));
            }
            if (info.Testing)
            {
                findings.Add(new Finding(DkimFindingCodes.Testing, FindingSeverity.Warning,
                    "t=y: the domain is testing DKIM; verifiers may treat signatures as if unsigned.",
                    "Remove the y flag from t= once signing works.", Rfc, subject));
            }
            info.IsValid = usable && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
        }

        /// <summary>Decodes p= for k=rsa or k=ed25519 and records the size findings; false when the key is unusable.</summary>
        private static bool DecodeKey(string p, DkimKeyInfo info, List<Finding> findings, string? subject)
        {
            var bytes = DkimPublicKeyDecoder.DecodeBase64(p, out var error);
            if (bytes != null && info.KeyType == "ed25519")
            {
                if (bytes.Length == DkimPublicKeyDecoder.Ed25519KeyBytes)
                {
                    info.KeyBits = 256;
                    findings.Add(new Finding(DkimFindingCodes.Ed25519Only, FindingSeverity.Info,
                        "An Ed25519 key: receivers that do not implement RFC 8463 ignore its signatures.",
                        "Sign each message with an RSA key as well (a second selector).", "RFC 8463 §5", subject));
                    return true;
                }
                error = $"an ed25519 key is 32 bytes, p= holds {bytes.Length}";
            }
            else if (bytes != null)
            {
                var bits = DkimPublicKeyDecoder.RsaModulusBits(bytes, out error);
                if (bits > 0)
                {
                    info.KeyBits = bits;
                    return CheckRsaSize(bits, findings, subject);
                }
            }
            findings.Add(new Finding(DkimFindingCodes.KeyInvalid, FindingSeverity.Error,
                $"The k={info.KeyType} key in p= cannot be used: {error}.",
                "Publish the public key again from the signer's configuration (base64 of the DER public key).",
                info.KeyType == "ed25519" ? "RFC 8463 §4.2" : Rfc, subject));
            return false;
        }

        /// <summary>RFC 8301 §3.2: verifiers MUST NOT accept keys under 1024 bits; signers SHOULD use 2048; verifiers handle up to 4096.</summary>
        private static bool CheckRsaSize(int bits, List<Finding> findings, string? subject)
        {
            if (bits < 1024)
            {
                findings.Add(new Finding(DkimFindingCodes.KeyTooShort, FindingSeverity.Critical,
                    $"The RSA key has {bits} bits: verifiers reject keys under 1024 bits, so every signature fails.",
                    "Generate a 2048-bit key, publish it under a new selector and switch the signer to it.", "RFC 8301 §3.2", subject));
                return false;
            }
            if (bits < 2048)
                findings.Add(new Finding(DkimFindingCodes.KeyUnder2048, FindingSeverity.Warning,
                    $"The RSA key has {bits} bits; signers SHOULD use at least 2048 (SES Easy DKIM defaults to RSA_2048_BIT).",
                    "Rotate to a 2048-bit key (SES: PutEmailIdentityDkimSigningAttributes with RSA_2048_BIT).", "RFC 8301 §3.2", subject));
            else if (bits > 4096)
                findings.Add(new Finding(DkimFindingCodes.KeyOver4096, FindingSeverity.Warning,
                    $"The RSA key has {bits} bits; verifiers are only required to handle 1024 to 4096.",
                    "Use a 2048-bit key (or at most 4096).", "RFC 8301 §3.2", subject));
            return true;
        }

        /// <summary>p= without its whitespace (RFC 6376 §3.6.1 allows FWS inside the base64); usually there is none to remove.</summary>
        private static string WithoutWhitespace(string p)
        {
            if (p.IndexOfAny(DkimTagList.Ws) < 0) return p;
            var compact = new System.Text.StringBuilder(p.Length);
            foreach (var c in p)
                if (Array.IndexOf(DkimTagList.Ws, c) < 0) compact.Append(c);
            return compact.ToString();
        }

        /// <summary>Colon-separated lists (h=, s=, t=): RFC 6376 §3.6.1, whitespace allowed around items.</summary>
        private static IReadOnlyList<string> List(string? value) =>
            value == null ? Array.Empty<string>()
                : value.Split(':').Select(x => x.Trim(DkimTagList.Ws)).Where(x => x.Length > 0).ToArray();
    }
}
