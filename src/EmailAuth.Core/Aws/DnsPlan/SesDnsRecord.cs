using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// One record set SES identities need: an absolute name (trailing dot), a type, the values in
    /// presentation form as Route 53 and BIND master files take them (TXT quoted, split in 255-byte
    /// strings: RFC 1035 §3.3.14, §5.1), and who needs it.
    /// </summary>
    public sealed class SesDnsRecord
    {
        public string Name { get; set; } = "";
        /// <summary>CNAME, MX or TXT.</summary>
        public string Type { get; set; } = "";
        public IReadOnlyList<string> Values { get; set; } = Array.Empty<string>();
        public long Ttl { get; set; }
        public SesDnsRecordPurpose Purpose { get; set; }
        /// <summary>The domain whose identities need the record.</summary>
        public string Domain { get; set; } = "";
        public IReadOnlyList<string> Identities { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Accounts { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Regions { get; set; } = Array.Empty<string>();

        /// <summary>The TXT values as text (quotes and escapes removed, strings joined); other types: the values.</summary>
        public IReadOnlyList<string> Text => Type == "TXT" ? Values.Select(TxtPresentation.Unquote).ToArray() : Values;

        public override string ToString() => $"{Name} {Ttl} IN {Type} {string.Join(" | ", Values)}";
    }
}
