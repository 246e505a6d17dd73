using System;

namespace EmailAuth.Core.Reports.Summary
{
    internal static class DmarcReportMath
    {
        /// <summary>part/whole in percent, 0 when whole is 0 (a day or source without messages has no rate to show).</summary>
        public static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 2, MidpointRounding.AwayFromZero);

        /// <summary>Adds without wrapping: counts come from hostile reports.</summary>
        public static long Add(long a, long b)
        {
            var s = unchecked(a + b);
            return b > 0 && s < a ? long.MaxValue : s;
        }
    }
}
