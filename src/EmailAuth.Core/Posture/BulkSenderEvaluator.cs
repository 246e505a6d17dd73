using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// The Gmail/Yahoo bulk-sender requirements of February 2024 that DNS can show: SPF published, DKIM published,
    /// a DMARC record (p=none is enough for them), and alignment achievable. "Achievable" is the verdict
    /// <see cref="DmarcEvaluator"/> gives the best message this DNS allows: MAIL FROM at the domain itself with SPF
    /// passing (when it publishes SPF), signed with d= the domain (when a key was found). RFC 7489 §3.1, §6.6.2.
    /// </summary>
    public static class BulkSenderEvaluator
    {
        private const string Reference = "Google Email sender guidelines (2024); Yahoo Sender Best Practices (2024)";

        public static async Task<(IReadOnlyList<BulkSenderCheck> Checks, DmarcEvaluation? Alignment)> EvaluateAsync(
            PostureContext context, EmailAuthReport report, List<Finding> findings, CancellationToken cancellationToken)
        {
            var domain = context.Domain;
            var spf = report.Section(PostureSectionNames.Spf);
            var dkim = report.Section(PostureSectionNames.Dkim);
            var dmarc = report.Section(PostureSectionNames.Dmarc);
            var checks = new List<BulkSenderCheck>
            {
                new BulkSenderCheck("SpfPublished", spf?.Present == true,
                    spf?.Present == true ? $"SPF record at {domain}." : $"No SPF record at {domain}."),
                new BulkSenderCheck("DkimPublished", dkim?.Present == true,
                    dkim?.Present == true ? dkim.Summary : $"No usable DKIM key found for {domain} ({dkim?.Summary ?? "not checked"})."),
                new BulkSenderCheck("DmarcPublished", dmarc?.Present == true,
                    dmarc?.Present == true ? $"DMARC {dmarc.Summary}." : $"No usable DMARC record applies to {domain}."),
            };

            DmarcEvaluation? evaluation = null;
            if (spf?.Present == true || dkim?.Present == true)
            {
                var signers = dkim?.Present == true ? new[] { domain } : Array.Empty<string>();
                // A record that is permerror (RFC 7208 §4.6) never passes: it cannot give DMARC an aligned pass.
                var spfResult = spf?.Present != true ? SpfResult.None
                              : (spf.Result as SpfRecordInfo)?.IsValid == true ? SpfResult.Pass : SpfResult.PermError;
                // The audit's one DMARC discovery (the DMARC and BIMI sections read it too).
                var policy = await context.DmarcPolicyAsync(cancellationToken).ConfigureAwait(false);
                evaluation = await new DmarcEvaluator(context.Resolver, context.Options.SuffixList)
                    .EvaluateAsync(domain, domain, spfResult, signers, context.Options.Method, policy, cancellationToken).ConfigureAwait(false);
            }
            var aligned = evaluation != null && (evaluation.SpfAligned || evaluation.DkimAligned);
            checks.Add(new BulkSenderCheck("AlignmentAchievable", aligned,
                aligned ? $"Mail with From {domain} can pass DMARC through {(evaluation!.SpfAligned && evaluation.DkimAligned ? "SPF and DKIM" : evaluation.SpfAligned ? "SPF (MAIL FROM at the domain)" : "DKIM (d=" + domain + ")")}."
                : evaluation == null ? $"Neither SPF nor DKIM is published for {domain}, so no identifier can align with the From domain."
                : $"No aligned pass is possible for {domain}: {string.Join(" ", evaluation.Reasons)}"));

            foreach (var c in checks)
                if (!c.Passed)
                    findings.Add(new Finding(PostureFindingCodes.BulkSenderRequirement, FindingSeverity.Error,
                        $"Gmail/Yahoo bulk-sender requirement not met ({c.Name}): {c.Detail}", Fix(c.Name, domain), Reference, domain));
            return (checks, evaluation);
        }

        private static string Fix(string check, string domain) => check switch
        {
            "SpfPublished" => $"Publish an SPF record at {domain} listing your senders, e.g. \"v=spf1 include:amazonses.com -all\".",
            "DkimPublished" => "Sign outgoing mail with DKIM and publish the key (SES: Easy DKIM on the domain identity); give its selector with -Selector if it is not a common one.",
            "DmarcPublished" => $"Publish \"v=DMARC1; p=none; rua=mailto:dmarc-reports@{domain}\" at _dmarc.{domain} (p=none is enough for Gmail/Yahoo; move to quarantine/reject later).",
            _ => $"Send with a MAIL FROM under {domain} (SES: a custom MAIL FROM domain) or sign with d={domain} (SES: Easy DKIM).",
        };
    }
}
