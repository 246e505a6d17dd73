using System.Linq;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using MimeKit;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// The From domain (RFC 7489 §3.1, §6.6.1): exactly one From field (RFC 5322 §3.6) with one address. Several
    /// addresses of one domain are evaluated once (Warning); several domains, several From fields, none, or no
    /// usable domain: DMARC is not evaluated (Error), as receivers "typically reject" such mail.
    /// </summary>
    internal static class FromHeaderReader
    {
        private const string Ref = "RFC 7489 §6.6.1; RFC 5322 §3.6";

        public static FromIdentity Read(MimeMessage message)
        {
            var result = new FromIdentity();
            var fields = message.Headers.Where(h => h.Id == HeaderId.From).ToList();
            if (fields.Count == 0)
            {
                result.Findings.Add(new Finding(MessageFindingCodes.FromMissing, FindingSeverity.Error,
                    "The message has no From header field: DMARC has no domain to evaluate, and receivers reject such mail.",
                    "Send every message with exactly one From address.", Ref));
                return result;
            }
            result.From = fields[0].Value.Trim();
            if (fields.Count > 1)
            {
                result.Findings.Add(new Finding(MessageFindingCodes.FromMultipleFields, FindingSeverity.Error,
                    $"The message has {fields.Count} From header fields; RFC 5322 allows one, and DMARC receivers typically reject such mail, so no DMARC verdict is given.",
                    "Send every message with exactly one From header field.", Ref, result.From));
                return result;
            }
            var mailboxes = message.From.Mailboxes.ToList();
            if (mailboxes.Count == 0)
            {
                result.Findings.Add(new Finding(MessageFindingCodes.FromInvalidDomain, FindingSeverity.Error,
                    $"The From field '{result.From}' holds no address with a domain, so DMARC cannot be evaluated.",
                    "Use a From address such as news@example.com.", Ref, result.From));
                return result;
            }
            result.From = mailboxes[0].ToString();
            var domains = mailboxes.Select(m => (m, d: AlignmentDomainInput.Normalize(m.Domain, out _))).ToList();
            var bad = domains.FirstOrDefault(x => x.d == null);
            if (bad.m != null)
            {
                AlignmentDomainInput.Normalize(bad.m.Domain, out var error);
                result.Findings.Add(new Finding(MessageFindingCodes.FromInvalidDomain, FindingSeverity.Error,
                    $"The From address '{bad.m.Address}' has no usable domain: {error}",
                    "Use a From address such as news@example.com.", Ref, bad.m.Address));
                return result;
            }
            var distinct = domains.Select(x => x.d!).Distinct().ToList();
            if (mailboxes.Count > 1)
            {
                var one = distinct.Count == 1;
                result.Findings.Add(new Finding(MessageFindingCodes.FromMultipleAddresses, one ? FindingSeverity.Warning : FindingSeverity.Error,
                    one
                        ? $"The From field holds {mailboxes.Count} addresses, all under {distinct[0]}: DMARC is evaluated once for it, but some receivers reject mail with several From addresses."
                        : $"The From field holds addresses of {distinct.Count} domains ({string.Join(", ", distinct)}): receivers typically reject such mail, so no DMARC verdict is given.",
                    "Send with a single From address; put other authors in Sender or Reply-To.", Ref, result.From));
                if (!one) return result;
            }
            result.Domain = distinct[0];
            return result;
        }
    }
}
