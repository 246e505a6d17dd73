using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>
    /// The key text read without copies or a regex (a bulk audit decodes a key per domain): the same answers as the
    /// regex ^[a-z0-9]{32}$ and as decoding p= with its whitespace removed (RFC 6376 §3.6.1 allows FWS in p=).
    /// </summary>
    public sealed class DkimKeyTextTests
    {
        private const string Token = "abcdefghijklmnopqrstuvwxyz012345";

        [Theory]
        [InlineData(Token, true)]
        [InlineData(Token + "\n", true)]            // "$" matches before a final newline: the regex's answer, kept
        [InlineData(Token + "\r", false)]
        [InlineData(Token + "\n\n", false)]
        [InlineData("\n" + Token, false)]
        [InlineData("abcdefghijklmnopqrstuvwxyz01234", false)]   // 31
        [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)] // 33
        [InlineData("Abcdefghijklmnopqrstuvwxyz012345", false)]  // upper case
        [InlineData("abcdefghijklmnopqrstuvwxyz01234-", false)]
        [InlineData("s1", false)]
        [InlineData("", false)]
        public void Ses_tokens_are_32_lower_case_letters_and_digits(string selector, bool expected) =>
            Assert.Equal(expected, DkimKeyInspector.LooksLikeSesToken(selector));

        [Fact]
        public void P_with_folding_whitespace_decodes_as_without_it()
        {
            var p = DkimTestKeys.Spki(1024);
            var folded = p.Substring(0, 40) + " \t" + p.Substring(40, 60) + "\r\n " + p.Substring(100);
            var plain = Parse("v=DKIM1; k=rsa; p=" + p, out var plainFindings);
            var spaced = Parse("v=DKIM1; k=rsa; p=" + folded, out var spacedFindings);

            Assert.Equal(p, plain.PublicKey);
            Assert.Equal(p, spaced.PublicKey); // the whitespace removed
            Assert.Equal(1024, spaced.KeyBits);
            Assert.Equal(plain.KeyBits, spaced.KeyBits);
            Assert.Equal(Codes(plainFindings), Codes(spacedFindings));
            Assert.Equal(Convert.FromBase64String(p), DkimPublicKeyDecoder.DecodeBase64(folded, out var error));
            Assert.Null(error);
        }

        [Theory]
        [InlineData("MIIB*IjAN", "p= holds '*', which is not a base64 character")]
        [InlineData("MI IB\tIj\u00e9AN", "p= holds '\u00e9', which is not a base64 character")]
        [InlineData("MIIBI", "p= is not valid base64 (length or padding)")]
        [InlineData(" MIIB I ", "p= is not valid base64 (length or padding)")]
        public void Bad_base64_is_named(string p, string expected)
        {
            Assert.Null(DkimPublicKeyDecoder.DecodeBase64(p, out var error));
            Assert.Equal(expected, error);
        }

        private static DkimKeyInfo Parse(string text, out List<Finding> findings)
        {
            var info = new DkimKeyInfo { Name = "s1._domainkey.example.com", Selector = "s1" };
            findings = new List<Finding>();
            DkimKeyParser.Parse(text, info, findings);
            return info;
        }

        private static List<string> Codes(List<Finding> findings) => findings.ConvertAll(f => f.Code);
    }
}
