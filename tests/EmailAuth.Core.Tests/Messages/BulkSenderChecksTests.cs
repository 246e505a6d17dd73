using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Messages;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>Gmail/Yahoo 2024 bulk-sender unsubscribe rules (RFC 8058): https URI, One-Click POST, both under an aligned valid DKIM signature.</summary>
    public sealed class BulkSenderChecksTests
    {
        private const string Received = "Received: from mta.shop.example (mta.shop.example [192.0.2.20]) by mx.example.net with ESMTPS id 1; Mon, 1 Jun 2026 09:14:08 +0000";
        private const string Https = "List-Unsubscribe: <mailto:unsub@shop.example?subject=unsubscribe>, <https://shop.example/unsubscribe/Qx7a>";
        private const string OneClick = "List-Unsubscribe-Post: List-Unsubscribe=One-Click";

        private static async Task<string[]> Codes(string signer, string[] signedHeaders, params string[] listHeaders)
        {
            var raw = MessageTestKit.Message(new[] { "From: Shop <news@shop.example>", "To: someone@example.net", "Subject: Offers",
                                                     "Date: Mon, 1 Jun 2026 09:14:07 +0000", "Message-ID: <3@shop.example>" }.Concat(listHeaders).ToArray());
            var signed = MessageTestKit.Prepend(MessageTestKit.Sign(raw, signer, signedHeaders), "Return-Path: <news@shop.example>", Received);
            var r = await new EmailMessageAnalyzer(MessageTestKit.Resolver()).AnalyzeTextAsync(signed);
            return r.Findings.Select(f => f.Code).Where(c => c.StartsWith("MSG_LIST_")).ToArray();
        }

        private static readonly string[] All = { "From", "Subject", "Date", "List-Unsubscribe", "List-Unsubscribe-Post" };

        [Fact]
        public async Task One_click_unsubscribe_signed_by_the_From_domain_passes() => Assert.Empty(await Codes("shop.example", All, Https, OneClick));

        [Fact]
        public async Task Missing_List_Unsubscribe_is_only_Info() =>
            Assert.Equal(new[] { MessageFindingCodes.ListUnsubscribeMissing }, await Codes("shop.example", All));

        [Fact]
        public async Task A_mailto_only_URI_is_no_one_click() =>
            Assert.Equal(new[] { MessageFindingCodes.ListUnsubscribeNoHttps },
                         await Codes("shop.example", All, "List-Unsubscribe: <mailto:unsub@shop.example>", OneClick));

        [Theory]
        [InlineData(null)]
        [InlineData("List-Unsubscribe-Post: List-Unsubscribe=one-click")]   // the value is case-sensitive (RFC 8058 §3.1)
        public async Task List_Unsubscribe_Post_missing_or_wrong(string? post)
        {
            var headers = post == null ? new[] { Https } : new[] { Https, post };
            Assert.Equal(new[] { MessageFindingCodes.ListUnsubscribePostMissing }, await Codes("shop.example", All, headers));
        }

        [Fact]
        public async Task A_signature_of_another_domain_does_not_cover_it() =>
            Assert.Equal(new[] { MessageFindingCodes.ListUnsubscribeNotSigned }, await Codes("esp.example", All, Https, OneClick));

        [Fact]
        public async Task An_aligned_signature_whose_h_leaves_the_fields_out_does_not_cover_it() =>
            Assert.Equal(new[] { MessageFindingCodes.ListUnsubscribeNotSigned },
                         await Codes("shop.example", new[] { "From", "Subject", "Date" }, Https, OneClick));
    }
}
