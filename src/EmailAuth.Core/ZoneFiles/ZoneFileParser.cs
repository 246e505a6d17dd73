using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// Reads RFC 1035 §5 master files: $ORIGIN, $INCLUDE, $TTL (RFC 2308 §4), owner/TTL/class defaults and
    /// the rdata of the types <see cref="DnsRecordType"/> models. Other registered types are skipped with a
    /// warning; anything BIND's named-compilezone rejects throws <see cref="ZoneFileException"/> "file:line: ...".
    /// </summary>
    public sealed class ZoneFileParser
    {
        private readonly List<(DnsRecord Record, string Where)> _records = new List<(DnsRecord, string)>();
        private readonly List<ZoneFileSoa> _soas = new List<ZoneFileSoa>();
        private readonly List<string> _warnings = new List<string>();
        private readonly Stack<string> _includes = new Stack<string>();
        private readonly CancellationToken _cancel;
        private long _bytesLeft = ZoneFileLimits.MaxTotalBytes;
        private int _entries;      // records read, modelled or skipped, before any is dropped
        private long? _defaultTtl; // $TTL, or the SOA minimum when BIND falls back to it
        private long? _lastTtl;    // RFC 1035 §5.1: an omitted TTL is the last one stated

        private static readonly string TooMuchData =
            $"zone data exceeds {ZoneFileLimits.MaxTotalBytes / (1024 * 1024)} MiB (with $INCLUDEs)";

        private ZoneFileParser(CancellationToken cancellationToken = default) => _cancel = cancellationToken;

        /// <summary>Parses master-file text. <paramref name="origin"/> is the initial $ORIGIN; <paramref name="path"/>
        /// names the text in errors and is the base of relative $INCLUDE paths (the current directory when null).</summary>
        public static ZoneFileContent Parse(string text, string origin, string? path = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (origin == null) throw new ArgumentNullException(nameof(origin));
            var parser = new ZoneFileParser();
            var display = path ?? "<text>";
            var octets = Encoding.UTF8.GetBytes(text);
            if (octets.LongLength > parser._bytesLeft) throw new ZoneFileException($"{display}: {TooMuchData}", display);
            parser._bytesLeft -= octets.LongLength;
            if (path != null) parser._includes.Push(FullPath(path, display));
            parser.Read(Octets(octets), display, InitialOrigin(origin, display), null);
            return parser.Result(display);
        }

        /// <summary>Parses a file. Without <paramref name="origin"/> the origin comes from the file name (see <see cref="OriginFromFileName"/>).</summary>
        public static ZoneFileContent ParseFile(string path, string? origin = null) => ParseFile(path, origin, CancellationToken.None);

        /// <summary>
        /// Parses a file; <paramref name="cancellationToken"/> is checked between reads and entries (a slow disk or a
        /// large file must not outlive the caller). Throws <see cref="OperationCanceledException"/> when cancelled.
        /// </summary>
        public static ZoneFileContent ParseFile(string path, string? origin, CancellationToken cancellationToken)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            cancellationToken.ThrowIfCancellationRequested();
            var parser = new ZoneFileParser(cancellationToken);
            parser.ReadFile(path, InitialOrigin(origin ?? OriginFromFileName(path), path), null);
            return parser.Result(path);
        }

        /// <summary>
        /// The origin a file name suggests, for files that do not start with $ORIGIN: "example.com.zone",
        /// "example.com.db", "db.example.com" and "example.com" all give "example.com"; the root when the
        /// name is not a domain name.
        /// </summary>
        public static string OriginFromFileName(string path)
        {
            var name = Path.GetFileName(path);
            foreach (var suffix in new[] { ".zone", ".db" })
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) name = name.Substring(0, name.Length - suffix.Length);
            if (name.StartsWith("db.", StringComparison.OrdinalIgnoreCase)) name = name.Substring(3);
            return ZoneFileName.TryParse(name + ".", ZoneFileName.Root, out var parsed) == null ? parsed!.ToString() : ".";
        }

        /// <summary>Drops out-of-zone records as BIND does ("ignoring out-of-zone data"); a file without SOA has no zone to check.</summary>
        private ZoneFileContent Result(string path)
        {
            // Accepted (an empty zone answers NXDOMAIN for everything) but almost always the wrong file.
            if (_entries == 0) _warnings.Add($"{path}: no records (the zone file is empty or holds only comments and directives)");
            var zone = _soas.Count > 0 ? _soas[0].Zone : ".";
            var inZone = new List<DnsRecord>();
            var rrsetTtl = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var (record, where) in _records)
            {
                if (!ZoneFileName.IsAtOrBelow(record.Name, zone))
                {
                    _warnings.Add($"{where}: ignoring out-of-zone data {record.Name} (zone {zone})");
                    continue;
                }
                // RFC 2181 §5.2: all RRs of an RRset share one TTL; like BIND, the first one read wins.
                var key = record.Name + "\u0000" + (int)record.Type;
                if (!rrsetTtl.TryGetValue(key, out var ttl)) rrsetTtl[key] = ttl = record.Ttl;
                if (ttl == record.Ttl) inZone.Add(record);
                else
                {
                    _warnings.Add($"{where}: TTL set to prior TTL ({ttl}) (RFC 2181 §5.2)");
                    inZone.Add(new DnsRecord(record.Name, record.Type, ttl, record.Data, record.TextStrings, record.Preference));
                }
            }
            return new ZoneFileContent(zone, ZoneFileRecordKey.Distinct(inZone), _soas, _warnings);
        }

        private static ZoneFileName InitialOrigin(string origin, string path)
        {
            var text = origin.EndsWith(".", StringComparison.Ordinal) ? origin : origin + ".";
            if (ZoneFileName.TryParse(text, ZoneFileName.Root, out var name) is string error)
                throw new ZoneFileException($"{path}: invalid origin '{origin}': {error}", path);
            return name!;
        }

        /// <summary>Reads a file; <paramref name="includer"/> and <paramref name="includeLine"/> locate the $INCLUDE that named it, for errors.</summary>
        private void ReadFile(string path, ZoneFileName origin, ZoneFileName? previousOwner, string? includer = null, int includeLine = 0)
        {
            ZoneFileException Fail(string message) => includer == null
                ? new ZoneFileException($"{path}: {message}", path)
                : ZoneFileException.At(includer, includeLine, $"$INCLUDE {path}: {message}");

            var full = FullPath(path, path);
            if (_includes.Contains(full, StringComparer.Ordinal))
                throw Fail($"include cycle ({string.Join(" -> ", _includes.Reverse().Concat(new[] { full }))})");
            if (_includes.Count > ZoneFileLimits.MaxIncludeDepth)
                throw Fail($"$INCLUDE nested deeper than {ZoneFileLimits.MaxIncludeDepth}");
            var notRegular = ZoneFileKind.NotRegular(full);
            if (notRegular != null) throw Fail($"not a regular file ({notRegular})");
            byte[] octets;
            try
            {
                var info = new FileInfo(full);
                if (!info.Exists) throw Fail("zone file not found");
                if (info.Length > _bytesLeft) throw Fail(TooMuchData); // refused before reading
                octets = ReadCapped(full, info.Length) ?? throw Fail(TooMuchData);
                _bytesLeft -= octets.LongLength;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                throw Fail($"cannot read zone file: {e.Message}");
            }
            _includes.Push(full);
            Read(Octets(octets), path, origin, previousOwner);
            _includes.Pop();
        }

        /// <summary>
        /// The file's octets, or null when it holds more than the bytes left. The reported length is only a hint:
        /// whatever replaced the file since it was checked, at most <see cref="_bytesLeft"/> + 1 octets are read.
        /// </summary>
        private byte[]? ReadCapped(string full, long lengthHint)
        {
            const int chunk = 64 * 1024;
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var buffer = new MemoryStream((int)Math.Min(Math.Max(lengthHint, 0), _bytesLeft));
            var block = new byte[chunk];
            while (true)
            {
                _cancel.ThrowIfCancellationRequested();
                var want = (int)Math.Min(chunk, _bytesLeft + 1 - buffer.Length);
                var n = stream.Read(block, 0, want);
                if (n == 0) return buffer.ToArray();
                buffer.Write(block, 0, n);
                if (buffer.Length > _bytesLeft) return null;
            }
        }

        private void Read(string text, string path, ZoneFileName origin, ZoneFileName? owner)
        {
            foreach (var entry in ZoneFileTokenizer.Read(text, path))
            {
                _cancel.ThrowIfCancellationRequested();
                var first = entry.Tokens[0];
                if (!entry.BlankOwner && !first.Quoted && first.Text.StartsWith("$", StringComparison.Ordinal))
                    Directive(entry, path, ref origin, owner);
                else
                    owner = Record(entry, path, origin, owner);
            }
        }

        private void Directive(ZoneFileEntry entry, string path, ref ZoneFileName origin, ZoneFileName? owner)
        {
            var t = entry.Tokens;
            var name = t[0].Text.ToUpperInvariant();
            switch (name)
            {
                case "$ORIGIN": // RFC 1035 §5.1; a relative argument is relative to the current origin
                    Arguments(entry, path, 1, 1);
                    origin = ZoneFileName.Parse(t[1], origin, path);
                    break;
                case "$TTL": // RFC 2308 §4
                    Arguments(entry, path, 1, 1);
                    _defaultTtl = Ttl(t[1], path, "$TTL");
                    break;
                case "$INCLUDE": // RFC 1035 §5.1: the included file may name its origin; ours is unchanged after it
                    Arguments(entry, path, 1, 2);
                    var includeOrigin = t.Count > 2 ? ZoneFileName.Parse(t[2], origin, path) : origin;
                    ReadFile(IncludePath(t[1], path), includeOrigin, owner, path, entry.Line);
                    break;
                default:
                    throw ZoneFileException.At(path, entry.Line, name == "$GENERATE"
                        ? "$GENERATE (a BIND extension) is not supported"
                        : $"unknown directive {ZoneFileText.Show(t[0])}");
            }
        }

        private static void Arguments(ZoneFileEntry entry, string path, int min, int max)
        {
            var count = entry.Tokens.Count - 1;
            if (count < min) throw ZoneFileException.At(path, entry.Line, $"{entry.Tokens[0].Text} needs an argument");
            if (count > max)
                throw ZoneFileException.At(path, entry.Line, $"extra input after {entry.Tokens[0].Text}: {ZoneFileText.Show(entry.Tokens[max + 1])}");
        }

        private static string IncludePath(ZoneFileToken token, string includingPath)
        {
            var name = token.Text;
            if (name.IndexOf('\0') >= 0 || name.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                throw ZoneFileException.At(includingPath, token.Line, $"invalid $INCLUDE file name {ZoneFileText.Show(token)}");
            // Relative to the including file (BIND uses its working directory; tests run it from the file's folder).
            return Path.IsPathRooted(name) ? name : Path.Combine(Path.GetDirectoryName(includingPath) ?? "", name);
        }

        /// <summary>Parses one record; returns its owner, the default owner of the next entry.</summary>
        private ZoneFileName Record(ZoneFileEntry entry, string path, ZoneFileName origin, ZoneFileName? previousOwner)
        {
            var t = entry.Tokens;
            var i = 0;
            ZoneFileName owner;
            if (entry.BlankOwner)
                owner = previousOwner ?? throw ZoneFileException.At(path, entry.Line, "no current owner name for a line starting with white space");
            else
                owner = ZoneFileName.Parse(t[i++], origin, path);
            long? ttl = null;
            var sawClass = false;
            for (; i < t.Count && !t[i].Quoted; i++)
            {
                // RFC 1035 §5.1: <TTL> and <class> are optional and may come in either order.
                if (ttl == null && ZoneFileTtl.TryParse(t[i].Text, out _)) ttl = Ttl(t[i], path, "TTL");
                else if (!sawClass && ZoneFileTypes.IsClass(t[i].Text, out var isIn))
                {
                    if (!isIn) throw ZoneFileException.At(path, t[i].Line, $"class {ZoneFileText.Show(t[i])} is not IN");
                    sawClass = true;
                }
                else break;
            }
            if (i >= t.Count) throw ZoneFileException.At(path, entry.Line, "missing RR type");
            var typeToken = t[i];
            var code = typeToken.Quoted ? -1 : ZoneFileTypes.Code(typeToken.Text);
            if (code < 0) throw ZoneFileException.At(path, typeToken.Line, $"unknown RR type {ZoneFileText.Show(typeToken)}");
            if (ZoneFileTypes.IsMeta(code))
                throw ZoneFileException.At(path, typeToken.Line, $"meta type {ZoneFileText.Show(typeToken)} cannot appear in a zone (RFC 6895 §3.1)");
            var rdataTokens = t.Skip(i + 1).ToList();
            var rdata = Rdata(code, owner.ToString(), rdataTokens, origin, path, entry.Line);
            var recordTtl = RecordTtl(ttl, rdata?.Soa, path, entry.Line);
            _entries++;
            if (rdata == null)
            {
                _warnings.Add($"{path}:{entry.Line}: skipped {typeToken.Text.ToUpperInvariant()} record at {owner} (type not modelled)");
                return owner;
            }
            var type = (DnsRecordType)code;
            _records.Add((new DnsRecord(owner.ToString(), type, (int)recordTtl, rdata.Data, rdata.TextStrings, rdata.Preference), $"{path}:{entry.Line}"));
            if (rdata.Soa != null) _soas.Add(rdata.Soa);
            return owner;
        }

        /// <summary>The modelled rdata, or null for a type that is skipped (its generic form is still checked).</summary>
        private static ZoneFileRdata? Rdata(int code, string owner, List<ZoneFileToken> tokens, ZoneFileName origin, string path, int line)
        {
            var generic = ZoneFileGenericRdata.IsGeneric(tokens) ? ZoneFileGenericRdata.Read(tokens, path, line) : null;
            if (!ZoneFileTypes.IsModelled(code)) return null;
            var type = (DnsRecordType)code;
            return generic != null
                ? ZoneFileGenericRdata.Decode(type, owner, generic, path, line)
                : ZoneFileRdataParser.Parse(type, owner, tokens, origin, path, line);
        }

        private long RecordTtl(long? stated, ZoneFileSoa? soa, string path, int line)
        {
            if (stated is long ttl) return (_lastTtl = ttl).Value;
            if (_defaultTtl is long d) return d;
            if (_lastTtl is long last) return last;
            if (soa != null)
            {
                // BIND: a file with no TTL before its SOA uses the SOA minimum, from then on as if it were $TTL.
                _defaultTtl = Clamp(soa.Minimum, path, line, "SOA minimum");
                _warnings.Add($"{path}:{line}: no TTL specified; using the SOA minimum {_defaultTtl}");
                return _defaultTtl.Value;
            }
            throw ZoneFileException.At(path, line, "no TTL specified and no $TTL before this record (RFC 2308 §4)");
        }

        private long Ttl(ZoneFileToken token, string path, string what)
        {
            if (token.Quoted || !ZoneFileTtl.TryParse(token.Text, out var seconds))
                throw ZoneFileException.At(path, token.Line, $"invalid {what} {ZoneFileText.Show(token)}");
            return Clamp(seconds, path, token.Line, what);
        }

        /// <summary>RFC 2181 §8: a TTL above 2^31-1 is treated as zero (BIND warns and does the same).</summary>
        private long Clamp(long seconds, string path, int line, string what)
        {
            if (seconds <= ZoneFileTtl.MaxTtl) return seconds;
            _warnings.Add($"{path}:{line}: {what} {seconds} exceeds {ZoneFileTtl.MaxTtl}; using 0 (RFC 2181 §8)");
            return 0;
        }

        private static string FullPath(string path, string display)
        {
            try { return Path.GetFullPath(path); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
            {
                throw new ZoneFileException($"{display}: invalid path: {e.Message}", display);
            }
        }

        /// <summary>One char per octet (0-255), a UTF-8 byte-order mark dropped: names and strings are octets (RFC 1035 §5.1).</summary>
        private static string Octets(byte[] bytes)
        {
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            var chars = new char[bytes.Length - start];
            for (var i = start; i < bytes.Length; i++) chars[i - start] = (char)bytes[i];
            return new string(chars);
        }
    }
}
