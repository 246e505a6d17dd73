using System;
using System.Collections.Generic;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>A policy body (RFC 8461 §3.2) as parsed; fields are null when missing or invalid.</summary>
    public sealed class MtaStsPolicy
    {
        public string? Version { get; set; }
        public MtaStsMode? Mode { get; set; }
        /// <summary>Seconds senders may cache the policy, 0..31557600.</summary>
        public long? MaxAge { get; set; }
        /// <summary>The mx patterns in order, as published (valid ones only).</summary>
        public IReadOnlyList<string> Mx { get; set; } = Array.Empty<string>();
        /// <summary>Unknown keys, which senders ignore (§3.2).</summary>
        public IReadOnlyDictionary<string, string> Extensions { get; set; } = new Dictionary<string, string>();
        /// <summary>Every required field is present and valid, and no line broke the grammar.</summary>
        public bool IsValid { get; set; }
    }
}
