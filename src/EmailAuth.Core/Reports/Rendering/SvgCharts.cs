using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Summary;
using static EmailAuth.Core.Rendering.HtmlPage;

namespace EmailAuth.Core.Reports.Rendering
{
    /// <summary>
    /// Inline SVG charts (no script, no external resource): numbers are computed here, names are encoded. Every
    /// bar carries a &lt;title&gt; (the exact figures as a tooltip) and the axes have text labels a reader can see.
    /// </summary>
    internal static class SvgCharts
    {
        /// <summary>Most days drawn (the latest ones); a year of daily bars still reads.</summary>
        public const int MaxDays = 366;
        /// <summary>Most sources drawn (the largest); the table lists them all.</summary>
        public const int MaxSources = 15;

        /// <summary>One bar per day: height = DMARC pass rate, the failing share drawn red on top; labels 0/50/100 % and dates.</summary>
        public static void PassRateByDay(StringBuilder h, int index, string domain, IReadOnlyList<DmarcReportDaySummary> allDays)
        {
            var days = allDays.Skip(Math.Max(0, allDays.Count - MaxDays)).ToList();
            const int left = 48, top = 12, plotH = 160, bottom = 40, width = 720;
            var plotW = width - left - 12;
            var slot = days.Count == 0 ? plotW : (double)plotW / days.Count;
            var barW = Math.Min(40.0, Math.Max(1.0, slot * 0.8)); // a few days stay bars, not blocks
            h.Append("<svg class=\"chart pass-rate\" role=\"img\" aria-labelledby=\"pr-").Append(index).Append("\" viewBox=\"0 0 ").Append(width).Append(' ')
             .Append(top + plotH + bottom).Append("\" width=\"").Append(width).Append("\" height=\"").Append(top + plotH + bottom).Append("\" xmlns=\"http://www.w3.org/2000/svg\">\n")
             .Append("<title id=\"pr-").Append(index).Append("\">").Append(E($"DMARC pass rate per day for {domain}")).Append("</title>\n");
            foreach (var pct in new[] { 0, 50, 100 })
            {
                var y = top + plotH - plotH * pct / 100.0;
                h.Append("<line class=\"grid\" x1=\"").Append(left).Append("\" x2=\"").Append(width - 12).Append("\" y1=\"").Append(N(y)).Append("\" y2=\"").Append(N(y)).Append("\"/>")
                 .Append("<text class=\"axis\" x=\"").Append(left - 6).Append("\" y=\"").Append(N(y + 4)).Append("\" text-anchor=\"end\">").Append(pct).Append(" %</text>\n");
            }
            var labelEvery = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
            for (var i = 0; i < days.Count; i++)
            {
                var d = days[i];
                var x = left + i * slot + (slot - barW) / 2;
                var passH = plotH * d.PassRate / 100.0;
                var date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var tip = E(string.Format(CultureInfo.InvariantCulture, "{0}: {1:0.##} % of {2} message(s) pass DMARC", date, d.PassRate, d.MessageCount));
                h.Append("<g class=\"day\"><title>").Append(tip).Append("</title>");
                if (d.MessageCount > 0)
                {
                    h.Append("<rect class=\"bar-fail\" x=\"").Append(N(x)).Append("\" y=\"").Append(top).Append("\" width=\"").Append(N(barW)).Append("\" height=\"").Append(N(plotH - passH)).Append("\"/>");
                    h.Append("<rect class=\"bar-pass\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(top + plotH - passH)).Append("\" width=\"").Append(N(barW)).Append("\" height=\"").Append(N(passH)).Append("\"/>");
                }
                h.Append("</g>\n");
                if (i % labelEvery == 0 || i == days.Count - 1)
                    h.Append("<text class=\"axis date\" x=\"").Append(N(x + barW / 2)).Append("\" y=\"").Append(top + plotH + 16).Append("\" text-anchor=\"middle\">")
                     .Append(date.Substring(5)).Append("</text>\n");
            }
            if (days.Count == 0)
                h.Append("<text class=\"axis\" x=\"").Append(left + 8).Append("\" y=\"").Append(top + plotH / 2).Append("\">no days with messages</text>\n");
            h.Append("<text class=\"legend\" x=\"").Append(left).Append("\" y=\"").Append(top + plotH + 34).Append("\">")
             .Append("<tspan class=\"k-pass\">&#9632;</tspan> pass DMARC <tspan class=\"k-fail\">&#9632;</tspan> fail DMARC (share of the day's messages)</text>\n</svg>\n");
        }

