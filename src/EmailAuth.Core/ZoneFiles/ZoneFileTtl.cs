namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// TTLs and SOA timers: a decimal number of seconds, or BIND's unit form ("1h30m", "1d", "2w"; units
    /// w d h m s in any case, every number followed by a unit). Values above 2^32-1 are not TTLs.
    /// </summary>
    internal static class ZoneFileTtl
    {
        /// <summary>RFC 2181 §8: TTLs are 0..2^31-1; a larger value is treated as zero.</summary>
        public const long MaxTtl = int.MaxValue;

        public static bool TryParse(string text, out long seconds)
        {
            seconds = 0;
            if (text.Length == 0 || !ZoneFileText.IsDigit(text[0])) return false;
            long number = 0;
            var sawUnit = false;
            var pendingDigits = false;
            foreach (var c in text)
            {
                if (ZoneFileText.IsDigit(c))
                {
                    number = number * 10 + (c - '0');
                    if (number > uint.MaxValue) return false;
                    pendingDigits = true;
                    continue;
                }
                var unit = Unit(c);
                if (unit == 0 || !pendingDigits) return false;
                seconds += number * unit;
                if (seconds > uint.MaxValue) return false;
                number = 0;
                pendingDigits = false;
                sawUnit = true;
            }
            if (!sawUnit) { seconds = number; return true; }
            return !pendingDigits;
        }

        private static long Unit(char c)
        {
            switch (char.ToLowerInvariant(c))
            {
                case 'w': return 7 * 86400;
                case 'd': return 86400;
                case 'h': return 3600;
                case 'm': return 60;
                case 's': return 1;
                default: return 0;
            }
        }
    }
}
