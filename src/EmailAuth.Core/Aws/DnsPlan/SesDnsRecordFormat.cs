namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>Formats of Export-SesDnsRecord.</summary>
    public enum SesDnsRecordFormat
    {
        /// <summary>RFC 1035 §5 master-file lines with absolute names (BIND, Knot, NSD, most DNS consoles' import).</summary>
        Bind,
        /// <summary>RFC 4180 CSV: one row per value.</summary>
        Csv,
        /// <summary>A JSON array of records with their values.</summary>
        Json,
    }
}
