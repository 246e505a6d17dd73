using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// One report inside an input file: the file itself, its gzip content, a zip entry or a message attachment.
    /// <see cref="Stream"/> yields the decompressed bytes, bounded by <see cref="ReportInputLimits"/>; reading past a
    /// cap throws <see cref="ReportInputException"/>.
    /// </summary>
    public sealed class ReportPart : IDisposable
    {
        internal ReportPart(string sourceFile, string? entry, Stream stream, ReportContentKind kind)
        {
            SourceFile = sourceFile;
            Entry = entry;
            Stream = stream;
            Kind = kind;
        }

        /// <summary>An entry that could not be opened (nested archive, damaged data, cap hit): reported, and the file's other entries go on.</summary>
        internal static ReportPart Failed(string sourceFile, string? entry, ReportInputException error) =>
            new ReportPart(sourceFile, entry, Stream.Null, ReportContentKind.Unknown) { Error = error };

        /// <summary>The file opened.</summary>
        public string SourceFile { get; }
        /// <summary>The zip entry or attachment name; null for the file's own (possibly gzip) content.</summary>
        public string? Entry { get; }
        public Stream Stream { get; }
        public ReportContentKind Kind { get; }
        /// <summary>Why this entry cannot be read; null when <see cref="Stream"/> is usable.</summary>
        public ReportInputException? Error { get; private set; }

        /// <summary>"file" or "file › entry", for messages.</summary>
        public string DisplayName => Entry is null ? SourceFile : $"{SourceFile} › {Entry}";

        /// <summary>
        /// Reads what the parser left unread (bounded by the same caps), so the end-of-data checks run: a gzip cut
        /// after the report's last element is still an error. Call after a successful parse.
        /// </summary>
        public void ReadToEnd()
        {
            var buffer = new byte[81920];
            while (Stream.Read(buffer, 0, buffer.Length) > 0) { }
        }

        public void Dispose() => Stream.Dispose();
    }
}
