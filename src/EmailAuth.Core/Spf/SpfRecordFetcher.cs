using System;
using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    internal enum SpfRecordSelectionKind
    {
        /// <summary>Exactly one TXT record starting with "v=spf1".</summary>
        Found,
        /// <summary>NXDOMAIN, no TXT, or no TXT starting with "v=spf1": check_host() result "none" (§4.5).</summary>
        None,
        /// <summary>Two or more: permerror (§4.5).</summary>
        Multiple,
        /// <summary>The TXT query failed (timeout, SERVFAIL, ...): temperror (§4.4).</summary>
        DnsError,
    }

    /// <summary>Record selection, RFC 7208 §4.5. Type-99 SPF records are never used (§3.1).</summary>
    internal sealed class SpfRecordSelection
    {
        private SpfRecordSelection(SpfRecordSelectionKind kind, DnsAnswer answer, DnsRecord? record, IReadOnlyList<DnsRecord> candidates)
        {
            Kind = kind;
            Answer = answer;
            Record = record;
            Candidates = candidates;
        }

        public SpfRecordSelectionKind Kind { get; }
        public DnsAnswer Answer { get; }
        /// <summary>The selected record when <see cref="Kind"/> is Found.</summary>
        public DnsRecord? Record { get; }
        /// <summary>Every TXT record that starts with "v=spf1".</summary>
        public IReadOnlyList<DnsRecord> Candidates { get; }
        public string? Text => Record?.Data;

        public static SpfRecordSelection Select(DnsAnswer answer)
        {
            if (answer.IsError) return new SpfRecordSelection(SpfRecordSelectionKind.DnsError, answer, null, Array.Empty<DnsRecord>());
            DnsRecord? first = null;
            List<DnsRecord>? all = null;
            for (var i = 0; i < answer.Records.Count; i++) // by index: no boxed enumerator
            {
                var r = answer.Records[i];
                if (r.Type != DnsRecordType.TXT || !SpfParser.IsSpfRecord(r.Data)) continue;
                if (first == null) { first = r; continue; }
                all ??= new List<DnsRecord> { first };
                all.Add(r);
            }
            if (all != null) return new SpfRecordSelection(SpfRecordSelectionKind.Multiple, answer, null, all);
            if (first == null) return new SpfRecordSelection(SpfRecordSelectionKind.None, answer, null, Array.Empty<DnsRecord>());
            return new SpfRecordSelection(SpfRecordSelectionKind.Found, answer, first, new[] { first });
        }
    }
}
