using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Domains
{
    /// <summary>
    /// The DNS tree walk of RFC 9989 ("DNS Tree Walk", "Organizational Domain Discovery"): query _dmarc at the name,
    /// then, skipping to 7 labels when the name has 8 or more, one label shorter at a time up to the top-level domain,
    /// stopping at a record with psd=n (or psd=y above the start). At most <see cref="MaxQueries"/> queries.
    /// </summary>
    public sealed class DnsTreeWalk
    {
        /// <summary>1 at the name + at most 7 above it.</summary>
        public const int MaxQueries = 8;

        /// <summary>A name of 8 or more labels continues at its last 7 labels.</summary>
        public const int SkipToLabels = 7;

        private readonly IDnsResolver _resolver;

        public DnsTreeWalk(IDnsResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

        /// <summary>Walks from <paramref name="domain"/> (a normalized name, e.g. from DomainNameInput).</summary>
        public async Task<TreeWalkResult> WalkAsync(string domain, CancellationToken cancellationToken = default)
        {
            var start = DnsName.Normalize(domain).ToLowerInvariant();
            var labels = LabelStarts(start);
            var steps = new List<TreeWalkStep>();

            // Steps 1-2: the name itself; only psd=n stops here. (Each query is awaited here, not in an async method of
            // its own: one state machine per walk, not one per step.)
            var firstName = QueryName(start);
            var first = firstName.Length > 253 ? TooLong(start, firstName)
                : Step(start, firstName, await _resolver.QueryAsync(firstName, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false));
            steps.Add(first);
            if (first.Status != null && IsFailure(first.Status.Value)) return Failed(start, steps, first);
            if (first.Record?.Psd != DmarcPsd.N)
            {
                // Steps 4-8: x < 8 → drop one label; x >= 8 → keep the last 7; then one label at a time.
                var count = Math.Min(labels.Length - 1, SkipToLabels);
                for (; count >= 1 && steps.Count < MaxQueries; count--)
                {
                    // The last count labels (as string.Join(".", labels, ...) of the split name would give them).
                    var target = start.Substring(labels[labels.Length - count]);
                    var name = QueryName(target);
                    var step = name.Length > 253 ? TooLong(target, name)
                        : Step(target, name, await _resolver.QueryAsync(name, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false));
                    steps.Add(step);
                    if (step.Status != null && IsFailure(step.Status.Value)) return Failed(start, steps, step);
                    if (step.Record != null && (step.Record.Psd == DmarcPsd.N || step.Record.Psd == DmarcPsd.Y)) break;
                }
            }
            var (org, reason) = Select(start, steps);
            return new TreeWalkResult(start, steps, org, reason, null);
        }

        /// <summary>RFC 9989 "Organizational Domain Discovery": the domains with one valid record, longest first.</summary>
        internal static (string Domain, string Reason) Select(string start, IReadOnlyList<TreeWalkStep> steps)
        {
            // The steps with a record, read in place twice (no filtered list per walk: every audit walks).
            TreeWalkStep? shortest = null;
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                if (s.Record == null) continue;
                if (s.Record.Psd == DmarcPsd.N) return (s.Domain, $"_dmarc.{s.Domain} has psd=n: it is the Organizational Domain");
                if (s.Record.Psd == DmarcPsd.Y && s.Domain != start)
                {
                    var below = OneLabelBelow(start, s.Domain);
                    return (below, $"_dmarc.{s.Domain} has psd=y (a public suffix domain): the Organizational Domain is one label below it");
                }
            }
            for (var i = 0; i < steps.Count; i++)
            {
                // The first of those with the fewest labels (as a stable sort by label count would give).
                var s = steps[i];
                if (s.Record != null && (shortest == null || LabelCount(s.Domain) < LabelCount(shortest.Domain))) shortest = s;
            }
            if (shortest != null)
            {
                return (shortest.Domain, $"_dmarc.{shortest.Domain} is the DMARC record with the fewest labels");
            }
            return (start, "no DMARC record on the walk: the name is its own Organizational Domain");
        }

        private static int LabelCount(string name)
        {
            var count = 1;
            foreach (var c in name) if (c == '.') count++;
            return count;
        }

        private static string OneLabelBelow(string start, string ancestor)
        {
            var labels = start.Split('.');
            var n = ancestor.Split('.').Length + 1;
            return string.Join(".", labels, labels.Length - n, n);
        }

        /// <summary>Where one step of the walk asks (RFC 9989 "DNS Tree Walk").</summary>
        private static string QueryName(string domain) => "_dmarc." + domain;

        /// <summary>A query name over 253 characters cannot exist (RFC 1035 §2.3.4): not sent.</summary>
        private static TreeWalkStep TooLong(string domain, string name) => new TreeWalkStep(domain, name, null, 0, null);

        /// <summary>Where each label of <paramref name="name"/> starts (the first at 0).</summary>
        private static int[] LabelStarts(string name)
        {
            var count = 1;
            foreach (var c in name) if (c == '.') count++;
            var starts = new int[count];
            for (int i = 0, k = 1; i < name.Length; i++)
                if (name[i] == '.') starts[k++] = i + 1;
            return starts;
        }

        private static TreeWalkStep Step(string domain, string name, DnsAnswer answer)
        {
            if (answer.IsError) return new TreeWalkStep(domain, name, answer.Status, 0, null, answer.Server, answer.ErrorMessage);
            var candidates = DmarcRecordSelection.Candidates(answer);
            // Parsed once per text: one audit walks over the same records several times.
            var record = candidates.Count == 1 ? DmarcRecordCache.Get(candidates[0].Data) : null;
            return new TreeWalkStep(domain, name, answer.Status, candidates.Count, record, answer.Server);
        }

        private static bool IsFailure(DnsAnswerStatus status) => status >= DnsAnswerStatus.Timeout;

        private static TreeWalkResult Failed(string start, List<TreeWalkStep> steps, TreeWalkStep failed) =>
            new TreeWalkResult(start, steps, null,
                $"the query for {failed.QueryName} failed ({failed.Status}{(failed.Server != null ? " from " + failed.Server : "")}): the walk cannot decide", failed);
    }
}
