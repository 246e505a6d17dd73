using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// The domain of an identifier as a user or an upstream object gives it: a bare domain, an address
    /// (local@domain) or a header value ("Name &lt;local@domain&gt;"). Converted as every cmdlet converts names
    /// (A-labels, RFC 5890), then lower-cased: alignment compares names case-insensitively (RFC 7489 §3.1).
    /// </summary>
    public static class AlignmentDomainInput
    {
        public static string? Normalize(string? input, out string? error)
        {
            var text = (input ?? string.Empty).Trim();
            var at = text.LastIndexOf('@');
            if (at >= 0) text = text.Substring(at + 1);
            text = text.Trim().TrimEnd(TrimChars.AngleClose).Trim();
            var name = DomainNameInput.Normalize(text, out error);
            if (name == null && at >= 0) error = $"'{input}': {error}";
            return name?.ToLowerInvariant();
        }
    }
}
