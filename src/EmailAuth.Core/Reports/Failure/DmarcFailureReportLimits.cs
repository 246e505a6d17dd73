namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// What one failure-report file may cost. Reports arrive by mail from anyone (often about forged mail), so every
    /// size and count is capped: a gzip bomb or a zip of ten thousand entries ends in an error naming the file.
    /// </summary>
    public sealed class DmarcFailureReportLimits
    {
        /// <summary>Most bytes one report message may have, decompressed (default 32 MiB; MimeKit parses it whole).</summary>
        public long MaxMessageBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>Most bytes all entries of one .zip may decompress to together (default 256 MiB).</summary>
        public long MaxArchiveBytes { get; set; } = 256L * 1024 * 1024;

        /// <summary>Most entries a .zip may have (default 1000).</summary>
        public int MaxZipEntries { get; set; } = 1000;

        /// <summary>Most MIME parts of one report looked at when searching the feedback part (default 200).</summary>
        public int MaxMessageParts { get; set; } = 200;

        /// <summary>Deepest MIME nesting MimeKit parses (deeper parts stay leaves; default 32).</summary>
        public int MaxMimeDepth { get; set; } = 32;
    }
}
