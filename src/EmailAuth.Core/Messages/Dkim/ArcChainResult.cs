using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>The validation of a message's Authenticated Received Chain (RFC 8617 §5.2).</summary>
    public sealed class ArcChainResult
    {
        public ArcChainValidation Result { get; set; }
        /// <summary>Why the chain failed, in plain words; null on pass or none.</summary>
        public string? Reason { get; set; }
        /// <summary>The ARC sets by instance, oldest (i=1) first.</summary>
        public IReadOnlyList<ArcHop> Hops { get; set; } = Array.Empty<ArcHop>();
        /// <summary>Findings with stable <see cref="MessageDkimFindingCodes"/> (ARC_*).</summary>
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => $"ARC {Result}, {Hops.Count} hop(s)" + (Reason != null ? $" ({Reason})" : "");
    }
}
