using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace EmailAuth.Core.Domains
{
    /// <summary>
    /// The Public Suffix List and its published algorithm (https://publicsuffix.org/list/, "Formal algorithm"):
    /// rules with wildcards ("*.ck") and exceptions ("!www.ck"), the ICANN and PRIVATE sections both applied,
    /// the implicit rule "*" for names no rule matches. Names and rules are compared as lower-case A-labels
    /// (punycode, RFC 5890 §2.3.2.1), so "食狮.公司.cn" and "xn--85x722f.xn--55qx5d.cn" give the same answer.
    /// RFC 7489 §3.2 determines the Organizational Domain with it. Immutable and thread-safe.
    /// </summary>
    public sealed class PublicSuffixList
    {
        /// <summary>Largest list file read (the 2026 list is 333 KB): a bound, not a guess at growth.</summary>
        public const long MaxFileBytes = 16L * 1024 * 1024;

        /// <summary>Where the embedded copy comes from (shown by Resolve-OrganizationalDomain).</summary>
        public const string EmbeddedSource = "embedded Public Suffix List (publicsuffix/list commit e8c9a2b2b2856b6449999dd0ec0d118f364ed0cd, 2026-08-19; MPL-2.0)";

        private const string ResourceName = "EmailAuth.Core.Domains.public_suffix_list.dat";
        private static readonly IdnMapping Idn = new IdnMapping();
        private static readonly Lazy<PublicSuffixList> EmbeddedList = new Lazy<PublicSuffixList>(LoadEmbedded);

        // Rule text without "!" (wildcards keep their "*" label) → section it came from.
        private readonly Dictionary<string, PublicSuffixSection> _rules;
        private readonly Dictionary<string, PublicSuffixSection> _exceptions;

        private PublicSuffixList(Dictionary<string, PublicSuffixSection> rules, Dictionary<string, PublicSuffixSection> exceptions,
                                 string source, IReadOnlyList<string> warnings)
        {
            _rules = rules;
            _exceptions = exceptions;
            Source = source;
            Warnings = warnings;
        }

        /// <summary>The copy shipped inside EmailAuth.Core.dll.</summary>
        public static PublicSuffixList Embedded => EmbeddedList.Value;

        /// <summary>The embedded list's description, or the path a list was loaded from.</summary>
        public string Source { get; }

        /// <summary>Number of rules, exceptions included.</summary>
        public int RuleCount => _rules.Count + _exceptions.Count;

        /// <summary>Lines that were not usable rules ("file:line: why"); they are skipped.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>Reads a list file (UTF-8, at most <see cref="MaxFileBytes"/>); throws IOException/InvalidDataException.</summary>
        public static PublicSuffixList Load(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > MaxFileBytes)
                throw new InvalidDataException($"{path} is {stream.Length:N0} bytes; a Public Suffix List is read only up to {MaxFileBytes:N0} bytes.");
            var list = Parse(stream, path);
            if (list.RuleCount == 0) throw new InvalidDataException($"{path} holds no Public Suffix List rules.");
            return list;
        }

        /// <summary>Parses list text from a stream, reading at most <see cref="MaxFileBytes"/> bytes.</summary>
        public static PublicSuffixList Parse(Stream stream, string source)
        {
            var bounded = new BoundedStream(stream, MaxFileBytes, source);
            using var reader = new StreamReader(bounded, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
            return Parse(reader, source);
        }

        /// <summary>Parses list text: one rule per line, read up to the first whitespace; "//" comments; section markers.</summary>
        public static PublicSuffixList Parse(TextReader reader, string source)
        {
            var rules = new Dictionary<string, PublicSuffixSection>(StringComparer.Ordinal);
            var exceptions = new Dictionary<string, PublicSuffixSection>(StringComparer.Ordinal);
            var warnings = new List<string>();
            var section = PublicSuffixSection.None;
            string? line;
            var number = 0;
            while ((line = reader.ReadLine()) != null)
            {
                number++;
                var text = line.Trim();
                if (text.StartsWith("//", StringComparison.Ordinal))
                {
                    if (text.Contains("===BEGIN ICANN DOMAINS===")) section = PublicSuffixSection.Icann;
                    else if (text.Contains("===BEGIN PRIVATE DOMAINS===")) section = PublicSuffixSection.Private;
                    else if (text.Contains("===END ICANN DOMAINS===") || text.Contains("===END PRIVATE DOMAINS===")) section = PublicSuffixSection.None;
                    continue;
                }
                if (text.Length == 0) continue;
                var end = 0;
                while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
                var rule = text.Substring(0, end);
                var isException = rule.StartsWith("!", StringComparison.Ordinal);
                var body = ToAscii(isException ? rule.Substring(1) : rule, allowWildcard: !isException);
                if (body == null)
                {
                    if (warnings.Count < 100) warnings.Add($"{source}:{number}: '{rule}' is not a rule (a domain name, optionally '*.' or '!' in front); skipped.");
                    continue;
                }
                if (isException) exceptions[body] = section;
                else rules[body] = section;
            }
            return new PublicSuffixList(rules, exceptions, source, warnings);
        }

        /// <summary>The public suffix of <paramref name="domain"/> (e.g. "co.uk" for "www.example.co.uk"), or null for an invalid name.</summary>
        public string? GetPublicSuffix(string? domain) => Match(domain)?.PublicSuffix;

        /// <summary>
        /// The registrable domain (public suffix plus one label): the RFC 7489 §3.2 Organizational Domain.
        /// Null when the name is itself a public suffix (e.g. "com", "c.mm") or invalid — the test cases' null.
        /// </summary>
        public string? GetRegistrableDomain(string? domain) => Match(domain)?.RegistrableDomain;

        /// <summary>The prevailing rule and what follows from it, or null for an empty or malformed name (e.g. a leading dot).</summary>
        public PublicSuffixMatch? Match(string? domain)
        {
            var name = ToAscii(domain, allowWildcard: false);
            if (name == null) return null;
            // Where each label starts: every suffix of k labels is name.Substring(starts[n - k]), which is what joining
            // the split labels gave, without the array of labels and a join per suffix.
            var n = 1;
            foreach (var c in name) if (c == '.') n++;
            var starts = new int[n];
            for (int i = 0, k = 1; i < name.Length; i++)
                if (name[i] == '.') starts[k++] = i + 1;
            string Join(int first) => first >= n ? string.Empty : name.Substring(starts[first]); // no labels: "" (a one-label exception rule)

            // Steps 1-4 of the algorithm: an exception rule prevails; otherwise the matching rule with the most labels;
            // no match at all → the implicit "*" (one label).
            int? exceptionLength = null;
            var bestLength = 0;
            string? bestRule = null;
            var bestSection = PublicSuffixSection.None;
            for (var k = 1; k <= n; k++)
            {
                var suffix = Join(n - k);
                if (_exceptions.TryGetValue(suffix, out var exSection))
                {
                    // Exceptions are never nested in the list; the longest one is taken if they ever are.
                    exceptionLength = k;
                    bestRule = "!" + suffix;
                    bestSection = exSection;
                }
                if (exceptionLength != null) continue;
                if (_rules.TryGetValue(suffix, out var section)) { bestLength = k; bestRule = suffix; bestSection = section; }
                if (k >= 2)
                {
                    var wildcard = "*." + Join(n - k + 1);
                    if (_rules.TryGetValue(wildcard, out var wSection)) { bestLength = k; bestRule = wildcard; bestSection = wSection; }
                }
            }
            // Step 5: an exception rule loses its left-most label; the implicit rule "*" is one label.
            int suffixLength;
            if (exceptionLength != null) suffixLength = exceptionLength.Value - 1;
            else if (bestRule != null) suffixLength = bestLength;
            else { suffixLength = 1; bestRule = "*"; bestSection = PublicSuffixSection.None; }

            var publicSuffix = Join(n - suffixLength);
            var registrable = n > suffixLength ? Join(n - suffixLength - 1) : null;
            return new PublicSuffixMatch(name, publicSuffix, registrable, bestRule!, bestSection);
        }

        /// <summary>Lower-case A-label form without a trailing dot, or null (empty labels, bad IDN, leading dot).</summary>
        internal static string? ToAscii(string? input, bool allowWildcard)
        {
            if (input == null) return null;
            var name = input.Trim();
            if (name.EndsWith(".", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);
            if (name.Length == 0 || name.Length > 253) return null;
            var wildcard = allowWildcard && name.StartsWith("*.", StringComparison.Ordinal);
            var rest = wildcard ? name.Substring(2) : name;
            if (rest.Length == 0) return null;
            for (int labelStart = 0, i = 0; i <= rest.Length; i++)
            {
                if (i < rest.Length && rest[i] != '.')
                {
                    if (rest[i] == '*' || rest[i] == '!') return null;
                    continue;
                }
                var length = i - labelStart;
                if (length == 0 || length > 63) return null;
                labelStart = i + 1;
            }
            var hasNonAscii = false;
            foreach (var c in rest) if (c > 0x7F) { hasNonAscii = true; break; }
            if (hasNonAscii)
            {
                try { rest = Idn.GetAscii(rest); }
                catch (ArgumentException) { return null; }
            }
            rest = rest.ToLowerInvariant();
            // After IDNA conversion a label holds letters, digits, hyphens (RFC 1123 §2.1) and, for service names, underscores.
            foreach (var c in rest)
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) return null;
            return wildcard ? "*." + rest : rest;
        }

        private static PublicSuffixList LoadEmbedded()
        {
            using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from EmailAuth.Core.dll.");
            return Parse(stream, EmbeddedSource);
        }

        /// <summary>Fails the read once more than <c>limit</c> bytes came from a stream that could not say its length.</summary>
        private sealed class BoundedStream : Stream
        {
            private readonly Stream _inner;
            private readonly long _limit;
            private readonly string _source;
            private long _read;

            public BoundedStream(Stream inner, long limit, string source) { _inner = inner; _limit = limit; _source = source; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = _inner.Read(buffer, offset, count);
                _read += n;
                if (_read > _limit) throw new InvalidDataException($"{_source} is longer than {_limit:N0} bytes; a Public Suffix List is read only up to that size.");
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _read; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
