using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>
    /// DKIM keys at the given selectors, or at the common ones (guessed: DNS cannot list selectors, RFC 6376 §3.1),
    /// through <see cref="DkimKeyInspector"/>. The selectors are independent lookups, so they run concurrently.
    /// </summary>
    public sealed class DkimPostureSection : IPostureSection
    {
        /// <summary>Most selectors looked up per domain.</summary>
        public const int MaxSelectors = 64;

        public string Name => PostureSectionNames.Dkim;

        /// <summary>The selectors to look up: the distinct ones (ordinal, first kept), at most <see cref="MaxSelectors"/>.</summary>
        private static List<string> Selectors(IReadOnlyList<string> all)
        {
            var selectors = new List<string>(Math.Min(all.Count, MaxSelectors));
            HashSet<string>? seen = all.Count > 8 ? new HashSet<string>() : null;
            foreach (var s in all)
            {
                if (selectors.Count == MaxSelectors) break;
                if (seen != null ? seen.Add(s) : !selectors.Contains(s)) selectors.Add(s);
            }
            return selectors;
        }

        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
        {
            // An SES identity names its selectors: the Easy DKIM tokens, or the BYODKIM selector.
            var ses = context.Ses?.Identity.Dkim;
            var given = ses != null && ses.Tokens.Count > 0 ? ses.Tokens
                      : ses?.Selector != null ? new[] { ses.Selector } : context.Options.Selectors;
            var guessed = given == null || given.Count == 0;
            var selectors = Selectors(guessed ? DkimCommonSelectors.All : given!);
            var inspector = new DkimKeyInspector(context.Resolver, context.Options.OfflineZones);
            var run = new Run(context, guessed, selectors.Count);
            // One selector given (-Selector s1, the usual bulk run): its task alone, no WhenAll over a one-task array.
            if (selectors.Count == 1)
                return SectionTasks.Then(inspector.InspectAsync(context.Domain, selectors[0], guessed, cancellationToken), run.One);
            var tasks = new Task<DkimKeyInfo?>[selectors.Count];
            for (var i = 0; i < tasks.Length; i++) tasks[i] = inspector.InspectAsync(context.Domain, selectors[i], guessed, cancellationToken);
            return SectionTasks.Then(Task.WhenAll(tasks), run.All);
        }

        /// <summary>
        /// What the result needs besides the keys (one object per domain, as the closure before). Its methods go to the
        /// one generic wait all sections share: a wait of its own would be another async state machine to compile.
        /// </summary>
        private sealed class Run
        {
            public readonly PostureContext Context;
            public readonly bool Guessed;
            public readonly int SelectorCount;

            public Run(PostureContext context, bool guessed, int selectorCount)
            {
                Context = context;
                Guessed = guessed;
                SelectorCount = selectorCount;
            }

            public PostureSectionResult One(DkimKeyInfo? found) => Result(this, new[] { found });
            public PostureSectionResult All(DkimKeyInfo?[] found) => Result(this, found);
        }

        private static PostureSectionResult Result(Run run, DkimKeyInfo?[] found)
        {
            var context = run.Context;
            var guessed = run.Guessed;
            var keys = new List<DkimKeyInfo>(found.Length);
            var usable = new List<DkimKeyInfo>(found.Length);
            var findings = new List<Finding>();
            foreach (var k in found)
            {
                if (k == null) continue;
                keys.Add(k);
                findings.AddRange(k.Findings);
                if (k.IsValid && !k.Revoked) usable.Add(k);
            }
            if (guessed && keys.Count == 0)
                findings.Add(new Finding(PostureFindingCodes.NoDkimKey, FindingSeverity.Warning,
                    $"No DKIM key at any of the {run.SelectorCount} common selectors of {context.Domain}. DNS cannot list selectors, so a key may exist under another one (SES Easy DKIM tokens cannot be guessed).",
                    "Give the selectors your signers use with -Selector; if there are none, set up DKIM signing (in SES: Easy DKIM on a domain identity).",
                    "RFC 6376 §3.1", context.Domain));
            var summary = usable.Count > 0 ? UsableSummary(usable)
                : keys.Count > 0 ? $"no usable key ({keys.Count} selector(s) checked with problems)"
                : guessed ? "no key at the common selectors" : "no key at the given selectors";
            return new PostureSectionResult(PostureSectionNames.Dkim, (IReadOnlyList<DkimKeyInfo>)keys, findings, usable.Count > 0, summary);
        }

        /// <summary>"1 usable key(s): s1 (rsa 2048 bits)": one builder, no LINQ or Join over the keys.</summary>
        private static string UsableSummary(List<DkimKeyInfo> usable)
        {
            var text = new StringBuilder(48 * usable.Count); // room for "N usable key(s): s1 (rsa 2048 bits)" without growing
            text.Append(usable.Count).Append(" usable key(s): ");
            for (var i = 0; i < usable.Count; i++)
            {
                var k = usable[i];
                if (i > 0) text.Append(", ");
                // As "{Selector} ({KeyType} {bits} bits)", " )" closed up when there are no bits. A usable key's type is
                // rsa or ed25519; a selector holding " )" itself (hostile input) goes the old way, closed up too.
                if (k.Selector != null && k.Selector.IndexOf(" )", StringComparison.Ordinal) >= 0)
                {
                    text.Append($"{k.Selector} ({k.KeyType} {(k.KeyBits > 0 ? k.KeyBits + " bits" : "")})".Replace(" )", ")"));
                    continue;
                }
                text.Append(k.Selector).Append(" (").Append(k.KeyType);
                if (k.KeyBits > 0) text.Append(' ').Append(k.KeyBits).Append(" bits)");
                else text.Append(')');
            }
            return text.ToString();
        }
    }
}
