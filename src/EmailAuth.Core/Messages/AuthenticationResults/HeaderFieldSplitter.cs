using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>One header field of pasted text: its name (null when the text had none) and its unfolded value.</summary>
    internal readonly struct HeaderField
    {
        public HeaderField(string? name, string value) { Name = name; Value = value; }
        public string? Name { get; }
        public string Value { get; }
    }

    /// <summary>
    /// Splits pasted header text into fields: a line that starts with a space or tab continues the field
    /// before it (folding, RFC 5322 §2.2.3); an empty line ends the header block (§2.1).
    /// </summary>
    internal static class HeaderFieldSplitter
    {
        // field-name = 1*ftext (printable US-ASCII but ":"), RFC 5322 §3.6.8; obs-optional allows WSP before ":" (§4.5.8).
        private static readonly Regex FieldName = new Regex(@"\A([\x21-\x39\x3B-\x7E]+)[ \t]*:", RegexOptions.CultureInvariant);

        public static IEnumerable<HeaderField> Split(string text)
        {
            StringBuilder? current = null;
            var seenField = false;
            foreach (var line in Lines(text))
            {
                if (line.Length == 0)
                {
                    if (seenField) break; // end of the header block; a body may follow
                    continue;
                }
                if ((line[0] == ' ' || line[0] == '\t') && current != null)
                {
                    current.Append("\r\n").Append(line);
                    continue;
                }
                if (current != null) yield return ToField(current.ToString());
                current = new StringBuilder(line);
                seenField = true;
            }
            if (current != null) yield return ToField(current.ToString());
        }

        /// <summary>Removes folding: CRLF (or a lone LF/CR) before whitespace (RFC 5322 §2.2.3).</summary>
        public static string Unfold(string text) => Regex.Replace(text, @"\r\n(?=[ \t])|\n(?=[ \t])|\r(?=[ \t])", "");

        private static HeaderField ToField(string raw)
        {
            var match = FieldName.Match(raw);
            return match.Success
                ? new HeaderField(match.Groups[1].Value, Unfold(raw.Substring(match.Length)))
                : new HeaderField(null, Unfold(raw));
        }

        private static IEnumerable<string> Lines(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c != '\r' && c != '\n') continue;
                yield return text.Substring(start, i - start);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
            if (start < text.Length) yield return text.Substring(start);
        }
    }
}
