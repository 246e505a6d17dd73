using System.Linq;
using System.Management.Automation;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    public sealed class GetSpfRecordTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public GetSpfRecordTests(PowerShellFixture ps) => _ps = ps;

        [Fact]
        public void Domain_binds_by_value_from_the_pipeline()
        {
            var r = _ps.RunClean("'example.com' | Get-SpfRecord -ZoneFile $zone");
            var info = Assert.Single(r.Output);
            Assert.Equal("EmailAuth.Core.Spf.SpfRecordInfo", info.BaseObject.GetType().FullName);
            Assert.Equal("example.com", info.Str("Domain"));
            Assert.Equal("v=spf1 ip4:192.0.2.0/25 include:_spf.example.com mx ~all", info.Str("Record"));
            Assert.Equal(true, info.Prop("IsValid"));
            Assert.Equal(2, info.Prop("DnsLookupCount")); // include + mx (RFC 7208 §4.6.4)
            Assert.Contains("198.51.100.0/24", info.Items("Ip4").Select(o => o.ToString())); // from the include
        }

        [Fact]
        public void Domain_binds_by_property_name_and_by_the_Name_alias()
        {
            var r = _ps.RunClean("[pscustomobject]@{ Domain = 'example.com' }, [pscustomobject]@{ Name = 'redirect.example.com' } | Get-SpfRecord -ZoneFile $zone");
            Assert.Equal(new[] { "example.com", "redirect.example.com" }, r.Output.Select(o => o.Str("Domain")));
        }

        [Fact]
        public void Invalid_name_is_a_non_terminating_error_and_the_next_domain_still_runs()
        {
            var r = _ps.Run("'bad..name', 'example.com' | Get-SpfRecord -ZoneFile $zone");
            var error = Assert.Single(r.Errors);
            Assert.Equal("InvalidDomainName,EmailAuth.Commands.GetSpfRecordCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("bad..name", error.TargetObject);
            Assert.Equal("example.com", Assert.Single(r.Output).Str("Domain"));
        }

        [Theory]
        [InlineData("localhost")]           // single label: not a domain SPF can apply to (RFC 7208 §4.3)
        [InlineData("-bad.example.com")]
        [InlineData("sp ace.example.com")]
        public void Other_malformed_names_are_rejected_before_any_query(string name)
        {
            var r = _ps.Run("Get-SpfRecord -Domain $args[0]", name); // no resolver is ever asked
            Assert.Equal(new[] { "InvalidDomainName" }, r.ErrorIds);
            Assert.Empty(r.Output);
        }

        [Fact]
        public void Missing_record_is_an_object_with_SPF_NO_RECORD_and_no_error()
        {
            var r = _ps.RunClean("Get-SpfRecord nospf.example.com -ZoneFile $zone");
            var info = Assert.Single(r.Output);
            Assert.Null(info.Prop("Record"));
            Assert.Equal(false, info.Prop("IsValid"));
            Assert.Contains("SPF_NO_RECORD", info.FindingCodes());
        }

        [Fact]
        public void Classic_mistakes_in_the_sample_zone_are_found()
        {
            var r = _ps.RunClean("'typo.example.com', 'open.example.com', 'toomany.example.com', 'loop.example.com', 'twice.example.com' | Get-SpfRecord -ZoneFile $zone");
            Assert.Equal(5, r.Output.Count);
            foreach (var info in r.Output)
            {
                Assert.True(info.Items("Findings").Any(), $"{info.Str("Domain")} has no finding");
                Assert.True(info.Prop("IsValid") is false || info.Str("Domain") == "open.example.com",
                    $"{info.Str("Domain")} should not be valid");
            }
            var toomany = r.Output.Single(o => o.Str("Domain") == "toomany.example.com");
            Assert.Equal(12, toomany.Prop("DnsLookupCount"));
            Assert.Contains("SPF_TOO_MANY_LOOKUPS", toomany.FindingCodes());
            // +all: at least one error-level finding, whatever its code.
            var open = r.Output.Single(o => o.Str("Domain") == "open.example.com");
            Assert.Contains(open.Items("Findings"), f => (int)f.Prop("Severity")! >= 2);
        }

        [Fact]
        public void Multi_string_TXT_is_joined_without_separators()
        {
            var info = Assert.Single(_ps.RunClean("Get-SpfRecord multi.example.com -ZoneFile $zone").Output);
            var record = info.Str("Record")!;
            Assert.True(record.Length > 255, "the sample record should need several strings");
            Assert.Contains("ip4:192.0.2.224/28 ip6:2001:db8::/48", record);
            Assert.EndsWith("a:mail.example.com -all", record);
        }

        [Fact]
        public void Verbose_shows_each_query_and_the_cache_is_shared_across_cmdlets()
        {
            var first = _ps.RunClean("Get-SpfRecord example.com -ZoneFile $zone -Verbose");
            Assert.Contains(first.Verbose, v => v.StartsWith("DNS TXT example.com") );
            Assert.Contains(first.Verbose, v => v.StartsWith("DNS TXT _spf.example.com"));
            var second = _ps.RunClean("Test-SpfHost -IPAddress 198.51.100.7 -Sender alice@example.com -ZoneFile $zone -Verbose");
            Assert.Contains(second.Verbose, v => v.StartsWith("DNS TXT example.com") && v.EndsWith("(cached)"));
        }

        [Fact]
        public void Relative_zone_file_paths_start_at_the_PowerShell_location()
        {
            // The process directory is the test bin folder; only $PWD points at samples/.
            var r = _ps.RunClean("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null; Get-SpfRecord example.com -ZoneFile ./example.com.zone",
                System.IO.Path.GetDirectoryName(TestPaths.SampleZone)!);
            Assert.Equal(true, Assert.Single(r.Output).Prop("IsValid"));
        }

        [Fact]
        public void Several_zone_files_answer_together_and_wildcards_expand()
        {
            var r = _ps.RunClean("Get-SpfRecord example.net -ZoneFile $zone, \"$fixtures/*.net.zone\"");
            var info = Assert.Single(r.Output);
            Assert.Equal(true, info.Prop("IsValid"));
            Assert.Equal(1, info.Prop("DnsLookupCount"));
            Assert.Contains("198.51.100.0/24", info.Items("Ip4").Select(o => o.ToString()));
        }

        [Fact]
        public void Temperror_outputs_the_object_and_an_SpfDnsError_naming_the_server()
        {
            // Nothing listens on the discard port: the query fails (timeout or refusal), never "no record".
            var r = _ps.Run("Get-SpfRecord example.com -Server 127.0.0.1:9 -TimeoutSec 1");
            var info = Assert.Single(r.Output);
            Assert.Null(info.Prop("Record"));
            Assert.Contains("SPF_DNS_ERROR", info.FindingCodes());
            var error = Assert.Single(r.Errors);
            Assert.Equal("SpfDnsError", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(error.CategoryInfo.Category, new[] { ErrorCategory.ResourceUnavailable, ErrorCategory.OperationTimeout });
            Assert.Contains("127.0.0.1:9", error.Exception.Message);
        }

        [Fact]
        public void Progress_is_reported_for_several_domains_and_completed()
        {
            var r = _ps.RunClean("'example.com', 'open.example.com', 'typo.example.com' | Get-SpfRecord -ZoneFile $zone");
            Assert.Equal(3, r.Output.Count);
            Assert.Contains(r.Progress, p => p.CurrentOperation == "typo.example.com" && p.RecordType == ProgressRecordType.Processing);
            Assert.Equal(ProgressRecordType.Completed, r.Progress.Last().RecordType);
        }

        [Fact]
        public void A_single_domain_writes_no_progress()
        {
            Assert.Empty(_ps.Run("Get-SpfRecord 'bad..name' -ZoneFile $zone").Progress);
        }
    }
}
