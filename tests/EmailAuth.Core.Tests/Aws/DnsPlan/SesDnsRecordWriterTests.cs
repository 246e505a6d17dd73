using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    public class SesDnsRecordWriterTests
    {
        /// <summary>A 2048-bit key's base64 is ~392 characters: the TXT must be split in 255-byte strings.</summary>
        private static readonly string LongKey = Convert.ToBase64String(Enumerable.Range(0, 294).Select(i => (byte)i).ToArray());

        private static SesDnsPlan SamplePlan()
        {
            var easy = SesDnsPlannerTests.Domain("example.com", mailFrom: "mail.example.com", tokens: new[] { "tok1", "tok2", "tok3" });
            var byo = SesDnsPlannerTests.Domain("example.com", "222222222222", "eu-west-1");
            byo.Dkim = new SesIdentityDkim { Origin = "EXTERNAL", Selector = "sel" };
            var options = new SesDnsPlanOptions { DmarcReportAddress = "dmarc@example.com" };
            options.PublicKeys["sel"] = LongKey;
            return SesDnsPlanner.Plan(new[] { new SesDnsPlanInput(easy, "tokenA"), new SesDnsPlanInput(byo, "tokenB") }, options);
        }

        [PeerFact("named-checkzone")]
        public void Bind_output_loads_in_named_checkzone()
        {
            var plan = SamplePlan();
            var bind = SesDnsRecordWriter.Write(plan.Records, SesDnsRecordFormat.Bind);
            var dir = Directory.CreateTempSubdirectory("sesdns-bind");
            try
            {
                var path = Path.Combine(dir.FullName, "example.com.zone");
                File.WriteAllText(path, "$TTL 300\nexample.com. IN SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 300\nexample.com. IN NS ns.example.com.\nns.example.com. IN A 192.0.2.53\n" + bind);
                var (code, output) = Run(Peers.Require("named-checkzone"), "-i local -k fail -n fail example.com " + path);
                Assert.True(code == 0, output);
                Assert.Contains("OK", output);
                // The long DKIM key survives the split: named-compilezone prints the record back.
                var (code2, compiled) = Run(Peers.Require("named-compilezone"), "-q -o - example.com " + path);
                Assert.True(code2 == 0, compiled);
                var dkimLine = compiled.Split('\n').Single(l => l.StartsWith("sel._domainkey.example.com.", StringComparison.Ordinal));
                Assert.Contains(LongKey.Substring(0, 200), dkimLine);
                Assert.Contains("\" \"", dkimLine);
            }
            finally { dir.Delete(true); }
        }

        [Fact]
        public void Bind_output_reads_back_through_our_zone_file_reader()
        {
            var plan = SamplePlan();
            var bind = "$TTL 300\nexample.com. IN SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 300\n" + SesDnsRecordWriter.Write(plan.Records, SesDnsRecordFormat.Bind);
            Assert.DoesNotContain(bind.Split('\n'), l => l.Contains('\t') && !l.StartsWith(";") && !l.StartsWith("$") && !l.Split('\t')[0].EndsWith("."));
            var content = ZoneFileParser.Parse(bind, "example.com");
            Assert.Empty(content.Warnings);
            var txt = content.Records.Single(r => r.Name.StartsWith("sel._domainkey", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(new[] { 255, ("v=DKIM1; k=rsa; p=" + LongKey).Length - 255 }, txt.TextStrings.Select(t => t.Length));
            Assert.Equal("v=DKIM1; k=rsa; p=" + LongKey, string.Concat(txt.TextStrings));
            Assert.Equal(plan.Records.Sum(r => r.Values.Count), content.Records.Count(r => r.Type != Core.Dns.DnsRecordType.SOA));
            var dkim = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.DkimTxt);
            Assert.Equal(2, TxtPresentation.StringLengths(dkim.Values.Single()).Count);
            Assert.Equal("v=DKIM1; k=rsa; p=" + LongKey, dkim.Text.Single());
            Assert.Contains("_amazonses.example.com.\t1800\tIN\tTXT\t\"tokenA\"", bind);
            Assert.Contains("_amazonses.example.com.\t1800\tIN\tTXT\t\"tokenB\"", bind);
        }

        [Fact]
        public void Csv_has_one_row_per_value_and_quotes_txt()
        {
            var csv = SesDnsRecordWriter.Write(SamplePlan().Records, SesDnsRecordFormat.Csv);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Name,Type,Ttl,Value,Purpose,Domain,Identities,Accounts,Regions", lines[0]);
            Assert.Contains("mail.example.com.,TXT,1800,\"\"\"v=spf1 include:amazonses.com ~all\"\"\",MailFromSpf,example.com,example.com,111111111111,us-east-1", lines);
            Assert.Equal(2, lines.Count(l => l.StartsWith("_amazonses.example.com.,TXT", StringComparison.Ordinal)));
        }

        [Fact]
        public void Json_round_trips_names_values_and_text()
        {
            var json = SesDnsRecordWriter.Write(SamplePlan().Records, SesDnsRecordFormat.Json);
            using var doc = JsonDocument.Parse(json);
            var spf = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("Purpose").GetString() == "MailFromSpf");
            Assert.Equal("mail.example.com.", spf.GetProperty("Name").GetString());
            Assert.Equal("\"v=spf1 include:amazonses.com ~all\"", spf.GetProperty("Values")[0].GetString());
            Assert.Equal("v=spf1 include:amazonses.com ~all", spf.GetProperty("Text")[0].GetString());
        }

        [Theory]
        [InlineData("relative.example.com", "CNAME", "x.example.")]
        [InlineData("x.example.com.", "TXT", "unquoted")]
        [InlineData("x.example.com.", "TXT", "\"a\"\n\"b\"")]
        [InlineData("x.example.com.", "MX", "10 a.example.\n@ IN NS evil.example.")]
        [InlineData("x.example.com.", "A", "192.0.2.1")]
        public void Records_that_would_break_a_zone_file_are_refused(string name, string type, string value) =>
            Assert.Throws<ArgumentException>(() => SesDnsRecordWriter.Write(new[] { new SesDnsRecord { Name = name, Type = type, Values = new[] { value }, Ttl = 300 } }, SesDnsRecordFormat.Bind));

        private static (int, string) Run(string program, string args)
        {
            var psi = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60_000), "the peer did not finish in 60 s");
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
