namespace EmailAuth.Core.Messages
{
    /// <summary>One place where the message's own Authentication-Results differ from what EmailAuth computed.</summary>
    public sealed class MessageDisagreement
    {
        /// <summary>spf, dkim, dmarc or arc (the RFC 8601 method).</summary>
        public string Method { get; set; } = string.Empty;
        /// <summary>What the result is about: the MAIL FROM domain, "d=example.com s=sel", the From domain.</summary>
        public string? Subject { get; set; }
        /// <summary>The result the header reports (lower case as written), or "(absent)".</summary>
        public string Reported { get; set; } = string.Empty;
        /// <summary>Our result (lower case), or "(absent)".</summary>
        public string Computed { get; set; } = string.Empty;
        /// <summary>The authserv-id of the header the reported result comes from.</summary>
        public string AuthServId { get; set; } = string.Empty;
        /// <summary>Authentication-Results or ARC-Authentication-Results (with i=).</summary>
        public string Header { get; set; } = string.Empty;
        /// <summary>Why the two may differ, in words.</summary>
        public string? Note { get; set; }

        public override string ToString() => $"{Method}{(Subject != null ? " " + Subject : string.Empty)}: {AuthServId} reported {Reported}, computed {Computed}";
    }
}
