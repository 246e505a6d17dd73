using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>One resource record of a scenario; owner absolute without the trailing dot.</summary>
    public sealed record ZoneRecord(string Owner, string Type, IReadOnlyList<string> Data, int Preference = 0)
    {
        /// <summary>TXT character-strings joined as RFC 7208 §3.3 reads them.</summary>
        public string Text => string.Concat(Data);

        public override string ToString() => Type switch
        {
            "TXT" => $"{Owner} TXT {string.Join(" ", Data.Select(s => "\"" + s + "\""))}",
            "MX" => $"{Owner} MX {Preference} {Data[0]}",
            _ => $"{Owner} {Type} {Data[0]}",
        };
    }

    /// <summary>
    /// A small zone fragment under its own subdomain (s0042.spf.test) plus one check_host() query.
    /// <see cref="Tags"/> name what the scenario exercises beyond its record text (limits, include
    /// targets…), for the coverage check. <see cref="RfcResult"/> is set where RFC 7208 dictates an
    /// outcome that pyspf is known not to give (see KnownDifferences).
    /// </summary>
    public sealed class Scenario
    {
        public Scenario(int id, string category)
        {
            Id = id;
            Category = category;
        }

        public int Id { get; }
        public string Name => $"s{Id:D4}";
        public string Domain => $"{Name}.{ScenarioGenerator.Zone}";
        public string Category { get; }
        public List<ZoneRecord> Records { get; } = new List<ZoneRecord>();
        public string Ip { get; set; } = "";
        /// <summary>MAIL FROM; empty means the HELO identity (postmaster@helo, RFC 7208 §2.4).</summary>
        public string Sender { get; set; } = "";
        public string Helo { get; set; } = "";
        public HashSet<string> Tags { get; } = new HashSet<string>();
        public string? RfcResult { get; set; }
        /// <summary>With <see cref="RfcResult"/> fail: the explanation RFC 7208 §6.2 requires.</summary>
        public string? RfcExplanation { get; set; }

        /// <summary>SPF-looking TXT texts of the scenario (for coverage over record text).</summary>
        public IEnumerable<string> TxtTexts => Records.Where(r => r.Type == "TXT").Select(r => r.Text);

        public string Describe() =>
            $"{Name} [{Category}] ip={Ip} sender=<{Sender}> helo={Helo}\n    " +
            string.Join("\n    ", Records.Select(r => r.ToString()));
    }
}
