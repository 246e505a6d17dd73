using System.Collections.Generic;

namespace EmailAuth.Core.Spf
{
    /// <summary>One piece of a macro-string: literal text, or a macro-expand (RFC 7208 §7.1).</summary>
    internal readonly struct SpfMacroSegment
    {
        public SpfMacroSegment(string literal)
        {
            Literal = literal;
            Letter = '\0';
            UrlEscape = false;
            KeepRight = 0;
            Reverse = false;
            Delimiters = null;
        }

        public SpfMacroSegment(char letter, bool urlEscape, int keepRight, bool reverse, string? delimiters)
        {
            Literal = null;
            Letter = letter;
            UrlEscape = urlEscape;
            KeepRight = keepRight;
            Reverse = reverse;
            Delimiters = delimiters;
        }

        /// <summary>Literal text (%%, %_ and %- already decoded); null for a macro.</summary>
        public string? Literal { get; }
        /// <summary>Lower-case macro letter (s l o d i p h v c r t).</summary>
        public char Letter { get; }
        /// <summary>The letter was written in upper case: URL-escape the value (§7.3).</summary>
        public bool UrlEscape { get; }
        /// <summary>The DIGIT transformer: keep that many right-hand parts; 0 when absent.</summary>
        public int KeepRight { get; }
        public bool Reverse { get; }
        /// <summary>Delimiter characters; null means "." (§7.3).</summary>
        public string? Delimiters { get; }
        public bool IsLiteral => Literal != null;
    }

    /// <summary>A parsed macro-string (§7.1), ready to expand without re-parsing.</summary>
    internal sealed class SpfMacroString
    {
        public SpfMacroString(string text, IReadOnlyList<SpfMacroSegment> segments)
        {
            Text = text;
            Segments = segments;
            var hasMacros = false;
            var usesP = false;
            var clientDependent = false;
            foreach (var s in segments)
            {
                if (s.IsLiteral) continue;
                hasMacros = true;
                if (s.Letter == 'p') usesP = true;
                if (s.Letter != 'd') clientDependent = true;
            }
            HasMacros = hasMacros;
            UsesP = usesP;
            DependsOnClient = clientDependent;
            LiteralValue = hasMacros ? null : string.Concat(LiteralParts(segments));
        }

        /// <summary>As written.</summary>
        public string Text { get; }
        public IReadOnlyList<SpfMacroSegment> Segments { get; }
        public bool HasMacros { get; }
        /// <summary>Uses %{p}, whose value needs PTR and address lookups.</summary>
        public bool UsesP { get; }
        /// <summary>Uses a letter other than %{d}: the value depends on the connection (sender, IP, HELO...).</summary>
        public bool DependsOnClient { get; }
        /// <summary>The decoded text when there are no macro letters (%% etc. decoded); else null.</summary>
        public string? LiteralValue { get; }

        private static IEnumerable<string> LiteralParts(IReadOnlyList<SpfMacroSegment> segments)
        {
            foreach (var s in segments) yield return s.Literal!;
        }

        public override string ToString() => Text;
    }
}
