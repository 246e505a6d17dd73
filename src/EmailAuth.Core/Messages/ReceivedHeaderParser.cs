using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Reads the from and by clauses of a Received header field (RFC 5321 §4.4 Time-stamp-line:
    /// "from" Extended-Domain [ "(" TCP-info ")" ] "by" ...). Receivers write TCP-info in several dialects; the ones read:
    /// Postfix/Sendmail/Gmail "from helo (rdns [192.0.2.1])", "[IPv6:2001:db8::1]", Exchange/Outlook "from helo (192.0.2.1)",
    /// Exim "from rdns ([192.0.2.1] helo=name)", and an address literal as the HELO name itself ("from [192.0.2.1]").
    /// </summary>
    internal static class ReceivedHeaderParser
    {
        /// <summary>Longest field read (a Received field is a line or two; a huge one is not worth scanning).</summary>
        private const int MaxLength = 4096;

        private static readonly Regex Bracketed = new Regex(@"\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]", RegexOptions.CultureInvariant);
        private static readonly Regex Parenthesized = new Regex(@"\(\s*(?:IPv6:)?([0-9A-Fa-f:.]+)\s*\)", RegexOptions.CultureInvariant);
        private static readonly Regex HeloComment = new Regex(@"\bhelo=([^\s)\]]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static ReceivedHop Parse(int index, string value)
        {
            var text = Unfold(value.Length > MaxLength ? value.Substring(0, MaxLength) : value);
            var (fromClause, byClause) = SplitClauses(text);
            string? helo = null, fromHost = null, byHost = null;
            IPAddress? ip = null;
            if (fromClause != null)
            {
                var first = FirstWord(fromClause);
                helo = first;
                // The first candidate that is really an address: "(cafe)" or "[1.2.3]" are not.
                ip = FirstIp(Bracketed.Matches(fromClause)) ?? FirstIp(Parenthesized.Matches(fromClause));
                var h = HeloComment.Match(fromClause);
                if (h.Success) helo = h.Groups[1].Value;
                // The reverse-DNS name is the first word inside the TCP-info comment when it is a name.
                var open = fromClause.IndexOf('(');
                if (open >= 0)
                {
                    var inner = FirstWord(fromClause.Substring(open + 1));
                    if (inner != null && inner.IndexOf('.') > 0 && !inner.StartsWith("[", StringComparison.Ordinal) && ParseIp(inner) == null)
                        fromHost = inner.TrimEnd('.');
                }
                if (helo != null && helo.StartsWith("[", StringComparison.Ordinal))
                {
                    // "from [192.0.2.1]": the client gave an address literal as its HELO (RFC 5321 §4.1.3).
                    // SPF checks a HELO identity only when it is a domain name (RFC 7208 §2.3): a literal leaves none.
                    ip ??= ParseIp(helo.Trim('[', ']').Replace("IPv6:", string.Empty));
                    if (!h.Success) helo = null;
                }
                helo = helo?.TrimEnd('.');
                fromHost ??= helo;
            }
            if (byClause != null) byHost = FirstWord(byClause)?.TrimEnd('.');
            return new ReceivedHop(index, text, helo, fromHost, ip, byHost);
        }

        private static IPAddress? FirstIp(MatchCollection matches)
        {
            foreach (Match m in matches)
                if (ParseIp(m.Groups[1].Value) is IPAddress a) return a;
            return null;
        }

        private static IPAddress? ParseIp(string text) => IPAddressText.TryParse(text, out var a) ? a : null;

        private static string Unfold(string value)
        {
            var sb = new StringBuilder(value.Length);
            var space = false;
            foreach (var c in value)
            {
                if (c == '\r' || c == '\n' || c == '\t' || c == ' ')
                {
                    if (!space && sb.Length > 0) sb.Append(' ');
                    space = true;
                    continue;
                }
                space = false;
                sb.Append(c);
            }
            return sb.ToString().Trim();
        }

        /// <summary>The text after "from" up to the top-level "by", and the text after "by" (outside comments).</summary>
        private static (string? from, string? by) SplitClauses(string text)
        {
            var words = new List<(int start, int depth)>();
            var depth = 0;
            int fromAt = -1, byAt = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '(') { depth++; continue; }
                if (c == ')') { if (depth > 0) depth--; continue; }
                if (depth != 0) continue;
                var wordStart = i == 0 || text[i - 1] == ' ' || text[i - 1] == ')';
                if (!wordStart) continue;
                if (fromAt < 0 && byAt < 0 && IsKeyword(text, i, "from")) fromAt = i + 4;
                else if (byAt < 0 && IsKeyword(text, i, "by")) { byAt = i + 2; break; }
            }
            string? from = null, by = null;
            if (fromAt >= 0) from = (byAt >= 0 ? text.Substring(fromAt, byAt - 2 - fromAt) : text.Substring(fromAt)).Trim();
            if (byAt >= 0) by = text.Substring(byAt).Trim();
            return (string.IsNullOrEmpty(from) ? null : from, string.IsNullOrEmpty(by) ? null : by);
        }

        private static bool IsKeyword(string text, int i, string word) =>
            string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (i + word.Length == text.Length || text[i + word.Length] == ' ' || text[i + word.Length] == '(');

        private static string? FirstWord(string text)
        {
            var t = text.TrimStart();
            var end = 0;
            while (end < t.Length && t[end] != ' ' && t[end] != '(' && t[end] != ')' && t[end] != ';') end++;
            return end == 0 ? null : t.Substring(0, end);
        }
    }
}
