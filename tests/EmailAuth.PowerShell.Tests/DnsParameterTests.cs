using System.Management.Automation;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    /// <summary>-Server, -ZoneFile and -TimeoutSec, shared by every DNS cmdlet.</summary>
    public sealed class DnsParameterTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public DnsParameterTests(PowerShellFixture ps) => _ps = ps;

        [Theory]
        [InlineData("Get-SpfRecord example.com")]
        [InlineData("Test-SpfHost 192.0.2.1 -Sender a@example.com")]
        public void Missing_zone_file_is_a_clear_terminating_error(string command)
        {
            var r = _ps.Run(command + " -ZoneFile ./no-such.zone");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("ZoneFileNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("no-such.zone", error.Exception.Message);
            Assert.Empty(r.Output);
        }

        [Fact]
        public void Broken_zone_file_names_file_and_line()
        {
            var r = _ps.Run("Get-SpfRecord broken.example -ZoneFile \"$fixtures/broken.zone\"");
            var error = Assert.Single(r.Errors);
            Assert.StartsWith("ZoneFileInvalid,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("broken.zone:5", error.Exception.Message);
            // The place is named once, not once by the cmdlet and again by the reader.
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Exception.Message, @"broken\.zone:5"));
        }

        [Theory]
        [InlineData("192.0.2")]
        [InlineData("dns.example.com")]
        [InlineData("192.0.2.53:0")]
        [InlineData("192.0.2.53:70000")]
        [InlineData("[2001:db8::53")]
        [InlineData("[192.0.2.53]:53")]
        public void Bad_server_address_is_InvalidServerAddress(string server)
        {
            var r = _ps.Run("Get-SpfRecord example.com -Server $args[0]", server);
            var error = Assert.Single(r.Errors);
            Assert.Equal("InvalidServerAddress,EmailAuth.Commands.GetSpfRecordCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(server, error.TargetObject);
            Assert.Empty(r.Output);
        }

        [Theory]
        [InlineData("192.0.2.53")]
        [InlineData("192.0.2.53:5353")]
        [InlineData("2001:db8::53")]
        [InlineData("[2001:db8::53]")]
        [InlineData("[2001:db8::53]:5353")]
        public void Good_server_addresses_are_accepted(string server)
        {
            // No domain to check: MissingDomain comes after -Server was parsed, before any query.
            var r = _ps.Run("Test-SpfHost 192.0.2.1 -Server $args[0]", server);
            Assert.Equal(new[] { "MissingDomain" }, r.ErrorIds);
        }

        [Fact]
        public void Server_and_ZoneFile_together_is_a_parameter_error()
        {
            var r = _ps.Run("Get-SpfRecord example.com -Server 192.0.2.53 -ZoneFile $zone");
            Assert.Equal(new[] { "AmbiguousParameterSet" }, r.ErrorIds);
            Assert.Empty(r.Output);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(61)]
        public void TimeoutSec_is_limited_to_1_to_60(int seconds)
        {
            var r = _ps.Run("Get-SpfRecord example.com -TimeoutSec $args[0]", seconds);
            Assert.Equal(new[] { "ParameterArgumentValidationError" }, r.ErrorIds);
        }
    }
}
