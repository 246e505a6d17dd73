namespace EmailAuth.Core.Posture
{
    /// <summary>The stable names of the sections (keys of <see cref="EmailAuthReport.Section"/>).</summary>
    public static class PostureSectionNames
    {
        public const string Spf = "Spf";
        public const string Dkim = "Dkim";
        public const string Dmarc = "Dmarc";
        public const string Bimi = "Bimi";
        public const string MtaSts = "MtaSts";
        public const string TlsRpt = "TlsRpt";
        public const string Mx = "Mx";
        public const string Ses = "Ses";
    }
}
