namespace EmailAuth.Core.Audit
{
    /// <summary>
    /// One observation about a record or a domain. <see cref="Code"/> is stable forever once shipped
    /// (scripts and CI gates match on it); the message may be reworded.
    /// </summary>
    public sealed class Finding
    {
        public Finding(string code, FindingSeverity severity, string message, string? remediation = null,
                       string? reference = null, string? subject = null)
        {
            Code = code;
            Severity = severity;
            Message = message;
            Remediation = remediation;
            Reference = reference;
            Subject = subject;
        }

        public string Code { get; }
        public FindingSeverity Severity { get; }
        public string Message { get; }
        /// <summary>What to change, in words an administrator can act on.</summary>
        public string? Remediation { get; }
        /// <summary>RFC section or documentation the rule comes from, e.g. "RFC 7208 §4.6.4".</summary>
        public string? Reference { get; }
        /// <summary>The domain, term or record the finding is about.</summary>
        public string? Subject { get; }

        public override string ToString() => $"[{Severity}] {Code}: {Message}";
    }
}
