using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>
    /// A DMARC record parsed by <see cref="DmarcParser"/>: the tags as written and their meaning with the defaults
    /// of RFC 9989 (absent p → none, adkim/aspf → relaxed, t → n, psd → u) and RFC 7489 (pct → 100).
    /// Values a receiver would discard are null here and named in <see cref="Findings"/>.
    /// </summary>
    public sealed class DmarcRecord
    {
        internal DmarcRecord(string text) => Text = text;

        public string Text { get; }
        /// <summary>Starts with v=DMARC1: receivers read it at all (RFC 9989: exact case).</summary>
        public bool IsDmarcRecord { get; internal set; }
        public IReadOnlyList<DmarcTag> Tags { get; internal set; } = Array.Empty<DmarcTag>();

        /// <summary>p=; None when absent (RFC 9989); null when the value is invalid.</summary>
        public DmarcPolicy? Policy { get; internal set; }
        /// <summary>True when p= is present with a valid value.</summary>
        public bool HasPolicyTag { get; internal set; }
        /// <summary>sp= as published; null when absent or invalid (p= applies).</summary>
        public DmarcPolicy? SubdomainPolicy { get; internal set; }
        /// <summary>np= as published; null when absent or invalid (sp=, then p= applies).</summary>
        public DmarcPolicy? NonexistentDomainPolicy { get; internal set; }
        public DmarcAlignmentMode AlignmentDkim { get; internal set; }
        public DmarcAlignmentMode AlignmentSpf { get; internal set; }
        /// <summary>pct= (RFC 7489; removed by RFC 9989); 100 when absent.</summary>
        public int Pct { get; internal set; } = 100;
        /// <summary>t=y (RFC 9989).</summary>
        public bool Testing { get; internal set; }
        public DmarcPsd Psd { get; internal set; }
        public IReadOnlyList<DmarcUri> Rua { get; internal set; } = Array.Empty<DmarcUri>();
        public IReadOnlyList<DmarcUri> Ruf { get; internal set; } = Array.Empty<DmarcUri>();
        /// <summary>fo= as published (default "0").</summary>
        public string? FailureOptions { get; internal set; }
        /// <summary>rf= (RFC 7489; removed by RFC 9989).</summary>
        public string? ReportFormat { get; internal set; }
        /// <summary>ri= in seconds (RFC 7489; removed by RFC 9989).</summary>
        public long? ReportInterval { get; internal set; }

        /// <summary>
        /// p=, sp= or np= holds an invalid value and rua= no valid URI: RFC 9989 (DMARC Policy Discovery) and RFC 7489
        /// §6.6.3 say receivers then apply no DMARC at all; with a valid rua= they act as if p=none.
        /// </summary>
        public bool IsDiscarded { get; internal set; }

        /// <summary>Syntax and tag findings of the record text.</summary>
        public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

        /// <summary>The policy receivers apply for the name the record was found at (p=, or none when discarded/invalid but rua= is valid).</summary>
        public DmarcPolicy? PolicyOrDefault => IsDiscarded ? (DmarcPolicy?)null : Policy ?? DmarcPolicy.None;

        public override string ToString() => Text;
    }
}
