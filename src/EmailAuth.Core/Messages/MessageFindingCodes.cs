namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Stable codes of what Test-EmailMessage observes about one message (<see cref="EmailMessageAuthResult.Findings"/>),
    /// beside the DMARC verdict's own codes (DmarcVerdictFindingCodes) and each DKIM signature's. Never rename.
    /// </summary>
    public static class MessageFindingCodes
    {
        /// <summary>Error: the message has no From header field, so DMARC has no domain to protect (RFC 5322 §3.6; RFC 7489 §6.6.1).</summary>
        public const string FromMissing = "MSG_FROM_MISSING";
        /// <summary>Error: more than one From header field (RFC 5322 §3.6 allows one): receivers typically reject such mail (RFC 7489 §6.6.1).</summary>
        public const string FromMultipleFields = "MSG_FROM_MULTIPLE_FIELDS";
        /// <summary>Warning or Error: one From field with several addresses (RFC 7489 §6.6.1); Error when their domains differ.</summary>
        public const string FromMultipleAddresses = "MSG_FROM_MULTIPLE_ADDRESSES";
        /// <summary>Error: the From address has no usable domain (malformed, or not a domain name).</summary>
        public const string FromInvalidDomain = "MSG_FROM_INVALID_DOMAIN";
        /// <summary>Warning: no Received header names the client's IP address and -ClientIPAddress was not given: SPF is not evaluated.</summary>
        public const string ClientIPUnknown = "MSG_CLIENT_IP_UNKNOWN";
        /// <summary>Warning: no Return-Path header and no -MailFrom: SPF checks the HELO identity only (RFC 7208 §2.4).</summary>
        public const string MailFromUnknown = "MSG_MAIL_FROM_UNKNOWN";
        /// <summary>Warning: what the message's Authentication-Results (or ARC-Authentication-Results) header says differs from our evaluation.</summary>
        public const string ReportedResultDiffers = "MSG_REPORTED_RESULT_DIFFERS";
        /// <summary>Info: the message carries no Authentication-Results header to compare with.</summary>
        public const string NoReportedResults = "MSG_NO_AUTHENTICATION_RESULTS";
        /// <summary>Warning: no Authentication-Results header carries the authserv-id given with -AuthServId.</summary>
        public const string AuthServIdNotFound = "MSG_AUTHSERV_ID_NOT_FOUND";
        /// <summary>Warning: the message carries an ARC chain that does not validate (RFC 8617 §5.2).</summary>
        public const string ArcChainFailed = "MSG_ARC_CHAIN_FAILED";
        /// <summary>Info: no List-Unsubscribe header: Gmail and Yahoo require one-click unsubscribe from bulk senders (RFC 8058).</summary>
        public const string ListUnsubscribeMissing = "MSG_LIST_UNSUBSCRIBE_MISSING";
        /// <summary>Warning: List-Unsubscribe has no https URI, which one-click unsubscribe needs (RFC 8058 §3.1).</summary>
        public const string ListUnsubscribeNoHttps = "MSG_LIST_UNSUBSCRIBE_NO_HTTPS";
        /// <summary>Warning: List-Unsubscribe-Post is missing or is not exactly "List-Unsubscribe=One-Click" (RFC 8058 §3.1).</summary>
        public const string ListUnsubscribePostMissing = "MSG_LIST_UNSUBSCRIBE_POST_MISSING";
        /// <summary>Warning: no valid DKIM signature aligned with From covers both List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 §4).</summary>
        public const string ListUnsubscribeNotSigned = "MSG_LIST_UNSUBSCRIBE_NOT_SIGNED";
    }
}
