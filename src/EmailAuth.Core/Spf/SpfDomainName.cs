namespace EmailAuth.Core.Spf
{
    /// <summary>Domain-name checks used by check_host() (RFC 7208 §4.3) and before each DNS query.</summary>
    internal static class SpfDomainName
    {
        /// <summary>
        /// Labels of 1-63 characters, at most 253 in all, printable ASCII only. Names failing this are not
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
                if (c <= 0x20 || c >= 0x7F) return false;
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