        /// <summary>One horizontal bar per source, length = messages, split aligned (green) / failing (red), the name and count written beside it.</summary>
        public static void VolumeBySource(StringBuilder h, int index, string domain, IReadOnlyList<DmarcReportSourceSummary> sources)
        {
            var shown = sources.OrderByDescending(s => s.MessageCount).ThenBy(s => s.Source, StringComparer.Ordinal).Take(MaxSources).ToList();
            const int labelW = 220, rowH = 24, top = 8, width = 720;
            var barMax = width - labelW - 110;
            var max = Math.Max(1, shown.Count == 0 ? 1 : shown.Max(s => s.MessageCount));
            var height = top + Math.Max(1, shown.Count) * rowH + 26;
            h.Append("<svg class=\"chart volume\" role=\"img\" aria-labelledby=\"vs-").Append(index).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
             .Append("\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" xmlns=\"http://www.w3.org/2000/svg\">\n")
             .Append("<title id=\"vs-").Append(index).Append("\">").Append(E($"Messages per sending source for {domain}")).Append("</title>\n");
            for (var i = 0; i < shown.Count; i++)
            {
                var s = shown[i];
                var y = top + i * rowH;
                var total = barMax * (double)s.MessageCount / max;
                var pass = s.MessageCount == 0 ? 0 : total * s.AlignedCount / s.MessageCount;
                var label = s.Source.Length > 32 ? s.Source.Substring(0, 31) + "…" : s.Source;
                h.Append("<g class=\"source\"><title>").Append(E(string.Format(CultureInfo.InvariantCulture, "{0}: {1} message(s), {2:0.##} % pass DMARC", s.Source, s.MessageCount, s.PassRate))).Append("</title>")
                 .Append("<text class=\"label\" x=\"").Append(labelW - 8).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\">").Append(E(label)).Append("</text>")
                 .Append("<rect class=\"bar-pass\" x=\"").Append(labelW).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(N(pass)).Append("\" height=\"16\"/>")
                 .Append("<rect class=\"bar-fail\" x=\"").Append(N(labelW + pass)).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(N(total - pass)).Append("\" height=\"16\"/>")
                 .Append("<text class=\"count\" x=\"").Append(N(labelW + total + 6)).Append("\" y=\"").Append(y + 16).Append("\">").Append(s.MessageCount.ToString(CultureInfo.InvariantCulture)).Append("</text></g>\n");
            }
            if (shown.Count == 0) h.Append("<text class=\"axis\" x=\"8\" y=\"24\">no sources</text>\n");
            h.Append("<text class=\"legend\" x=\"").Append(labelW).Append("\" y=\"").Append(height - 8).Append("\">")
             .Append("<tspan class=\"k-pass\">&#9632;</tspan> aligned <tspan class=\"k-fail\">&#9632;</tspan> failing (messages)</text>\n</svg>\n");
        }

        public const string Css = @"
svg.chart{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #d8dee8;border-radius:.3rem;margin:.5rem 0 1rem}
svg .bar-pass{fill:#2da44e}svg .bar-fail{fill:#cf222e}svg .grid{stroke:#d8dee8;stroke-width:1}
svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#1d2430}svg .axis{fill:#5a6576}svg .k-pass{fill:#2da44e}svg .k-fail{fill:#cf222e}";

        private static string N(double v) => Math.Max(0, v).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
