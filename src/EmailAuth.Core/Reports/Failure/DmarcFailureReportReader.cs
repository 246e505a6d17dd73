using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using MimeKit;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// Reads DMARC failure reports from files: an .eml (the report message as received), a gzip of one, or a .zip of
    /// them (every entry). gzip and zip are told by their magic bytes, whatever the name. One archive level only.
    /// Every size and count is capped (<see cref="DmarcFailureReportLimits"/>); a damaged file or entry is an
    /// exception in the result stream and the next one is read.
    /// </summary>
    public sealed class DmarcFailureReportReader
    {
        private readonly DmarcFailureReportLimits _limits;
        private readonly ParserOptions _parserOptions;

        public DmarcFailureReportReader(DmarcFailureReportLimits? limits = null)
        {
            _limits = limits ?? new DmarcFailureReportLimits();
            _parserOptions = ParserOptions.Default.Clone();
            _parserOptions.MaxMimeDepth = _limits.MaxMimeDepth;
        }

        /// <summary>
        /// The reports in <paramref name="path"/>, each either a report or the <see cref="DmarcFailureReportInputException"/>
        /// of the file or zip entry that gave none.
        /// </summary>
        public IEnumerable<DmarcFailureReportResult> Read(string path, CancellationToken cancellationToken = default)
        {
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return new[] { Failed(path, DmarcFailureReportProblem.Unreadable, e.Message, e) };
            }
            return ReadOpened(file, path, cancellationToken);
        }

        private IEnumerable<DmarcFailureReportResult> ReadOpened(FileStream file, string path, CancellationToken cancellationToken)
        {
            using (file)
            {
                var head = new byte[4];
                var n = ReadHead(file, head);
                file.Position = 0;
                if (IsZip(head, n))
                {
                    foreach (var result in ReadZip(file, path, cancellationToken)) yield return result;
                    yield break;
                }
                if (IsGzip(head, n))
                {
                    yield return ParseGzip(file, path, cancellationToken);
                    yield break;
                }
                if (file.Length > _limits.MaxMessageBytes)
                {
                    yield return Failed(path, DmarcFailureReportProblem.TooLarge,
                        $"{file.Length:N0} bytes, more than the {_limits.MaxMessageBytes:N0} read from one report message.");
                    yield break;
                }
                yield return Parse(file, path, cancellationToken);
            }
        }

        private DmarcFailureReportResult ParseGzip(Stream compressed, string name, CancellationToken cancellationToken)
        {
            // RFC 1952 gzip of one message; decompressed size capped, and no archive inside. .NET reads a truncated
            // gzip without complaint, so the ISIZE of the trailer (RFC 1952 §2.3.1, size mod 2^32) is checked at the end.
            var expectedSize = ReadGzipTrailerSize(compressed);
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            using var buffered = new BufferedStream(gzip);
            var head = new byte[4];
            int n;
            try
            {
                n = ReadHead(buffered, head);
            }
            catch (InvalidDataException e)
            {
                return Failed(name, DmarcFailureReportProblem.Invalid, "not a readable gzip file (" + e.Message + ").", e);
            }
            if (IsGzip(head, n) || IsZip(head, n))
                return Failed(name, DmarcFailureReportProblem.Invalid, "an archive inside a compressed file; only one level of gzip or zip is read.");
            var counted = new LimitedReadStream(new PrefixedStream(head, n, buffered), _limits.MaxMessageBytes);
            var result = Parse(counted, name, cancellationToken);
            if (result.Report == null || expectedSize == null) return result;
            try
            {
                var rest = new byte[16 * 1024];
                while (counted.Read(rest, 0, rest.Length) > 0) { }
            }
            catch (Exception e) when (e is InvalidDataException || e is IOException)
            {
                return Classify(name, e);
            }
            return (uint)counted.BytesRead == expectedSize.Value
                ? result
                : Failed(name, DmarcFailureReportProblem.Invalid,
                    $"a truncated or damaged gzip file: {counted.BytesRead:N0} bytes came out, its trailer says {expectedSize.Value:N0}.");
        }

        /// <summary>ISIZE, the last 4 bytes of a gzip file (little-endian), or null when the stream cannot seek.</summary>
        private static uint? ReadGzipTrailerSize(Stream compressed)
        {
            if (!compressed.CanSeek || compressed.Length < 18) return null;
            var start = compressed.Position;
            compressed.Seek(-4, SeekOrigin.End);
            var b = new byte[4];
            var n = ReadHead(compressed, b);
            compressed.Position = start;
            return n == 4 ? (uint)(b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24) : (uint?)null;
        }

        private IEnumerable<DmarcFailureReportResult> ReadZip(Stream file, string path, CancellationToken cancellationToken)
        {
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                return new[] { Failed(path, DmarcFailureReportProblem.Unreadable, "not a readable zip archive (" + e.Message + ").", e) };
            }
            return ReadEntries(archive, path, cancellationToken);
        }

        private IEnumerable<DmarcFailureReportResult> ReadEntries(ZipArchive archive, string path, CancellationToken cancellationToken)
        {
            using (archive)
            {
                if (archive.Entries.Count > _limits.MaxZipEntries)
                {
                    yield return Failed(path, DmarcFailureReportProblem.TooLarge,
                        $"the zip has {archive.Entries.Count:N0} entries, more than the {_limits.MaxZipEntries:N0} read from one archive.");
                    yield break;
                }
                long total = 0;
                foreach (var entry in archive.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal)) continue;
                    var name = $"{path} › {entry.FullName}";
                    if (total > _limits.MaxArchiveBytes)
                    {
                        yield return Failed(name, DmarcFailureReportProblem.TooLarge,
                            $"the archive's entries decompress to more than {_limits.MaxArchiveBytes:N0} bytes together; the rest is not read.");
                        yield break;
                    }
                    DmarcFailureReportResult result;
                    try
                    {
                        using var stream = new LimitedReadStream(entry.Open(), Math.Min(_limits.MaxMessageBytes, _limits.MaxArchiveBytes - total + 1),
                                                                 read => total += read);
                        using var buffered = new BufferedStream(stream);
                        var head = new byte[4];
                        var n = ReadHead(buffered, head);
                        result = IsGzip(head, n) || IsZip(head, n)
                            ? Failed(name, DmarcFailureReportProblem.Invalid, "an archive inside a zip; only one level of gzip or zip is read.")
                            : Parse(new PrefixedStream(head, n, buffered), name, cancellationToken);
                    }
                    catch (Exception e) when (e is InvalidDataException || e is IOException)
                    {
                        result = Classify(name, e);
                    }
                    yield return result;
                }
            }
        }

        /// <summary>MimeKit parses the message (never by hand); the size cap applies while it reads.</summary>
        private DmarcFailureReportResult Parse(Stream stream, string name, CancellationToken cancellationToken)
        {
            try
            {
                var limited = stream as LimitedReadStream ?? new LimitedReadStream(stream, _limits.MaxMessageBytes);
                var message = MimeMessage.Load(_parserOptions, limited, cancellationToken);
                return new DmarcFailureReportResult(name, DmarcFailureReportParser.Parse(message, name, _limits), null);
            }
            catch (DmarcFailureReportInputException e)
            {
                return new DmarcFailureReportResult(name, null, e);
            }
            catch (Exception e) when (e is FormatException || e is InvalidDataException || e is IOException)
            {
                return Classify(name, e);
            }
        }

        private DmarcFailureReportResult Classify(string name, Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
                if (x is LimitedReadStream.LimitExceededException limit)
                    return Failed(name, DmarcFailureReportProblem.TooLarge,
                        $"decompresses to more than {limit.Limit:N0} bytes, more than is read from one report (a decompression bomb?).", e);
            return e is InvalidDataException
                ? Failed(name, DmarcFailureReportProblem.Invalid, "damaged compressed data (" + e.Message + ").", e)
                : e is FormatException
                    ? Failed(name, DmarcFailureReportProblem.Invalid, "not a readable message (" + e.Message + ").", e)
                    : Failed(name, DmarcFailureReportProblem.Unreadable, e.Message, e);
        }

        private static DmarcFailureReportResult Failed(string name, DmarcFailureReportProblem problem, string message, Exception? inner = null) =>
            new DmarcFailureReportResult(name, null, new DmarcFailureReportInputException(name, problem, message, inner));

        private static int ReadHead(Stream stream, byte[] head)
        {
            int total = 0, n;
            while (total < head.Length && (n = stream.Read(head, total, head.Length - total)) > 0) total += n;
            return total;
        }

        private static bool IsGzip(byte[] b, int n) => n >= 2 && b[0] == 0x1F && b[1] == 0x8B;
        private static bool IsZip(byte[] b, int n) => n >= 4 && b[0] == (byte)'P' && b[1] == (byte)'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6);
    }

    /// <summary>One report read from a file, or why the file (or zip entry) gave none.</summary>
    public sealed class DmarcFailureReportResult
    {
        internal DmarcFailureReportResult(string source, DmarcFailureReport? report, DmarcFailureReportInputException? error)
        {
            Source = source;
            Report = report;
            Error = error;
        }

        public string Source { get; }
        public DmarcFailureReport? Report { get; }
        public DmarcFailureReportInputException? Error { get; }
    }
}
