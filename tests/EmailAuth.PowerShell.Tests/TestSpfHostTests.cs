using System.Linq;
using System.Management.Automation;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    public sealed class TestSpfHostTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public TestSpfHostTests(PowerShellFixture ps) => _ps = ps;

        [Theory]
        [InlineData("198.51.100.7", "alice@example.com", "Pass", "include:_spf.example.com")]
        [InlineData("203.0.113.25", "alice@example.com", "Pass", "mx")]
        [InlineData("2001:db8:1::25", "alice@example.com", "Pass", "include:_spf.example.com")]
        [InlineData("203.0.113.99", "alice@example.com", "SoftFail", "~all")]
        [InlineData("203.0.113.99", "bob@open.example.com", "Pass", "+all")]
        public void Results_for_the_sample_zone(string ip, string sender, string expected, string matched)
        {
            var r = _ps.RunClean("Test-SpfHost -IPAddress $args[0] -Sender $args[1] -ZoneFile $zone", ip, sender);
            var result = Assert.Single(r.Output);
            Assert.Equal("EmailAuth.Core.Spf.SpfCheckResult", result.BaseObject.GetType().FullName);
            Assert.Equal(expected, result.Str("Result"));
            Assert.Equal(matched, result.Str("MatchedTerm"));
            Assert.Equal(sender.Split('@')[1], result.Str("Domain"));
        }

        [Theory]
        [InlineData("toomany.example.com")]   // 11th lookup (RFC 7208 §4.6.4)
        [InlineData("loop.example.com")]      // include loop runs into the limit
        [InlineData("typo.example.com")]      // include of a domain without SPF (§5.2)
        [InlineData("twice.example.com")]     // two records (§4.5)
        public void PermError_is_a_result_not_an_error(string domain)
        {
            var r = _ps.RunClean("Test-SpfHost -IPAddress 203.0.113.99 -Sender \"alice@$($args[0])\" -ZoneFile $zone", domain);
            Assert.Equal("PermError", Assert.Single(r.Output).Str("Result"));
        }

        [Fact]
        public void Empty_sender_means_postmaster_at_the_HELO_name()
        {
            var r = _ps.RunClean("Test-SpfHost -IPAddress 203.0.113.25 -Sender '' -Helo mail2.example.com -ZoneFile $zone; " +
                                 "Test-SpfHost -IPAddress 203.0.113.99 -Helo mail2.example.com -ZoneFile $zone");
            Assert.Equal(2, r.Output.Count);
            Assert.All(r.Output, o => Assert.Equal("postmaster@mail2.example.com", o.Str("Sender")));
            Assert.All(r.Output, o => Assert.Equal("mail2.example.com", o.Str("Domain")));
            Assert.Equal(new[] { "Pass", "Fail" }, r.Output.Select(o => o.Str("Result")));
        }

        [Fact]
        public void Domain_alone_is_enough_and_overrides_the_senders_domain()
        {
            var r = _ps.RunClean("Test-SpfHost 192.0.2.25 -Domain mail.example.com -ZoneFile $zone; Test-SpfHost 192.0.2.25 -Sender x@open.example.com -Domain mail2.example.com -ZoneFile $zone");
            Assert.Equal("Pass", r.Output[0].Str("Result"));
            Assert.Equal("mail.example.com", r.Output[0].Str("Domain"));
            Assert.Equal("Fail", r.Output[1].Str("Result"));
            Assert.Equal("mail2.example.com", r.Output[1].Str("Domain"));
        }

        [Fact]
        public void Get_SpfRecord_output_pipes_in_by_property_name()
        {
            var r = _ps.RunClean("Get-SpfRecord example.com, toomany.example.com -ZoneFile $zone | Test-SpfHost -IPAddress 203.0.113.99 -ZoneFile $zone");
            Assert.Equal(new[] { "example.com", "toomany.example.com" }, r.Output.Select(o => o.Str("Domain")));
            Assert.Equal(new[] { "SoftFail", "PermError" }, r.Output.Select(o => o.Str("Result")));
        }

        [Fact]
        public void Objects_with_IPAddress_and_Sender_pipe_in()
        {
            var r = _ps.RunClean(
                "[pscustomobject]@{ IPAddress = '192.0.2.25'; Sender = 'bob@example.com' }, " +
                "[pscustomobject]@{ SourceIP = '203.0.113.99'; EnvelopeFrom = 'bob@example.com' } | Test-SpfHost -ZoneFile $zone");
            Assert.Equal(new[] { "Pass", "SoftFail" }, r.Output.Select(o => o.Str("Result")));
            Assert.Equal("203.0.113.99", r.Output[1].Str("IPAddress"));
        }

        [Fact]
        public void Neither_sender_helo_nor_domain_is_MissingDomain()
        {
            // -Server parses, no query is made: the check stops before DNS.
            var r = _ps.Run("Test-SpfHost -IPAddress 192.0.2.1 -Server '[::1]:5353'; Test-SpfHost -IPAddress 192.0.2.1 -Sender '' -Helo ' '");
            Assert.Equal(new[] { "MissingDomain", "MissingDomain" }, r.ErrorIds);
            Assert.All(r.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
            Assert.Empty(r.Output);
        }

        [Fact]
        public void Bad_IP_address_is_a_binding_error()
        {
            var r = _ps.Run("Test-SpfHost -IPAddress 192.0.2.300 -Sender a@example.com -ZoneFile $zone");
            Assert.Equal(new[] { "CannotConvertArgumentNoMessage" }, r.ErrorIds);
        }
    }
}
