namespace EmailAuth.Core.Spf
{
    /// <summary>Stable codes of SPF findings (scripts and CI gates match on them; never rename).</summary>
    public static class SpfFindingCodes
    {
        /// <summary>Error: the domain publishes no SPF record (RFC 7208 §4.5 → none).</summary>
        public const string NoRecord = "SPF_NO_RECORD";
        /// <summary>Error: more than one TXT record starts with v=spf1 (§4.5 → permerror).</summary>
        public const string MultipleRecords = "SPF_MULTIPLE_RECORDS";
        /// <summary>Error: the record does not follow the §12 ABNF (§4.6 → permerror); message has position and text.</summary>
        public const string SyntaxError = "SPF_SYNTAX_ERROR";
        /// <summary>Error: more than 10 DNS-querying terms across the include/redirect tree (§4.6.4 → permerror).</summary>
        public const string TooManyLookups = "SPF_TOO_MANY_LOOKUPS";
        /// <summary>Info: 9 or 10 DNS-querying terms: one more include breaks the record.</summary>
        public const string LookupsNearLimit = "SPF_LOOKUPS_NEAR_LIMIT";
        /// <summary>Error: more than 2 lookups in the tree answer NXDOMAIN/NODATA (§4.6.4 → permerror).</summary>
        public const string TooManyVoidLookups = "SPF_TOO_MANY_VOID_LOOKUPS";
        /// <summary>Warning: a lookup of the tree (a, mx, exists name) answers NXDOMAIN/NODATA: counts toward the void limit.</summary>
        public const string VoidLookup = "SPF_VOID_LOOKUP";
        /// <summary>Error: include/redirect leads back to a record already on the path (ends in permerror).</summary>
        public const string IncludeLoop = "SPF_INCLUDE_LOOP";
        /// <summary>Error: an include or redirect target has no SPF record (§5.2, §6.1 → permerror).</summary>
        public const string IncludeNoRecord = "SPF_INCLUDE_NO_RECORD";
        /// <summary>Error: a DNS query failed (timeout, SERVFAIL, REFUSED): check_host would return temperror.</summary>
        public const string DnsError = "SPF_DNS_ERROR";
        /// <summary>Critical: "+all" (or "all") authorises every host on the Internet.</summary>
        public const string PassAll = "SPF_PASS_ALL";
        /// <summary>Warning: "?all" gives no protection.</summary>
        public const string NeutralAll = "SPF_NEUTRAL_ALL";
        /// <summary>Warning: neither an "all" mechanism nor redirect=: unmatched hosts get neutral (§4.7).</summary>
        public const string NoAll = "SPF_NO_ALL";
        /// <summary>Warning: redirect= together with "all" is never used (§6.1).</summary>
        public const string RedirectIgnored = "SPF_REDIRECT_IGNORED";
        /// <summary>Warning: the ptr mechanism SHOULD NOT be used (§5.5).</summary>
        public const string PtrMechanism = "SPF_PTR_MECHANISM";
        /// <summary>Warning: a type-99 SPF record is published; the type is obsolete (§3.1, §14.1).</summary>
        public const string ObsoleteRrType = "SPF_OBSOLETE_RR_TYPE";
        /// <summary>Error for published TXT strings over 255 bytes; Info for record text that must be split (§3.3).</summary>
        public const string StringTooLong = "SPF_STRING_TOO_LONG";
        /// <summary>Warning: the TXT answer would exceed 512 bytes over UDP (§3.4).</summary>
        public const string RecordTooLarge = "SPF_RECORD_TOO_LARGE";
        /// <summary>Warning: the same term appears twice (the second is useless and may cost a lookup).</summary>
        public const string DuplicateTerm = "SPF_DUPLICATE_TERM";
        /// <summary>Warning: a term is never reached (after "all") or its network lies inside an earlier one with the same qualifier.</summary>
        public const string ShadowedTerm = "SPF_SHADOWED_TERM";
        /// <summary>Info: the record has more terms than duplicate/shadow analysis covers (1,000); the message gives both counts.</summary>
        public const string AnalysisTruncated = "SPF_ANALYSIS_TRUNCATED";
        /// <summary>Error: an mx target has more than 10 MX names (§4.6.4 → permerror).</summary>
        public const string MxTooMany = "SPF_MX_TOO_MANY";
        /// <summary>Error: macro letters c, r or t outside exp= text (§7.3 → permerror); reported instead of SPF_SYNTAX_ERROR.</summary>
        public const string MacroInExpOnly = "SPF_MACRO_IN_EXP_ONLY";
        /// <summary>Info: an unrecognised modifier (ignored by receivers, §6) — often a typo such as "redirct=".</summary>
        public const string UnknownModifier = "SPF_UNKNOWN_MODIFIER";
        /// <summary>Info: redirect=/exp= before mechanisms; they SHOULD appear at the end (§6).</summary>
        public const string ModifierNotLast = "SPF_MODIFIER_NOT_LAST";
        /// <summary>
        /// Error: the tree walk stopped at its query budget (SpfInspectionBudget) or time limit, or left include/redirect
        /// targets unvisited; the message names the limit and the counts reached, which are lower bounds (§4.6.4).
        /// </summary>
        public const string InspectionIncomplete = "SPF_INSPECTION_INCOMPLETE";
    }
}
