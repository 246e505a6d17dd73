using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// Which terms of a record are redundant: a repeat of an earlier term (SPF_DUPLICATE_TERM), or an
    /// ip4/ip6 network inside an earlier network with the same qualifier (SPF_SHADOWED_TERM, §5.6: the
    /// earlier one always matches first). Near-linear in the number of terms, unlike comparing every
    /// pair: duplicates by hashing the canonical form; networks by hashing each network under its
    /// prefix length, so a term asks at most once per prefix length seen before (33 for IPv4, 129 for
    /// IPv6) whether an earlier network covers it. Only the first <see cref="MaxAnalysedTerms"/> terms
    /// are analysed; <see cref="IsTruncated"/> says when more were left out.
    /// </summary>
    internal sealed class SpfRedundantTerms
    {
        /// <summary>
        /// Terms analysed per record. A 512-byte record holds under 100 terms and the largest TXT record
        /// (RDLENGTH 65535, RFC 1035 §3.2.1) about 32,000; past this many the record is unmaintainable anyway
        /// and the findings would only repeat themselves.
        /// </summary>
        public const int MaxAnalysedTerms = 1000;

        private readonly int[] _duplicateOf;
        private readonly int[] _shadowedBy;
        private readonly IReadOnlyList<SpfTerm> _terms;

        private SpfRedundantTerms(IReadOnlyList<SpfTerm> terms, int analysed)
        {
            _terms = terms;
            AnalysedCount = analysed;
            _duplicateOf = new int[analysed];
            _shadowedBy = new int[analysed];
        }

        /// <summary>Terms in the record.</summary>
        public int TermCount => _terms.Count;

        /// <summary>Terms analysed: the first ones, at most the bound.</summary>
        public int AnalysedCount { get; }

        public bool IsTruncated => AnalysedCount < TermCount;

        /// <summary>Hash-table look-ups made: at most a constant times the terms analysed (tests check linearity on it).</summary>
        public long Probes { get; private set; }

        /// <summary>The first earlier term with the same canonical form, or null (also for terms past the bound).</summary>
        public SpfTerm? DuplicateOf(int index) => index < AnalysedCount && _duplicateOf[index] >= 0 ? _terms[_duplicateOf[index]] : null;

        /// <summary>
        /// For an ip4/ip6 term, the first earlier network with the same qualifier containing it and written
        /// differently (an identical repeat is a duplicate, not a shadow); else null.
        /// </summary>
        public SpfTerm? ShadowedBy(int index) => index < AnalysedCount && _shadowedBy[index] >= 0 ? _terms[_shadowedBy[index]] : null;

        public static SpfRedundantTerms Analyse(IReadOnlyList<SpfTerm> terms) => Analyse(terms, MaxAnalysedTerms);

        /// <param name="maxTerms">The bound (tests and benchmarks lift it to measure the algorithm alone).</param>
        internal static SpfRedundantTerms Analyse(IReadOnlyList<SpfTerm> terms, int maxTerms)
        {
            var result = new SpfRedundantTerms(terms, Math.Min(terms.Count, maxTerms));
            var firstByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var families = new Dictionary<(bool IsV6, SpfQualifier Qualifier), NetworkIndex>();
            long probes = 0;
            for (var i = 0; i < result.AnalysedCount; i++)
            {
                var t = terms[i];
                var key = Canonical(t);
                probes++;
                if (firstByKey.TryGetValue(key, out var first)) result._duplicateOf[i] = first;
                else
                {
                    firstByKey[key] = i;
                    result._duplicateOf[i] = -1;
                }
                result._shadowedBy[i] = -1;
                if (t.Network == null || (t.Type != SpfTermType.Ip4 && t.Type != SpfTermType.Ip6)) continue;
                probes++;
                if (!families.TryGetValue((t.Network.IsV6, t.Qualifier), out var index))
                    families[(t.Network.IsV6, t.Qualifier)] = index = new NetworkIndex();
                result._shadowedBy[i] = index.FirstCovering(t.Network, key, ref probes);
                index.Add(t.Network, key, i, ref probes);
            }
            result.Probes = probes;
            return result;
        }

        /// <summary>A term in canonical form for duplicate detection ("+" written or not, case, trailing dot).</summary>
        internal static string Canonical(SpfTerm t)
        {
            if (t.Type == SpfTermType.Ip4 || t.Type == SpfTermType.Ip6) return t.Qualifier.Symbol() + t.Type.Name() + ":" + t.Network;
            if (t.Type.IsModifier()) return t.Name + "=" + (t.Value ?? string.Empty).TrimEnd(TrimChars.Dot).ToLowerInvariant();
            var v = t.DomainSpec?.Text.TrimEnd(TrimChars.Dot).ToLowerInvariant() ?? string.Empty;
            var cidr = t.Type == SpfTermType.A || t.Type == SpfTermType.Mx ? $"/{t.Cidr4}//{t.Cidr6}" : string.Empty;
            return t.Qualifier.Symbol() + t.Type.Name() + ":" + v + cidr;
        }

        /// <summary>
        /// The networks of one address family and qualifier seen so far, hashed by (prefix length, address
        /// with the host bits cleared). Network N contains M exactly when N's prefix is not longer than M's
        /// and M's address, cut to N's prefix, equals N's cut address: one look-up per prefix length in use.
        /// </summary>
        private sealed class NetworkIndex
        {
            private readonly Dictionary<(int Prefix, ulong Hi, ulong Lo), Slot> _slots = new Dictionary<(int, ulong, ulong), Slot>();
            private readonly bool[] _prefixUsed = new bool[129];
            private readonly List<int> _prefixes = new List<int>();

            /// <summary>The lowest index of an earlier network containing <paramref name="network"/> and written differently; -1 if none.</summary>
            public int FirstCovering(IpNetwork network, string key, ref long probes)
            {
                var best = -1;
                foreach (var prefix in _prefixes)
                {
                    if (prefix > network.PrefixLength) continue;
                    probes++;
                    if (!_slots.TryGetValue(Cut(network.Address, prefix), out var slot)) continue;
                    // A shorter prefix is never the same text; at the same prefix skip the identical term.
                    var candidate = prefix < network.PrefixLength || !string.Equals(slot.FirstKey, key, StringComparison.Ordinal)
                        ? slot.First : slot.FirstOtherKey;
                    if (candidate >= 0 && (best < 0 || candidate < best)) best = candidate;
                }
                return best;
            }

            public void Add(IpNetwork network, string key, int index, ref long probes)
            {
                var cut = Cut(network.Address, network.PrefixLength);
                probes++;
                if (!_slots.TryGetValue(cut, out var slot))
                {
                    _slots[cut] = new Slot { First = index, FirstKey = key, FirstOtherKey = -1 };
                    if (!_prefixUsed[network.PrefixLength])
                    {
                        _prefixUsed[network.PrefixLength] = true;
                        _prefixes.Add(network.PrefixLength);
                    }
                }
                else if (slot.FirstOtherKey < 0 && !string.Equals(slot.FirstKey, key, StringComparison.Ordinal))
                    slot.FirstOtherKey = index;
            }

            /// <summary>The address with every bit after the first <paramref name="prefix"/> cleared, keyed with the prefix.</summary>
            private static (int, ulong, ulong) Cut(IpBits a, int prefix)
            {
                if (!a.IsV6) return (prefix, 0, prefix == 0 ? 0 : a.Lo & (0xFFFFFFFFUL << (32 - prefix)) & 0xFFFFFFFFUL);
                var hi = prefix >= 64 ? a.Hi : prefix == 0 ? 0 : a.Hi & ~(ulong.MaxValue >> prefix);
                var lo = prefix <= 64 ? 0 : prefix == 128 ? a.Lo : a.Lo & ~(ulong.MaxValue >> (prefix - 64));
                return (prefix, hi, lo);
            }

            /// <summary>The networks hashed to one (prefix, cut address): the first, and the first written differently from it.</summary>
            private sealed class Slot
            {
                public int First;
                public string FirstKey = string.Empty;
                public int FirstOtherKey;
            }
        }
    }
}
