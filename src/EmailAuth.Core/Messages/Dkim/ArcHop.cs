namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>One ARC set (RFC 8617 §4.1): the intermediary's seal, message signature and recorded results.</summary>
    public sealed class ArcHop
    {
        /// <summary>i=: 1 for the first intermediary, counting up (RFC 8617 §4.2.1).</summary>
        public int Instance { get; set; }
        /// <summary>d= of the ARC-Seal (the sealing domain).</summary>
        public string? Domain { get; set; }
        /// <summary>s= of the ARC-Seal.</summary>
        public string? Selector { get; set; }
        /// <summary>cv= of the ARC-Seal as written: none, pass or fail.</summary>
        public string? ChainValidation { get; set; }
        /// <summary>The ARC-Seal's verification: Pass, Fail, TempError/PermError (key), Neutral (unparseable) or None (absent).</summary>
        public DkimVerificationResult SealResult { get; set; }
        /// <summary>
        /// The ARC-Message-Signature's verification. Only the newest one must verify (RFC 8617 §5.2); older ones are expected
        /// to fail when a later hop changed the message, so a Fail there shows which hop changed it.
        /// </summary>
        public DkimVerificationResult MessageSignatureResult { get; set; }
        /// <summary>d= of the ARC-Message-Signature.</summary>
        public string? MessageSignatureDomain { get; set; }
        /// <summary>The authserv-id of the ARC-Authentication-Results (RFC 8601 §2.2): which receiver recorded the results.</summary>
        public string? AuthServId { get; set; }
        /// <summary>The ARC-Authentication-Results value as written (unfolded).</summary>
        public string? AuthenticationResults { get; set; }
        /// <summary>Why the seal or the message signature did not pass, in plain words; null when both passed.</summary>
        public string? Reason { get; set; }

        public override string ToString() => $"i={Instance} d={Domain} cv={ChainValidation}: seal {SealResult}, AMS {MessageSignatureResult}";
    }
}
