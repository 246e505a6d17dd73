namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// Bounds on what one report file may cost to open. Reports arrive by mail from anyone, so every
    /// size, ratio and count is capped: a decompression bomb or a zip of ten thousand entries stops
    /// with a clear error instead of filling memory or disk.
    /// </summary>
    public sealed class ReportInputLimits
    {
        /// <summary>Most bytes one report stream may decompress to (default 256 MiB).</summary>
        public long MaxDecompressedBytes { get; set; } = 256L * 1024 * 1024;

        /// <summary>Most decompressed bytes per compressed byte once <see cref="RatioGraceBytes"/> are out (default 200).</summary>
        public int MaxCompressionRatio { get; set; } = 200;

        /// <summary>Decompressed bytes read before the ratio is enforced: small, very repetitive reports are legitimate (default 1 MiB).</summary>
        public long RatioGraceBytes { get; set; } = 1024L * 1024;

        /// <summary>Most entries a .zip may have (directories included; default 1000).</summary>
        public int MaxZipEntries { get; set; } = 1000;

        /// <summary>Most members a gzip file may have (RFC 1952 §2.2: a series of members, read one after another; default 1000).</summary>
        public int MaxGzipMembers { get; set; } = 1000;

        /// <summary>Most bytes an .eml message file may have (it is parsed whole by MimeKit; default 64 MiB).</summary>
        public long MaxMessageBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>Most MIME parts of one message looked at (default 200).</summary>
        public int MaxMessageParts { get; set; } = 200;

        /// <summary>Most bytes all entries of one .zip may decompress to together (default 256 MiB).</summary>
        public long MaxArchiveBytes { get; set; } = 256L * 1024 * 1024;

        /// <summary>Deepest MIME nesting MimeKit parses (deeper parts stay leaves; default 16).</summary>
        public int MaxMimeDepth { get; set; } = 16;

        /// <summary>The defaults above.</summary>
        public static ReportInputLimits Default => new ReportInputLimits();
    }
}
