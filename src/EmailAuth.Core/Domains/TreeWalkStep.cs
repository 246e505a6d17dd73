using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Domains
{
    /// <summary>One query of the RFC 9989 DNS tree walk: the TXT records at _dmarc.&lt;Domain&gt; and what they said.</summary>
    public sealed class TreeWalkStep
    {
        public TreeWalkStep(string domain, string queryName, DnsAnswerStatus? status, int recordCount, DmarcRecord? record,
                            string? server = null, string? error = null)
        {
            Domain = domain;
            QueryName = queryName;
            Status = status;
            RecordCount = recordCount;
            Record = record;
            Server = server;
            Error = error;
        }

        /// <summary>The domain whose record was asked for.</summary>
        public string Domain { get; }
        /// <summary>_dmarc.&lt;Domain&gt;.</summary>
        public string QueryName { get; }
        /// <summary>How the TXT query ended; null when the name was too long to exist (not sent).</summary>
        public DnsAnswerStatus? Status { get; }
        /// <summary>TXT records starting with v=DMARC1 (two or more are all discarded).</summary>
        public int RecordCount { get; }
        /// <summary>The one DMARC record at this name, or null (none, several, or the query failed).</summary>
        public DmarcRecord? Record { get; }
        public string? Server { get; }
        public string? Error { get; }
        public DmarcPsd? Psd => Record?.Psd;

        public override string ToString() =>
            Status == null ? $"{QueryName}: not queried (longer than 253 characters)"
            : Record != null ? $"{QueryName}: {Record.Text}"
            : RecordCount > 1 ? $"{QueryName}: {RecordCount} DMARC records (all discarded)"
            : $"{QueryName}: {Status}{(Error != null ? " (" + Error + ")" : string.Empty)}";
    }
}
