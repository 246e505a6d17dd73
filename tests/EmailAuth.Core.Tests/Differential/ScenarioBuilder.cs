using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// Writes one scenario's records. Every scenario owns the IPv4 /24 10.(id/256).(id%256).0 and
    /// the IPv6 /64 2001:db8:0:id::, so its PTR records and addresses never collide with another's.
    /// </summary>
    public sealed class ScenarioBuilder
    {
        public ScenarioBuilder(Scenario s, Random rng)
        {
            S = s;
            Rng = rng;
            s.Ip = V4(1);
            s.Sender = "user@" + s.Domain;
            s.Helo = "mail." + s.Domain;
        }

        public Scenario S { get; }
        public Random Rng { get; }
        public string D => S.Domain;

        /// <summary>A name under the scenario's domain.</summary>
        public string N(string label) => label + "." + D;

        public string V4(int host) => $"10.{S.Id / 256}.{S.Id % 256}.{host}";
        public string V6(int host) => $"2001:db8:0:{S.Id:x}::{host:x}";
        public string Mapped(int host) => "::ffff:" + V4(host);
        public const string Foreign4 = "192.0.2.77";
        public const string Foreign6 = "2001:db8:ffff::77";

        private int _fresh;

        /// <summary>A name under the scenario's domain not handed out before.</summary>
        public string Fresh(string prefix) => N(prefix + (++_fresh));

        public ScenarioBuilder Tag(params string[] tags) { foreach (var t in tags) S.Tags.Add(t); return this; }

        public ScenarioBuilder Txt(string owner, params string[] strings)
        {
            S.Records.Add(new ZoneRecord(owner, "TXT", strings));
            return this;
        }

        /// <summary>The scenario domain's SPF record, sometimes split into several strings (§3.3).</summary>
        public ScenarioBuilder Spf(string text) => Txt(D, text);
        public ScenarioBuilder Spf(string owner, string text) => Txt(owner, text);

        public ScenarioBuilder A(string owner, string ip) { Add(owner, ip.Contains(':') ? "AAAA" : "A", ip); return this; }
        public ScenarioBuilder Cname(string owner, string target) { Add(owner, "CNAME", target); return this; }
        public ScenarioBuilder Mx(string owner, int pref, string target)
        {
            S.Records.Add(new ZoneRecord(owner, "MX", new[] { target }, pref));
            return this;
        }

        /// <summary>A PTR for an address of this scenario, in the reverse zone the fixture serves.</summary>
        public ScenarioBuilder Ptr(string ip, string target) { Add(ReverseName(ip), "PTR", target); return this; }

        public ScenarioBuilder Query(string ip, string? sender = null, string? helo = null)
        {
            S.Ip = ip;
            if (sender != null) S.Sender = sender;
            if (helo != null) S.Helo = helo;
            return this;
        }

        /// <summary>RFC 7208 result the RFC requires where pyspf deviates (see KnownDifferences).</summary>
        public ScenarioBuilder Rfc(string result, string? explanation = null)
        {
            S.RfcResult = result;
            S.RfcExplanation = explanation;
            return this;
        }

        public T Pick<T>(params T[] items) => items[Rng.Next(items.Length)];
        public bool Coin() => Rng.Next(2) == 0;

        private void Add(string owner, string type, string data) => S.Records.Add(new ZoneRecord(owner, type, new[] { data }));

        public static string ReverseName(string ip)
        {
            var a = IPAddress.Parse(ip);
            if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
            var b = a.GetAddressBytes();
            if (b.Length == 4) return string.Join(".", b.Reverse()) + ".in-addr.arpa";
            var nibbles = b.SelectMany(x => new[] { x >> 4, x & 15 }).Reverse().Select(n => n.ToString("x"));
            return string.Join(".", nibbles) + ".ip6.arpa";
        }
    }
}
