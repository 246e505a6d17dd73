using System.Globalization;
using System.Linq;
using DnsClient;
using DnsClient.Protocol;

namespace EmailAuth.Core.Dns
{
    /// <summary>Converts DnsClient's records to <see cref="DnsRecord"/> presentation form.</summary>
    internal static class DnsClientRecords
    {
        /// <summary>The record in our form, or null for a type EmailAuth does not read.</summary>
        public static DnsRecord? ToDnsRecord(DnsResourceRecord rr)
        {
            var name = Name(rr.DomainName);
            var ttl = rr.TimeToLive;
            switch (rr)
            {
                case ARecord a:
                    return new DnsRecord(name, DnsRecordType.A, ttl, a.Address.ToString());
                case AaaaRecord aaaa:
                    return new DnsRecord(name, DnsRecordType.AAAA, ttl, aaaa.Address.ToString());
                case MxRecord mx:
                    return new DnsRecord(name, DnsRecordType.MX, ttl, Name(mx.Exchange), preference: mx.Preference);
                case CNameRecord cname:
                    return new DnsRecord(name, DnsRecordType.CNAME, ttl, Name(cname.CanonicalName));
                case PtrRecord ptr:
                    return new DnsRecord(name, DnsRecordType.PTR, ttl, Name(ptr.PtrDomainName));
                case NsRecord ns:
                    return new DnsRecord(name, DnsRecordType.NS, ttl, Name(ns.NSDName));
                case SoaRecord soa:
                    return new DnsRecord(name, DnsRecordType.SOA, ttl, string.Join(" ",
                        Name(soa.MName), Name(soa.RName), N(soa.Serial), N(soa.Refresh), N(soa.Retry), N(soa.Expire), N(soa.Minimum)));
                case TxtRecord txt when rr.RecordType == ResourceRecordType.TXT || rr.RecordType == ResourceRecordType.SPF:
                    // DnsClient parses type 99 (SPF) as a TxtRecord too. Text is each character-string decoded as
                    // UTF-8 ('"', '\' and UTF-8 text exact; a byte that is not UTF-8 becomes U+FFFD); EscapedText
                    // is no use here: it escapes '"' and non-printable bytes but not '\', so it cannot be undone.
                    var strings = txt.Text.ToArray();
                    var type = rr.RecordType == ResourceRecordType.SPF ? DnsRecordType.SPF : DnsRecordType.TXT;
                    // RFC 7208 §3.3: the strings of one record are concatenated with nothing between them.
                    return new DnsRecord(name, type, ttl, string.Concat(strings), strings);
                default:
                    return null;
            }
        }

        /// <summary>Absolute name without the trailing dot (DnsClient's values end with one).</summary>
        public static string Name(DnsString name) => DnsName.Normalize(name.Value);

        private static string N(uint value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
