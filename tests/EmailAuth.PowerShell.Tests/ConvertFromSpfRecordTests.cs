using System.Linq;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    public sealed class ConvertFromSpfRecordTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public ConvertFromSpfRecordTests(PowerShellFixture ps) => _ps = ps;

        [Fact]
        public void Parses_terms_without_DNS()
        {
            var info = Assert.Single(_ps.RunClean("ConvertFrom-SpfRecord -Record 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.com ~all' -Domain example.com").Output);
            Assert.Equal("EmailAuth.Core.Spf.SpfRecordInfo", info.BaseObject.GetType().FullName);
            Assert.Equal("example.com", info.Str("Domain"));
            Assert.Equal(true, info.Prop("IsValid"));
            var terms = info.Items("Terms");
            Assert.Equal(new[] { "ip4", "include", "all" }, terms.Select(t => t.Str("Mechanism")));
            Assert.Equal("~", terms[2].Str("Qualifier"));
            Assert.Equal(1, info.Prop("DnsLookupCount"));
        }

        [Fact]
        public void Records_bind_by_value_and_invalid_text_is_not_valid()
        {
            var r = _ps.RunClean("'v=spf1 -all', 'v=spf1 ip4:192.0.2.300 -all' | ConvertFrom-SpfRecord");
            Assert.Equal(2, r.Output.Count);
            Assert.Equal(true, r.Output[0].Prop("IsValid"));
            Assert.Equal(false, r.Output[1].Prop("IsValid"));
            Assert.NotEmpty(r.Output[1].FindingCodes());
        }

        [Fact]
        public void Objects_with_Record_and_Domain_bind_by_property_name()
        {
            var r = _ps.RunClean("[pscustomobject]@{ Record = 'v=spf1 mx -all'; Domain = 'example.org' } | ConvertFrom-SpfRecord");
            var info = Assert.Single(r.Output);
            Assert.Equal("example.org", info.Str("Domain"));
            Assert.Equal("v=spf1 mx -all", info.Str("Record"));
        }

        [Fact]
        public void Get_SpfRecord_output_re_parses_offline()
        {
            var r = _ps.RunClean("Get-SpfRecord typo.example.com -ZoneFile $zone | ConvertFrom-SpfRecord");
            var info = Assert.Single(r.Output);
            Assert.Equal("typo.example.com", info.Str("Domain"));
            Assert.Equal("v=spf1 include:amazoneses.example ~all", info.Str("Record"));
        }

        [Fact]
        public void Invalid_domain_is_InvalidDomainName()
        {
            var r = _ps.Run("ConvertFrom-SpfRecord 'v=spf1 -all' -Domain 'a..b'");
            Assert.Equal(new[] { "InvalidDomainName" }, r.ErrorIds);
            Assert.Empty(r.Output);
        }
    }
}
