using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>A grammar violation inside one resinfo; caught by the parser, which skips to the next ";".</summary>
    internal sealed class AuthResSyntaxException : Exception
    {
        public AuthResSyntaxException(string message) : base(message) { }
    }

    /// <summary>
    /// The lexical layer of RFC 8601 §2.2 over one unfolded header value: CFWS (RFC 5322 §3.2.2, nested
    /// comments read without recursion), tokens, quoted-strings. Every method moves forward or throws, so a
    /// caller loop ends within the value's length.
    /// </summary>
    internal sealed class AuthResReader
    {
        private readonly string _s;

        public AuthResReader(string s) { _s = s; }

        public int Pos { get; set; }
        public bool AtEnd => Pos >= _s.Length;
        public char Peek => Pos < _s.Length ? _s[Pos] : '\0';
        public string Text => _s;

        /// <summary>Skips [CFWS]; the text of each outermost comment goes to <paramref name="comments"/>.</summary>
        public void SkipCfws(List<string>? comments)
        {
            while (Pos < _s.Length)
            {
                var c = _s[Pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { Pos++; continue; }
                if (c != '(') return;
                var text = ReadComment();
                if (comments != null && text.Length > 0) comments.Add(text);
            }
        }

        /// <summary>A comment at "(": its content with quoted-pairs undone and inner parentheses kept.</summary>
        private string ReadComment()
        {
            var start = Pos;
            var depth = 0;
            var text = new StringBuilder();
            while (Pos < _s.Length)
            {
                var c = _s[Pos++];
                if (c == '\\')
                {
                    if (Pos >= _s.Length) break;
                    c = _s[Pos++];
                    if (c == '\0') throw new AuthResSyntaxException("NUL (U+0000) in a comment.");
                    text.Append(c);
                    continue;
                }
                if (c == '(') { if (depth++ > 0) text.Append(c); continue; }
                if (c == ')')
                {
                    if (--depth == 0) return text.ToString().Trim();
                    text.Append(c);
                    continue;
                }
                if (IsForbiddenControl(c)) throw new AuthResSyntaxException($"Control character U+{(int)c:X4} in a comment.");
                text.Append(c);
            }
            Pos = _s.Length;
            throw new AuthResSyntaxException($"Unterminated comment starting at offset {start}.");
        }

        /// <summary>An RFC 2045 token at the position, or null when there is none.</summary>
        public string? ReadToken()
        {
            var start = Pos;
            while (Pos < _s.Length && AuthResValue.IsTokenChar(_s[Pos])) Pos++;
            return Pos > start ? _s.Substring(start, Pos - start) : null;
        }

        /// <summary>A Keyword (RFC 8601 §2.2: ldh-str) in lower case; throws naming <paramref name="what"/> when absent or malformed.
        /// Reads letters, digits and hyphens only, so "smtp.mailfrom" yields "smtp" and stops at the dot.</summary>
        public string ReadKeyword(string what)
        {
            var start = Pos;
            while (Pos < _s.Length && _s[Pos] < 0x80 && (char.IsLetterOrDigit(_s[Pos]) || _s[Pos] == '-')) Pos++;
            var end = Pos;
            if (Pos < _s.Length && _s[Pos] != '.' && AuthResValue.IsTokenChar(_s[Pos]))
            {
                Pos = start;
                var token = ReadToken();
                Pos = start;
                throw new AuthResSyntaxException($"\"{token}\" is not a keyword (letters, digits, hyphens) where {what} was expected.");
            }
            if (end == start) throw Unexpected(what);
            var keyword = _s.Substring(start, end - start);
            if (!AuthResValue.IsKeyword(keyword))
                throw new AuthResSyntaxException($"\"{keyword}\" is not a keyword (it starts or ends with a hyphen) where {what} was expected.");
            return keyword.ToLowerInvariant();
        }

        /// <summary>A quoted-string at '"' (RFC 5322 §3.2.4), unquoted.</summary>
        public string ReadQuotedString()
        {
            var start = Pos++;
            var text = new StringBuilder();
            while (Pos < _s.Length)
            {
                var c = _s[Pos++];
                if (c == '"') return text.ToString();
                if (c == '\\')
                {
                    if (Pos >= _s.Length) break;
                    c = _s[Pos++];
                }
                if (c == '\r' || c == '\n') continue; // folding inside the quotes (RFC 5322 §3.2.4 FWS)
                if (IsForbiddenControl(c)) throw new AuthResSyntaxException($"Control character U+{(int)c:X4} in a quoted string.");
                text.Append(c);
            }
            Pos = _s.Length;
            throw new AuthResSyntaxException($"Unterminated quoted string starting at offset {start}.");
        }

        /// <summary>RFC 2045 value: token or quoted-string; null when neither starts here.</summary>
        public string? ReadValue() => Peek == '"' && !AtEnd ? ReadQuotedString() : ReadToken();

        /// <summary>1*DIGIT as a number (at most 9 digits), or null when no digit is here.</summary>
        public int? ReadNumber()
        {
            var start = Pos;
            while (Pos < _s.Length && _s[Pos] >= '0' && _s[Pos] <= '9') Pos++;
            if (Pos == start) return null;
            if (Pos - start > 9) throw new AuthResSyntaxException("A number with more than 9 digits.");
            return int.Parse(_s.Substring(start, Pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        public void Expect(char c, string what)
        {
            if (Peek != c || AtEnd) throw Unexpected(what);
            Pos++;
        }

        public AuthResSyntaxException Unexpected(string what)
        {
            if (AtEnd) return new AuthResSyntaxException($"Expected {what} but the header ends.");
            var c = _s[Pos];
            var shown = c < 0x20 || c == 0x7F ? $"U+{(int)c:X4}" : $"'{c}'";
            return new AuthResSyntaxException($"Expected {what} at offset {Pos}, found {shown}.");
        }

        /// <summary>Moves to the next ";" outside comments and quoted strings (or the end): error recovery.</summary>
        public void SkipToSemicolon()
        {
            while (Pos < _s.Length)
            {
                var c = _s[Pos];
                if (c == ';') return;
                try
                {
                    if (c == '"') { ReadQuotedString(); continue; }
                    if (c == '(') { ReadComment(); continue; }
                }
                catch (AuthResSyntaxException)
                {
                    // Unterminated or bad content: the reader has moved past it; scan on from there.
                    continue;
                }
                Pos++;
            }
        }

        /// <summary>CTLs other than HTAB/CR/LF: NUL and the rest have no place in a header (RFC 5322 §3.2.3, §3.2.4).</summary>
        private static bool IsForbiddenControl(char c) => (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
    }
}
