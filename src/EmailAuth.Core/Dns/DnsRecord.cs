using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// One resource record in presentation form. Names are absolute without the trailing dot.
    /// <see cref="Data"/>: A/AAAA the address; MX/CNAME/PTR/NS the target name; TXT/SPF the
    /// character-strings concatenated with nothing between them (RFC 7208 §3.3); SOA the
    /// rdata fields joined by spaces.
    /// </summary>
    public sealed class DnsRecord
    {
        private static readonly IReadOnlyList<string> NoStrings = Array.Empty<string>();

        public DnsRecord(string name, DnsRecordType type, int ttl, string data,
                         IReadOnlyList<string>? textStrings = null, int preference = 0)
        {
            Name = DnsName.Normalize(name);
            Type = type;
            Ttl = ttl;
            Data = data ?? string.Empty;
            TextStrings = textStrings ?? NoStrings;
            Preference = preference;
        }

        public string Name { get; }
        public DnsRecordType Type { get; }
        public int Ttl { get; }
        public string Data { get; }
        /// <summary>TXT/SPF only: the individual character-strings as published (each at most 255 bytes).</summary>
        public IReadOnlyList<string> TextStrings { get; }
        /// <summary>MX only.</summary>
        public int Preference { get; }

        public override string ToString() =>
            Type == DnsRecordType.MX ? $"{Name} {Ttl} MX {Preference} {Data}" : $"{Name} {Ttl} {Type} {Data}";
    }
}
