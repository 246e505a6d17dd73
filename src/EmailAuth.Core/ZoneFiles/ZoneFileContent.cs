using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>What a master file (with its $INCLUDEs) holds: the modelled records, the SOAs, and warnings.</summary>
    public sealed class ZoneFileContent
    {
        internal ZoneFileContent(string zone, IReadOnlyList<DnsRecord> records, IReadOnlyList<ZoneFileSoa> soas, IReadOnlyList<string> warnings)
        {
            Zone = zone;
            Records = records;
            Soas = soas;
            Warnings = warnings;
        }

        /// <summary>The zone apex: the first SOA's owner; "." when the file has no SOA (then no record is out of zone).</summary>
        public string Zone { get; }

        /// <summary>A, AAAA, MX, TXT, SPF, CNAME, PTR, NS and SOA records in file order, exact duplicates removed (RFC 2181 §5)
        /// and, as BIND does, records outside <see cref="Zone"/> dropped with a warning.</summary>
        public IReadOnlyList<DnsRecord> Records { get; }

        public IReadOnlyList<ZoneFileSoa> Soas { get; }

        /// <summary>"file:line: ..." for records of types EmailAuth does not model (skipped) and for values BIND would also adjust;
        /// "file: no records ..." for a file without any record.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
