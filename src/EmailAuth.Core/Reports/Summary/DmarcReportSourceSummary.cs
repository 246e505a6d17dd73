using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// One sending source of a domain: a recognised service (all its IPs) or one source IP, with its counts and,
    /// in plain words, why it fails alignment and what to do.
    /// </summary>
    public sealed class DmarcReportSourceSummary
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>The service name (e.g. "Amazon SES") or the source IP.</summary>
        public string Source { get; set; } = string.Empty;
        /// <summary>The recognised sending service; null for an unrecognised source (then <see cref="Source"/> is its IP).</summary>
        public string? SendingService { get; set; }
        /// <summary>The source IPs seen (at most <see cref="DmarcReportAggregator.MaxIPsPerSource"/>).</summary>
        public IReadOnlyList<string> SourceIP { get; set; } = Array.Empty<string>();
        public long MessageCount { get; set; }
        public long AlignedCount { get; set; }
        public long DkimAlignedCount { get; set; }
        public long SpfAlignedCount { get; set; }
        /// <summary>Failing messages that passed SPF or DKIM for something not aligned (they block enforcement).</summary>
        public long NotAlignedCount { get; set; }
        /// <summary>Failing messages that failed as forwarded mail does (they do not block enforcement).</summary>
        public long ForwardedCount { get; set; }
        public double PassRate => DmarcReportMath.Percent(AlignedCount, MessageCount);
        public DmarcSourceStatus Status { get; set; }
        /// <summary>What the receivers saw, e.g. "SPF passes for amazonses.com, which does not align with example.com; DKIM signs as amazonses.com".</summary>
        public string Explanation { get; set; } = string.Empty;
        /// <summary>What to change; null when nothing needs fixing.</summary>
        public string? Fix { get; set; }
        public override string ToString() => $"{Source}: {Status}, {PassRate:0.#}% of {MessageCount}";
    }
}
