using System;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>How <see cref="MtaStsInspector"/> gets the policy.</summary>
    public sealed class MtaStsOptions
    {
        /// <summary>RFC 8461 §3.3: senders SHOULD limit the policy to 64 KiB; fetched bodies and policy files alike.</summary>
        public const int MaxPolicyBytes = 64 * 1024;

        /// <summary>A policy to use instead of fetching one (offline audits: Get-MtaStsPolicy -PolicyPath).</summary>
        public string? PolicyText { get; set; }
        /// <summary>Where <see cref="PolicyText"/> came from (a file path), for the result and messages.</summary>
        public string? PolicySource { get; set; }
        /// <summary>Do not fetch over HTTPS (answers come from zone files): say the policy was not fetched.</summary>
        public bool Offline { get; set; }
        /// <summary>Time for the whole fetch: connect, TLS handshake and response (RFC 8461 §3.3 asks for a timeout).</summary>
        public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }
}
