using System.Collections.Generic;
using System.Text;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// Splits master-file text into entries (RFC 1035 §5.1): white space separates tokens, ';' starts a
    /// comment outside quotes, parentheses continue an entry across lines, '"' delimits a character-string
    /// that may not span lines (as BIND), and '\' escapes the next character in any token.
    /// </summary>
    internal static class ZoneFileTokenizer
    {
        public static IEnumerable<ZoneFileEntry> Read(string text, string path)
        {
            var line = 1;
            var lineStart = 0;
            var depth = 0;
            var entryLine = 1;
            var blankOwner = text.Length > 0 && (text[0] == ' ' || text[0] == '\t');
            var tokens = new List<ZoneFileToken>();
            var i = 0;
            while (true)
            {
                if (i < text.Length && i - lineStart > ZoneFileLimits.MaxLineLength)
                    throw ZoneFileException.At(path, line, $"line longer than {ZoneFileLimits.MaxLineLength} characters");
                if (i >= text.Length || text[i] == '\n')
                {
                    if (i >= text.Length && depth > 0)
                        throw ZoneFileException.At(path, line, "unbalanced parentheses: '(' not closed at end of file");
                    if (depth == 0)
                    {
                        if (tokens.Count > 0) yield return new ZoneFileEntry(entryLine, blankOwner, tokens);
                        tokens = new List<ZoneFileToken>();
                    }
                    if (i >= text.Length) yield break;
                    i++;
                    line++;
                    lineStart = i;
                    if (depth == 0)
                    {
                        entryLine = line;
                        blankOwner = i < text.Length && (text[i] == ' ' || text[i] == '\t');
                    }
                    continue;
                }
                var c = text[i];
                switch (c)
                {
                    case ' ': case '\t': case '\r':
                        i++;
                        break;
                    case ';':
                        while (i < text.Length && text[i] != '\n') i++;
                        break;
                    case '(':
                        if (++depth > ZoneFileLimits.MaxParenDepth)
                            throw ZoneFileException.At(path, line, $"parentheses nested deeper than {ZoneFileLimits.MaxParenDepth}");
                        i++;
                        break;
                    case ')':
                        if (--depth < 0) throw ZoneFileException.At(path, line, "unbalanced parentheses: ')' without '('");
                        i++;
                        break;
                    case '"':
                        tokens.Add(ReadQuoted(text, ref i, path, line));
                        break;
                    default:
                        tokens.Add(ReadWord(text, ref i, path, line));
                        break;
                }
            }
        }

        private static ZoneFileToken ReadQuoted(string text, ref int i, string path, int line)
        {
            var sb = new StringBuilder();
            for (i++; ; i++)
            {
                if (i >= text.Length || text[i] == '\n')
                    throw ZoneFileException.At(path, line, "unbalanced quotes: string not closed on its line");
                var c = text[i];
                if (c == '"') { i++; return new ZoneFileToken(sb.ToString(), true, line); }
                sb.Append(c);
                if (c == '\\')
                {
                    if (i + 1 >= text.Length || text[i + 1] == '\n')
                        throw ZoneFileException.At(path, line, "unbalanced quotes: string not closed on its line");
                    sb.Append(text[++i]);
                }
            }
        }

        private static ZoneFileToken ReadWord(string text, ref int i, string path, int line)
        {
            var start = i;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '(' || c == ')' || c == '"') break;
                if (c == '\\')
                {
                    if (i + 1 >= text.Length || text[i + 1] == '\n')
                        throw ZoneFileException.At(path, line, $"bad escape: '\\' at end of line in '{text.Substring(start, i + 1 - start)}'");
                    i++;
                }
            }
            return new ZoneFileToken(text.Substring(start, i - start), false, line);
        }
    }
}
