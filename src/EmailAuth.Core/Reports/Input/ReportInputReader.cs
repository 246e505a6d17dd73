using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using MimeKit;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// Opens one input file as the report streams it holds, for every importer alike: a plain report, a gzip file
    /// (told by its magic bytes, whatever its name), every entry of a zip, or every report attachment of a message
    /// (.eml, RFC 7489 §7.2.1.1 / RFC 8460 §5.3 report mail). One archive level only: a zip or gzip inside a zip or
    /// gzip is refused. Parts come one at a time and must be disposed before the next is asked for.
    /// <see cref="OpenMessages"/> is the variant for failure reports, where a message file is itself the report.
    /// </summary>
    public sealed class ReportInputReader
    {
        private readonly ReportInputLimits _limits;

        public ReportInputReader(ReportInputLimits? limits = null) => _limits = limits ?? ReportInputLimits.Default;

        /// <summary>The media types a report attachment is sent as (RFC 7489 §7.2.1.1, RFC 8460 §5.3, and what reporters use).</summary>
        private static readonly HashSet<string> ReportMediaTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "application/xml", "text/xml", "application/gzip", "application/x-gzip", "application/zip",
            "application/x-zip", "application/x-zip-compressed", "application/tlsrpt+json", "application/tlsrpt+gzip",
            "application/json",
        };

        /// <summary>Names an application/octet-stream attachment must have to be taken as a report.</summary>
        private static readonly string[] ReportFileSuffixes = { ".xml", ".gz", ".gzip", ".zip", ".json" };

        /// <summary>The reports in <paramref name="path"/>. Throws <see cref="ReportInputException"/> or an I/O exception when the file as a whole cannot be read.</summary>
        public IEnumerable<ReportPart> Open(string path, CancellationToken cancellationToken = default) =>
            OpenFile(path, messages: false, cancellationToken);

        /// <summary>
        /// The messages in <paramref name="path"/>, for reports that ARE a message (DMARC failure reports, RFC 6591 /
        /// RFC 7489 §7.3): the file itself, its gzip content, or every zip entry, each yielded whole and capped at
        /// <see cref="ReportInputLimits.MaxMessageBytes"/> (a plain file over the cap is refused before it is read).
        /// Same archive rules and caps as <see cref="Open"/>. Throws <see cref="ReportInputException"/> or an I/O
        /// exception when the file as a whole cannot be read.
        /// </summary>
        public IEnumerable<ReportPart> OpenMessages(string path, CancellationToken cancellationToken = default) =>
            OpenFile(path, messages: true, cancellationToken);

        private IEnumerable<ReportPart> OpenFile(string path, bool messages, CancellationToken cancellationToken)
        {
            var maxBytes = messages ? _limits.MaxMessageBytes : _limits.MaxDecompressedBytes;
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            var owned = true;
            try
            {
                var head = new byte[ReportContentSniffer.HeadLength];
                var n = ReadHead(file, head);
                file.Position = 0;
                if (ReportContentSniffer.IsZip(head, n))
                {
                    foreach (var part in ReadZip(file, path, null, maxBytes, cancellationToken)) yield return part;
                }
                else if (ReportContentSniffer.IsGzip(head, n))
                {
                    owned = false;
                    yield return OpenGzip(file, path, null, maxBytes);
                }
                else if (!messages && (path.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) || ReportContentSniffer.LooksLikeMessage(head, n)))
                {
                    foreach (var part in ReadMessage(file, path, cancellationToken)) yield return part;
                }
                else
                {
                    if (messages && file.Length > maxBytes)
                        throw new ReportInputException(
                            $"{path}: the message has {file.Length:N0} bytes, more than the {maxBytes:N0} read from one message.",
                            null, ReportInputProblem.TooLarge);
                    owned = false;
                    yield return new ReportPart(path, null, new BoundedReadStream(file, path, _limits, maxBytes, null), ReportContentSniffer.Kind(head, n));
                }
            }
            finally
            {
                if (owned) file.Dispose();
            }
        }

        private static int ReadHead(Stream stream, byte[] head)
        {
            int total = 0, n;
            while (total < head.Length && (n = stream.Read(head, total, head.Length - total)) > 0) total += n;
            return total;
        }

        /// <summary>
        /// A gzip file's content (RFC 1952): every member's data in turn, each member's trailer checked, capped in size
        /// and ratio over all members together; gzip or zip inside is refused.
        /// </summary>
        private ReportPart OpenGzip(Stream compressed, string file, string? entry, long maxBytes)
        {
            var name = entry is null ? file : $"{file} › {entry}";
            var counting = new CountingStream(compressed);
            var bounded = new BoundedReadStream(new MultiMemberGzipStream(counting, name, _limits.MaxGzipMembers), name, _limits, maxBytes,
                () => counting.BytesRead);
            try
            {
                var head = new byte[ReportContentSniffer.HeadLength];
                var n = ReadHead(bounded, head);
                if (ReportContentSniffer.IsGzip(head, n) || ReportContentSniffer.IsZip(head, n))
                    throw new ReportInputException($"{name}: an archive inside a compressed file; only one level of gzip or zip is read.");
                return new ReportPart(file, entry, new PrefixedStream(head, n, bounded), ReportContentSniffer.Kind(head, n));
            }
            catch
            {
                bounded.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Every file entry of a zip (directories skipped), each capped at <paramref name="maxBytes"/>; at most
        /// <see cref="ReportInputLimits.MaxZipEntries"/> entries, and <see cref="ReportInputLimits.MaxArchiveBytes"/> for all together.
        /// </summary>
        private IEnumerable<ReportPart> ReadZip(Stream seekable, string file, string? entryPrefix, long maxBytes, CancellationToken cancellationToken)
        {
            var name = entryPrefix is null ? file : $"{file} › {entryPrefix}";
            ZipArchive archive;
            try
            {
                archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                throw new ReportInputException($"{name}: not a readable zip archive ({e.Message}).", e, ReportInputProblem.Unreadable);
            }
            using (archive)
            {
                var entries = archive.Entries;
                if (entries.Count > _limits.MaxZipEntries)
                    throw new ReportInputException($"{name}: the zip has {entries.Count:N0} entries, more than the {_limits.MaxZipEntries:N0} read from one archive.",
                        null, ReportInputProblem.TooLarge);
                var budget = new ArchiveBudget(name, _limits.MaxArchiveBytes);
                foreach (var entry in entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal)) continue;
                    var entryName = entryPrefix is null ? entry.FullName : $"{entryPrefix}/{entry.FullName}";
                    if (budget.Exhausted)
                    {
                        yield return ReportPart.Failed(file, entryName, budget.Error());
                        yield break;
                    }
                    ReportPart part;
                    try
                    {
                        part = OpenZipEntry(entry, file, entryName, maxBytes, budget);
                    }
                    catch (ReportInputException e)
                    {
                        part = ReportPart.Failed(file, entryName, e);
                    }
                    yield return part;
                }
            }
        }

        private ReportPart OpenZipEntry(ZipArchiveEntry entry, string file, string entryName, long maxBytes, ArchiveBudget budget)
        {
            var name = $"{file} › {entryName}";
            Stream raw;
            try
            {
                raw = entry.Open();
            }
            catch (Exception e) when (e is InvalidDataException || e is NotSupportedException)
            {
                // Damaged, encrypted, or a compression method other than stored/deflate.
                throw new ReportInputException($"{name}: the entry cannot be opened ({e.Message}).", e, ReportInputProblem.Invalid);
            }
            // The entry's compressed bytes are bounded by its declared compressed length; the ratio is taken against it.
            var compressedLength = entry.CompressedLength;
            var bounded = new BoundedReadStream(raw, name, _limits, maxBytes, () => compressedLength, budget: budget);
            try
            {
                var head = new byte[ReportContentSniffer.HeadLength];
                var n = ReadHead(bounded, head);
                if (ReportContentSniffer.IsGzip(head, n) || ReportContentSniffer.IsZip(head, n))
                    throw new ReportInputException($"{name}: an archive inside a zip; only one level of gzip or zip is read.");
                return new ReportPart(file, entryName, new PrefixedStream(head, n, bounded), ReportContentSniffer.Kind(head, n));
            }
            catch
            {
                bounded.Dispose();
                throw;
            }
        }

        /// <summary>Every attachment of a report mail whose media type (or, for application/octet-stream, name) says it is a report.</summary>
        private IEnumerable<ReportPart> ReadMessage(FileStream file, string path, CancellationToken cancellationToken)
        {
            if (file.Length > _limits.MaxMessageBytes)
                throw new ReportInputException($"{path}: the message has {file.Length:N0} bytes, more than the {_limits.MaxMessageBytes:N0} read from one message.",
                    null, ReportInputProblem.TooLarge);
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(new ParserOptions { MaxMimeDepth = _limits.MaxMimeDepth }, file, cancellationToken);
            }
            catch (FormatException e)
            {
                throw new ReportInputException($"{path}: not a readable message ({e.Message}).", e);
            }
            var seen = 0;
            var found = 0;
            using (message)
            {
                foreach (var entity in message.BodyParts)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (++seen > _limits.MaxMessageParts)
                        throw new ReportInputException($"{path}: the message has more than {_limits.MaxMessageParts} MIME parts; the rest are not read.",
                            null, ReportInputProblem.TooLarge);
                    if (!(entity is MimePart part) || part.Content == null || !IsReportAttachment(part)) continue;
                    found++;
                    var name = part.FileName ?? part.ContentType.MimeType;
                    var decoded = new MemoryStream();
                    part.Content.DecodeTo(decoded, cancellationToken);
                    decoded.Position = 0;
                    var head = new byte[ReportContentSniffer.HeadLength];
                    var n = ReadHead(decoded, head);
                    decoded.Position = 0;
                    if (ReportContentSniffer.IsZip(head, n))
                    {
                        using (decoded)
                            foreach (var inner in ReadZip(decoded, path, name, _limits.MaxDecompressedBytes, cancellationToken)) yield return inner;
                        continue;
                    }
                    ReportPart result;
                    try
                    {
                        result = ReportContentSniffer.IsGzip(head, n)
                            ? OpenGzip(decoded, path, name, _limits.MaxDecompressedBytes)
                            : new ReportPart(path, name, new BoundedReadStream(decoded, $"{path} › {name}", _limits, _limits.MaxDecompressedBytes, null), ReportContentSniffer.Kind(head, n));
                    }
                    catch (ReportInputException e)
                    {
                        result = ReportPart.Failed(path, name, e);
                    }
                    yield return result;
                }
            }
            if (found == 0)
                throw new ReportInputException($"{path}: the message carries no report attachment (application/gzip, application/zip, text/xml, application/tlsrpt+json, ...).");
        }

        private static bool IsReportAttachment(MimePart part)
        {
            var type = part.ContentType.MimeType;
            if (ReportMediaTypes.Contains(type)) return true;
            if (!string.Equals(type, "application/octet-stream", StringComparison.OrdinalIgnoreCase)) return false;
            var fileName = part.FileName ?? string.Empty;
            foreach (var suffix in ReportFileSuffixes)
                if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
