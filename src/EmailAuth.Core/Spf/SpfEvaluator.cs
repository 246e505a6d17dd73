using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>RFC 7208 §4 check_host(). Thread-safe: each call has its own state.</summary>
    public sealed class SpfEvaluator
    {
        public SpfEvaluator(IDnsResolver resolver, SpfEvaluationOptions? options = null)
        {
            Resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            Options = options ?? new SpfEvaluationOptions();
        }

        public IDnsResolver Resolver { get; }
        public SpfEvaluationOptions Options { get; }

        /// <param name="ipAddress">The SMTP client's address (IPv4, IPv6 or IPv4-mapped IPv6).</param>
        /// <param name="domain">The domain to check; null or empty: the sender's domain (or the HELO name when the sender is empty).</param>
        /// <param name="sender">MAIL FROM; null or empty means postmaster@&lt;helo&gt; (§2.4). A local-part-less value means postmaster@value (§4.3).</param>
        /// <param name="helo">The HELO/EHLO name; may be empty when unknown.</param>
        public async Task<SpfCheckResult> CheckHostAsync(IPAddress ipAddress, string? domain, string? sender, string? helo,
                                                         CancellationToken cancellationToken = default)
        {
            if (ipAddress == null) throw new ArgumentNullException(nameof(ipAddress));
            cancellationToken.ThrowIfCancellationRequested();

            helo = SpfDomainName.TrimDot(helo ?? string.Empty);
            // §2.4: an empty MAIL FROM is checked as postmaster@<helo>; §4.3: no local-part → "postmaster".
            var s = (sender ?? string.Empty).Trim();
            if (s.Length >= 2 && s[0] == '<' && s[s.Length - 1] == '>') s = s.Substring(1, s.Length - 2);
            string local, senderDomain;
            if (s.Length == 0)
            {
                local = "postmaster";
                senderDomain = helo;
            }
            else
            {
                // The domain follows the last "@" (a quoted local-part may hold "@"; pyspf splits at the first).
                var at = s.LastIndexOf('@');
                local = at <= 0 ? "postmaster" : s.Substring(0, at);
                senderDomain = SpfDomainName.TrimDot(at < 0 ? s : s.Substring(at + 1));
            }
            s = local + "@" + senderDomain;
            var checkDomain = string.IsNullOrWhiteSpace(domain) ? senderDomain : SpfDomainName.TrimDot(domain!);

            // IPv4-mapped IPv6 clients (::ffff:a.b.c.d) are evaluated as IPv4, as pyspf does.
            var ip = IpBits.From(ipAddress, unmapV4: true);
            var values = new SpfMacroValues(s, local, senderDomain, helo, ip, Options.ReceivingDomain ?? "unknown",
                                            DateTimeOffset.UtcNow.ToUnixTimeSeconds());

            // The configured limit, raised so that one failing query still gets its retries (SpfDeadline.For).
            var timeout = SpfDeadline.For(Resolver, Options.OverallTimeout);
            using var deadline = new SpfDeadline(timeout, cancellationToken);
            var evaluation = new SpfEvaluation(Resolver, Options, values, deadline);
            SpfResult result;
            string? explanation = null;
            string? reason;
            if (evaluation.Tracing) evaluation.AddTrace($"check_host({ip}, {checkDomain}, {s}) helo={helo}");
            try
            {
                result = await evaluation.CheckHostAsync(checkDomain, 0).ConfigureAwait(false);
                reason = evaluation.Reason;
                if (result == SpfResult.Fail)
                    explanation = await ExplainAsync(evaluation).ConfigureAwait(false);
            }
            catch (SpfTimeoutException ex) when (!cancellationToken.IsCancellationRequested)
            {
                result = SpfResult.TempError;
                reason = $"temperror: the evaluation exceeded its overall time limit of {timeout.TotalSeconds:0.###} s ({ex.Message}) (RFC 7208 §4.6.4)";
                evaluation.AddTrace(reason);
            }
            catch (SpfQueryLimitException ex)
            {
                result = SpfResult.TempError;
                reason = ex.Message;
                evaluation.AddTrace(reason);
            }
            cancellationToken.ThrowIfCancellationRequested();
            var matched = result == SpfResult.PermError || result == SpfResult.TempError || result == SpfResult.None ? null : evaluation.MatchedTerm;
            if (evaluation.Tracing) evaluation.AddTrace($"result: {result.ToString().ToLowerInvariant()}" + (reason != null ? $" ({reason})" : string.Empty));
            return new SpfCheckResult(result, checkDomain, ipAddress, s, helo, matched, explanation, reason,
                                      evaluation.DnsLookups, evaluation.VoidLookups, evaluation.Trace);
        }

        /// <summary>
        /// §6.2 exp=: fetched and expanded only on Fail, from the record that decided (not from an included record;
        /// after redirect= from the target's). Any problem (DNS error, no or several TXT, bad syntax) → no explanation.
        /// </summary>
        private static async Task<string?> ExplainAsync(SpfEvaluation evaluation)
        {
            var record = evaluation.DecidingRecord;
            var domain = evaluation.DecidingDomain;
            if (record?.Exp?.DomainSpec == null || domain == null) return null;
            evaluation.Explaining = true;
            try
            {
                var spec = record.Exp.DomainSpec;
                if (spec.UsesP && !await evaluation.EnsurePAsync(domain).ConfigureAwait(false)) return null;
                var name = SpfMacroExpander.ExpandDomain(spec, evaluation.Values, domain);
                if (!SpfDomainName.IsQueryable(name))
                {
                    if (evaluation.Tracing) evaluation.AddTrace($"exp: '{name}' is not a valid domain name: no explanation");
                    return null;
                }
                var answer = await evaluation.QueryAsync(name, DnsRecordType.TXT).ConfigureAwait(false);
                if (answer.IsError || answer.Records.Count != 1)
                {
                    if (evaluation.Tracing) evaluation.AddTrace($"exp: {answer.Records.Count} TXT record(s) at {name} ({answer.Status}): no explanation (RFC 7208 §6.2)");
                    return null;
                }
                var text = answer.Records[0].Data;
                var ms = SpfParser.ParseMacroString(text, 0, text.Length, SpfMacroContextKind.Explanation, out var error, out _);
                if (ms == null)
                {
                    if (evaluation.Tracing) evaluation.AddTrace($"exp: explanation at {name} is not a valid macro-string ({error}): no explanation (RFC 7208 §6.2)");
                    return null;
                }
                if (ms.UsesP && !await evaluation.EnsurePAsync(domain).ConfigureAwait(false)) return null;
                var explanation = SpfMacroExpander.Expand(ms, evaluation.Values, domain);
                if (evaluation.Tracing) evaluation.AddTrace($"exp: \"{explanation}\"");
                return explanation;
            }
            catch (SpfTimeoutException)
            {
                evaluation.AddTrace("exp: the overall time limit was reached: no explanation");
                return null;
            }
            catch (SpfQueryLimitException)
            {
                evaluation.AddTrace("exp: the DNS query limit was reached: no explanation");
                return null;
            }
            finally
            {
                evaluation.Explaining = false;
            }
        }
    }
}
