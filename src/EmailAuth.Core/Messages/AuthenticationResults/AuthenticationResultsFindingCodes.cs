namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// Stable codes of Authentication-Results findings (RFC 8601; ARC-Authentication-Results, RFC 8617 §4.1.1).
    /// Scripts and CI gates match on them: never rename. Errors make the header invalid; warnings and
    /// infos describe what real receivers write outside the grammar but is still read.
    /// </summary>
    public static class AuthenticationResultsFindingCodes
    {
        /// <summary>Error: the text breaks the RFC 8601 §2.2 grammar (unterminated comment or quoted string,
        /// a control character, a missing "=", a result or property that is not a keyword); the rest of that resinfo is skipped.</summary>
        public const string SyntaxError = "AR_SYNTAX_ERROR";
        /// <summary>Error: the header is empty or holds no authserv-id (RFC 8601 §2.2: it is mandatory, and
        /// consumers decide from it whether to trust the header, §5).</summary>
        public const string MissingAuthServId = "AR_MISSING_AUTHSERV_ID";
        /// <summary>Warning: authres-version other than 1 (RFC 8601 §2.2: a consumer ignores versions it does not know).</summary>
        public const string UnknownVersion = "AR_UNKNOWN_VERSION";
        /// <summary>Info: a method that is not in the IANA Email Authentication Methods registry (RFC 8601 §2.7, §6.2)
        /// as far as this module knows; the result is kept but its meaning is the receiver's own.</summary>
        public const string UnknownMethod = "AR_UNKNOWN_METHOD";
        /// <summary>Error: a result the method does not define (RFC 8601 §2.7.1–§2.7.4, RFC 7489 §11.2, RFC 8617 §10.2, ...).</summary>
        public const string InvalidResult = "AR_INVALID_RESULT";
        /// <summary>Warning: a result the registry lists as deprecated ("hardfail" of spf/sender-id, RFC 8601 §2.7.2).</summary>
        public const string DeprecatedResult = "AR_DEPRECATED_RESULT";
        /// <summary>Warning: the same method, result and properties twice in one header.</summary>
        public const string DuplicateResult = "AR_DUPLICATE_RESULT";
        /// <summary>Warning: the same ptype.property twice in one resinfo; the first value is kept.</summary>
        public const string DuplicateProperty = "AR_DUPLICATE_PROPERTY";
        /// <summary>Warning: "name=value" without a "ptype." (e.g. Microsoft's action=none): outside RFC 8601 §2.2,
        /// kept under its bare name.</summary>
        public const string PropertyWithoutPtype = "AR_PROPERTY_WITHOUT_PTYPE";
        /// <summary>Info: a ptype that is not registered (smtp, header, body, policy, dns; RFC 8601 §2.3, RFC 8904).</summary>
        public const string UnknownPtype = "AR_UNKNOWN_PTYPE";
        /// <summary>Info: an unquoted value holds MIME tspecials (e.g. "/" in a truncated header.b): RFC 8601 §2.2
        /// wants it quoted; read up to the next space, ";" or comment.</summary>
        public const string UnquotedSpecial = "AR_UNQUOTED_SPECIAL";
        /// <summary>Warning: an empty resinfo (";;" or a trailing ";"): not in the grammar, skipped.</summary>
        public const string EmptyResult = "AR_EMPTY_RESULT";
        /// <summary>Warning: reason= after the properties (RFC 8601 §2.2 puts reasonspec first); kept.</summary>
        public const string ReasonOutOfPlace = "AR_REASON_OUT_OF_PLACE";
        /// <summary>Error: "none" together with results, or twice (RFC 8601 §2.2: no-result / 1*resinfo).</summary>
        public const string NoneWithResults = "AR_NONE_WITH_RESULTS";
        /// <summary>Error: an ARC-Authentication-Results header without a valid i= instance (RFC 8617 §4.1.1:
        /// i=1..50, before the authserv-id).</summary>
        public const string ArcInstanceInvalid = "AR_ARC_INSTANCE_INVALID";
        /// <summary>Error: the header is longer than the parser reads (64 KiB); nothing was parsed.</summary>
        public const string TooLong = "AR_TOO_LONG";
        /// <summary>Error: more results than the parser keeps (256); the rest was ignored.</summary>
        public const string TooManyResults = "AR_TOO_MANY_RESULTS";
    }
}
