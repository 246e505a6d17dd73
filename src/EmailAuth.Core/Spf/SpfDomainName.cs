namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// Domain-name checks used by check_host() (RFC 7208 §4.3) and before each DNS query. SPF names are raw text:
    /// each character one octet, "." between labels (macro expansions, §7.3).
    /// </summary>
    internal static class SpfDomainName
    {
        /// <summary>
        /// Labels of 1-63 octets, at most 253 in all (RFC 7208 §4.3, §7.3; RFC 1035 §2.3.4). Any ASCII octet may be
        /// in a label (RFC 2181 §11), so "%", a space (from %_) or "%20" (from %-) are queried as they are. Non-ASCII
        /// characters are not: §4.3 wants A-labels, and their octets would be a guess. Names failing this are not
        /// queried: like pyspf (which answers an empty list for them) the lookup is treated as void.
        /// </summary>
        public static bool IsQueryable(string name)
        {
            if (name.Length == 0 || name.Length > 253) return false;
            var labelLength = 0;
            foreach (var c in name)
            {
                if (c == '.')
                {
                    if (labelLength == 0) return false;
                    labelLength = 0;
                    continue;
                }
                if (c >= 0x80) return false;
                if (++labelLength > 63) return false;
            }
            return labelLength > 0;
        }

        /// <summary>§4.3: a well-formed, multi-label domain; otherwise check_host() returns "none".</summary>
        public static bool IsValidCheckHostDomain(string domain) => IsQueryable(domain) && domain.IndexOf('.') > 0;

        public static bool EqualsOrIsSubdomainOf(string name, string domain)
        {
            if (name.Length == domain.Length) return string.Equals(name, domain, System.StringComparison.OrdinalIgnoreCase);
            return name.Length > domain.Length && name[name.Length - domain.Length - 1] == '.' &&
                   string.Compare(name, name.Length - domain.Length, domain, 0, domain.Length, System.StringComparison.OrdinalIgnoreCase) == 0;
        }

        public static string TrimDot(string name)
        {
            name = name.Trim();
            return name.Length > 1 && name[name.Length - 1] == '.' ? name.Substring(0, name.Length - 1) : name;
        }
    }
}
