namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>Bounds of <see cref="DmarcAggregateReportParser"/>: a report is hostile input.</summary>
    public sealed class DmarcReportParserOptions
    {
        /// <summary>Most characters of one XML document (XmlReaderSettings.MaxCharactersInDocument; default 512 Mi).</summary>
        public long MaxCharactersInDocument { get; set; } = 512L * 1024 * 1024;

        /// <summary>Rows held back while report_metadata or policy_published has not been read (they should come first; default 10,000).</summary>
        public int MaxBufferedRows { get; set; } = 10_000;

        /// <summary>Most auth_results dkim or spf entries, or policy_evaluated reasons, kept per row (default 100).</summary>
        public int MaxResultsPerRow { get; set; } = 100;

        /// <summary>Deepest element accepted; the schema's deepest is 4 (feedback/record/auth_results/dkim/domain; default 16).</summary>
        public int MaxDepth { get; set; } = 16;

        /// <summary>Warnings written per report before the rest are only counted (default 20).</summary>
        public int MaxWarningsPerReport { get; set; } = 20;
    }
}
