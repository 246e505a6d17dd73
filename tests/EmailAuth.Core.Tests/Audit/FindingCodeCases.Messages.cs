using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages;
using EmailAuth.Core.Tests.Messages;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases of Test-EmailMessage (MessageFindingCodes): messages analysed against the messages fixture zone.</summary>
    public static partial class FindingCodeCases
    {
        private const string MsgReceived = "Received: from mta.shop.example (mta.shop.example [192.0.2.20]) by mx.example.net with ESMTPS id 1; Mon, 1 Jun 2026 09:14:08 +0000";

        private static FindingCodeCase Message(string name, System.Func<string> raw, MessageAnalysisOptions? options = null) =>
            Case("Message " + name, async _ => (await new EmailMessageAnalyzer(MessageTestKit.Resolver()).AnalyzeTextAsync(raw(), options)).Findings);

        private static string Msg(params string[] headers) => MessageTestKit.Message(headers);

        private static IEnumerable<FindingCodeCase> MessageCases()
        {
            yield return Message("without From, Return-Path or Received", () => Msg("Subject: x", "To: a@shop.example"));
            yield return Message("with two From fields", () => Msg("From: a@shop.example", "From: b@shop.example", "Subject: x"));
            yield return Message("with From addresses of two domains", () => Msg("From: a@shop.example, b@esp.example", "Subject: x"));
            yield return Message("with a single-label From domain", () => Msg("From: a@localhost", "Subject: x"));
            yield return Message("with A-R of another authserv-id", () => Msg("From: a@shop.example", "Return-Path: <a@shop.example>",
                "Authentication-Results: mx.example.net; dmarc=pass header.from=shop.example", MsgReceived), new MessageAnalysisOptions { AuthServId = "mx.google.com" });
            yield return Message("whose A-R disagree (dmarc=pass)", () => Msg("From: a@shop.example", "Return-Path: <a@esp.example>",
                "Authentication-Results: mx.example.net; dmarc=pass header.from=shop.example", MsgReceived));
            yield return Message("with a broken ARC set", () => Msg("From: a@shop.example", "Subject: x", "Return-Path: <a@shop.example>",
                "ARC-Seal: i=1; a=rsa-sha256; t=1780000000; cv=none; d=arc.example; s=s1; b=AAAA",
                "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=arc.example; s=s1; h=from:subject; bh=AAAA; b=AAAA",
                "ARC-Authentication-Results: i=1; mx.arc.example; spf=pass smtp.mailfrom=a@shop.example", MsgReceived));
            yield return Message("with a mailto-only List-Unsubscribe, no POST field, unsigned", () => Msg("From: a@shop.example", "Subject: x",
                "List-Unsubscribe: <mailto:unsub@shop.example>", "Return-Path: <a@shop.example>", MsgReceived));
        }
    }
}
