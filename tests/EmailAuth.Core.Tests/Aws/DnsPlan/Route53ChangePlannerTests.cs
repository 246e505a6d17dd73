using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Route53;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    public class Route53ChangePlannerTests
    {
        private static readonly Route53HostedZone Zone = new Route53HostedZone { Id = "Z1", Name = "example.com." };

        private static Route53RecordSet Set(string name, string type, params string[] values) =>
            new Route53RecordSet { Name = name, Type = type, Ttl = 300, Values = values };

        private static List<Route53RecordSet> Base() => new List<Route53RecordSet>
        {
            Set("example.com.", "SOA", "ns-1.example. hostmaster.example.com. 1 7200 900 1209600 86400"),
            Set("example.com.", "NS", "ns-1.example."),
        };

        private static SesDnsRecord Want(string name, string type, SesDnsRecordPurpose purpose, params string[] values) =>
            new SesDnsRecord { Name = name, Type = type, Values = values, Ttl = 1800, Purpose = purpose, Domain = "example.com" };

        private static readonly SesDnsRecord Cname = Want("tok1._domainkey.example.com.", "CNAME", SesDnsRecordPurpose.DkimCname, "tok1.dkim.amazonses.com.");
        private static readonly SesDnsRecord Mx = Want("mail.example.com.", "MX", SesDnsRecordPurpose.MailFromMx, "10 feedback-smtp.us-east-1.amazonses.com.");
        private static readonly SesDnsRecord Spf = Want("mail.example.com.", "TXT", SesDnsRecordPurpose.MailFromSpf, "\"v=spf1 include:amazonses.com ~all\"");
        private static readonly SesDnsRecord Dmarc = Want("_dmarc.example.com.", "TXT", SesDnsRecordPurpose.Dmarc, "\"v=DMARC1; p=none\"");
        private static readonly SesDnsRecord Verification = Want("_amazonses.example.com.", "TXT", SesDnsRecordPurpose.Verification, "\"tokenA\"");

        private static DnsRecordChange One(IEnumerable<Route53RecordSet> existing, SesDnsRecord wanted) =>
            Route53ChangePlanner.Plan(Zone, existing, new[] { wanted }).Changes.Single();

        /// <summary>Applies a plan's batches as Route 53 would (CREATE adds, UPSERT replaces).</summary>
        private static List<Route53RecordSet> Apply(List<Route53RecordSet> sets, Route53ChangePlan plan)
        {
            var result = sets.ToList();
            foreach (var change in plan.Batches.SelectMany(b => b).Select(c => c.ToRoute53Change()!))
            {
                var rs = change.RecordSet;
                var i = result.FindIndex(s => string.Equals(s.Name, rs.Name, StringComparison.OrdinalIgnoreCase) && s.Type == rs.Type);
                if (change.Action == Route53ChangeAction.Create) Assert.True(i < 0, "CREATE of an existing set");
                if (i >= 0) result[i] = rs; else result.Add(rs);
            }
            return result;
        }

        [Fact]
        public void An_empty_zone_gets_creates_and_a_second_run_changes_nothing()
        {
            var wanted = new[] { Cname, Mx, Spf, Dmarc, Verification };
            var plan = Route53ChangePlanner.Plan(Zone, Base(), wanted);
            Assert.All(plan.Changes, c => Assert.Equal(DnsRecordChangeAction.Create, c.Action));
            Assert.Single(plan.Batches);
            Assert.All(plan.Changes, c => Assert.Null(c.Before));
            var after = Apply(Base(), plan);
            var again = Route53ChangePlanner.Plan(Zone, after, wanted);
            Assert.All(again.Changes, c => Assert.Equal(DnsRecordChangeAction.NoChange, c.Action));
            Assert.Empty(again.Batches);
        }

        [Fact]
        public void Names_compare_case_insensitively()
        {
            var existing = Base();
            existing.Add(Set("TOK1._DomainKey.Example.COM.", "CNAME", "TOK1.DKIM.AMAZONSES.COM"));
            Assert.Equal(DnsRecordChangeAction.NoChange, One(existing, Cname).Action);
        }

        [Fact]
        public void A_cname_pointing_elsewhere_is_refused()
        {
            var existing = Base();
            existing.Add(Set("tok1._domainkey.example.com.", "CNAME", "tok1.dkim.other.example."));
            var c = One(existing, Cname);
            Assert.Equal((DnsRecordChangeAction.Skipped, "SesDnsCnameConflict"), (c.Action, c.ErrorId));
            Assert.Equal(new[] { "tok1.dkim.other.example." }, c.Before);
        }

        [Fact]
        public void A_cname_beside_other_data_is_refused_both_ways()
        {
            var existing = Base();
            existing.Add(Set("tok1._domainkey.example.com.", "TXT", "\"v=DKIM1; p=abc\""));
            Assert.Equal("SesDnsCnameBesideData", One(existing, Cname).ErrorId);
            var withCname = Base();
            withCname.Add(Set("mail.example.com.", "CNAME", "elsewhere.example."));
            Assert.Equal("SesDnsCnameBesideData", One(withCname, Mx).ErrorId);
            Assert.Equal("SesDnsCnameBesideData", One(withCname, Spf).ErrorId);
        }

        [Fact]
        public void Another_accounts_verification_value_is_kept()
        {
            var existing = Base();
            existing.Add(new Route53RecordSet { Name = "_amazonses.example.com.", Type = "TXT", Ttl = 600, Values = new[] { "\"tokenB\"" } });
            var c = One(existing, Verification);
            Assert.Equal(DnsRecordChangeAction.Upsert, c.Action);
            Assert.Equal(new[] { "\"tokenB\"", "\"tokenA\"" }, c.After);
            Assert.Equal(new[] { "\"tokenB\"" }, c.Before);
            Assert.Equal(600, c.Ttl);
            Assert.Equal(600, c.ToRoute53Change()!.RecordSet.Ttl);
        }

        [Fact]
        public void An_spf_record_without_amazonses_is_merged_before_all()
        {
            var existing = Base();
            existing.Add(Set("mail.example.com.", "TXT", "\"v=spf1 ip4:192.0.2.0/24 -all\"", "\"other=value\""));
            var c = One(existing, Spf);
            Assert.Equal(DnsRecordChangeAction.Upsert, c.Action);
            Assert.Equal(new[] { "\"v=spf1 ip4:192.0.2.0/24 include:amazonses.com -all\"", "\"other=value\"" }, c.After);
            Assert.Single(c.After, v => TxtPresentation.Unquote(v).StartsWith("v=spf1"));
        }

        [Fact]
        public void An_spf_record_split_in_strings_that_includes_amazonses_is_no_change()
        {
            var existing = Base();
            existing.Add(Set("mail.example.com.", "TXT", "\"v=spf1 include:amazon\" \"ses.com ~all\""));
            Assert.Equal(DnsRecordChangeAction.NoChange, One(existing, Spf).Action);
        }

        [Theory]
        [InlineData("\"v=spf1 redirect=_spf.example.net\"")]
        [InlineData("\"v=spf1 include:a.example include:b.example include:c.example include:d.example a mx exists:e.example include:f.example include:g.example -all\"")]
        [InlineData("\"v=spf1 ip4:999.0.0.1 -all\"")]
        public void An_spf_record_that_cannot_be_merged_safely_is_refused(string value)
        {
            var existing = Base();
            existing.Add(Set("mail.example.com.", "TXT", value));
            var c = One(existing, Spf);
            Assert.Equal((DnsRecordChangeAction.Skipped, "SesDnsSpfConflict"), (c.Action, c.ErrorId));
            Assert.Null(c.ToRoute53Change());
        }

        [Fact]
        public void Two_spf_records_at_the_name_are_refused()
        {
            var existing = Base();
            existing.Add(Set("mail.example.com.", "TXT", "\"v=spf1 -all\"", "\"v=spf1 include:amazonses.com ~all\""));
            Assert.Equal("SesDnsSpfConflict", One(existing, Spf).ErrorId);
        }

        [Fact]
        public void A_published_dmarc_record_is_never_replaced()
        {
            var existing = Base();
            existing.Add(Set("_dmarc.example.com.", "TXT", "\"v=DMARC1; p=reject\""));
            var c = One(existing, Dmarc);
            Assert.Equal(DnsRecordChangeAction.NoChange, c.Action);
            Assert.Equal(new[] { "\"v=DMARC1; p=reject\"" }, c.After);
        }

        [Fact]
        public void Mx_hosts_of_other_regions_merge_and_foreign_hosts_are_refused()
        {
            var existing = Base();
            existing.Add(Set("mail.example.com.", "MX", "10 feedback-smtp.eu-west-1.amazonses.com"));
            var c = One(existing, Mx);
            Assert.Equal(DnsRecordChangeAction.Upsert, c.Action);
            Assert.Equal(2, c.After.Count);
            var foreign = Base();
            foreign.Add(Set("mail.example.com.", "MX", "10 mx.example.net."));
            Assert.Equal("SesDnsMxConflict", One(foreign, Mx).ErrorId);
            var same = Base();
            same.Add(Set("mail.example.com.", "MX", "010 FEEDBACK-SMTP.us-east-1.amazonses.com"));
            Assert.Equal(DnsRecordChangeAction.NoChange, One(same, Mx).Action);
        }

        [Fact]
        public void Alias_and_routing_policy_sets_are_not_touched()
        {
            var existing = Base();
            existing.Add(new Route53RecordSet { Name = "_amazonses.example.com.", Type = "TXT", Ttl = 60, Values = new[] { "\"x\"" }, SetIdentifier = "w1", Weight = 10 });
            Assert.Equal("SesDnsRoutingPolicy", One(existing, Verification).ErrorId);
        }

        [Fact]
        public void A_record_outside_the_zone_is_skipped()
        {
            var c = One(Base(), Want("tok._domainkey.example.org.", "CNAME", SesDnsRecordPurpose.DkimCname, "tok.dkim.amazonses.com."));
            Assert.Equal("SesDnsNotInZone", c.ErrorId);
        }

        [Fact]
        public void A_conflicting_dkim_key_is_refused()
        {
            var existing = Base();
            existing.Add(Set("sel._domainkey.example.com.", "TXT", "\"v=DKIM1; k=rsa; p=OLDKEY\""));
            Assert.Equal("SesDnsDkimKeyConflict", One(existing, Want("sel._domainkey.example.com.", "TXT", SesDnsRecordPurpose.DkimTxt, "\"v=DKIM1; k=rsa; p=NEWKEY\"")).ErrorId);
            Assert.Equal(DnsRecordChangeAction.NoChange, One(existing, Want("sel._domainkey.example.com.", "TXT", SesDnsRecordPurpose.DkimTxt, "\"v=DKIM1; k=rsa; p=OLDKEY\"")).Action);
        }

        [Fact]
        public void Batches_split_at_the_record_and_character_limits_with_upserts_counted_twice()
        {
            var wanted = Enumerable.Range(0, 10).Select(i => Want($"t{i}._domainkey.example.com.", "CNAME", SesDnsRecordPurpose.DkimCname, $"t{i}.dkim.amazonses.com.")).ToList();
            var plan = Route53ChangePlanner.Plan(Zone, Base(), wanted, new Route53BatchLimits(4, 32000));
            Assert.Equal(new[] { 4, 4, 2 }, plan.Batches.Select(b => b.Count));
            var byChars = Route53ChangePlanner.Plan(Zone, Base(), wanted, new Route53BatchLimits(1000, 50));
            Assert.All(byChars.Batches, b => Assert.True(b.Sum(c => c.After.Sum(v => v.Length)) <= 50));
            Assert.Equal(10, byChars.Batches.Sum(b => b.Count));
            var existing = Base();
            existing.Add(Set("_amazonses.example.com.", "TXT", "\"tokenB\""));
            var upsert = Route53ChangePlanner.Plan(Zone, existing, new[] { Verification, Cname }, new Route53BatchLimits(2, 32000));
            // The UPSERT carries 2 values, counted twice: 4 > 2, so it cannot be sent at all.
            Assert.Equal("SesDnsChangeTooLarge", upsert.Changes.Single(c => c.Type == "TXT").ErrorId);
            Assert.Single(upsert.Batches);
        }

        [Fact]
        public void Records_of_several_plans_merge_by_name_and_type()
        {
            var a = Want("_amazonses.example.com.", "TXT", SesDnsRecordPurpose.Verification, "\"tokenA\"");
            var b = Want("_AMAZONSES.example.com", "TXT", SesDnsRecordPurpose.Verification, "\"tokenB\"", "\"tokenA\"");
            var plan = Route53ChangePlanner.Plan(Zone, Base(), new[] { a, b });
            var c = plan.Changes.Single();
            Assert.Equal(new[] { "\"tokenA\"", "\"tokenB\"" }, c.After);
        }

        [Fact]
        public void Doubled_suffix_and_dangling_dkim_records_are_warned_about_and_left_alone()
        {
            var existing = Base();
            existing.Add(Set("tok9._domainkey.example.com.example.com.", "CNAME", "tok9.dkim.amazonses.com."));
            existing.Add(Set("old._domainkey.example.com.", "CNAME", "old.dkim.amazonses.com."));
            var plan = Route53ChangePlanner.Plan(Zone, existing, new[] { Cname });
            Assert.Contains(plan.Warnings, w => w.Contains("tok9._domainkey.example.com.example.com.") && w.Contains("repeats the zone name"));
            Assert.Contains(plan.Warnings, w => w.Contains("old._domainkey.example.com.") && w.Contains("dangling"));
            Assert.Equal(2, plan.Warnings.Count);
            Assert.Single(plan.Batches.SelectMany(b => b));
        }

        [Fact]
        public void The_longest_public_zone_wins()
        {
            var zones = new[]
            {
                new Route53HostedZone { Id = "Z1", Name = "example.com." },
                new Route53HostedZone { Id = "Z2", Name = "sub.example.com." },
                new Route53HostedZone { Id = "Z3", Name = "mail.sub.example.com.", PrivateZone = true },
                new Route53HostedZone { Id = "Z4", Name = "ample.com." },
            };
            Assert.Equal("Z2", HostedZoneMatcher.Find(zones, "mail.sub.example.com.")!.Id);
            Assert.Equal("Z1", HostedZoneMatcher.Find(zones, "_dmarc.EXAMPLE.com")!.Id);
            Assert.Null(HostedZoneMatcher.Find(zones, "example.org."));
            Assert.Null(HostedZoneMatcher.Find(zones, "xample.com."));
        }
    }
}
