using System.Linq;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using Xunit;
using static EmailAuth.Core.Tests.ZoneFiles.ZoneText;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    public class ZoneFileParserTests
    {
        [Fact]
        public void Origin_at_sign_relative_and_absolute_names()
        {
            var r = Records("$TTL 60", "@ A 192.0.2.1", "www A 192.0.2.2", "abs.example.net. A 192.0.2.3");
            Assert.Equal(new[] { "example.com 60 A 192.0.2.1", "www.example.com 60 A 192.0.2.2", "abs.example.net 60 A 192.0.2.3" }, Show(r));
        }

        [Fact]
        public void Blank_owner_repeats_the_previous_owner()
        {
            var r = Records("$TTL 60", "mail A 192.0.2.1", "  AAAA 2001:db8::1", "\tMX 10 mail");
            Assert.Equal(new[] { "mail.example.com 60 A 192.0.2.1", "mail.example.com 60 AAAA 2001:db8::1", "mail.example.com 60 MX 10 mail.example.com" }, Show(r));
        }

        [Fact]
        public void Origin_directive_changes_mid_file_absolute_and_relative()
        {
            var r = Records("$TTL 60", "a A 192.0.2.1", "$ORIGIN sub.example.com.", "b A 192.0.2.2", "$ORIGIN deeper", "@ CNAME b.sub.example.com.", "c MX 1 b");
            Assert.Equal(new[]
            {
                "a.example.com 60 A 192.0.2.1", "b.sub.example.com 60 A 192.0.2.2",
                "deeper.sub.example.com 60 CNAME b.sub.example.com", "c.deeper.sub.example.com 60 MX 1 b.deeper.sub.example.com",
            }, Show(r));
        }

        [Theory]
        [InlineData("a 300 IN A 192.0.2.1", 300)]
        [InlineData("a IN 300 A 192.0.2.1", 300)]
        [InlineData("a 300 A 192.0.2.1", 300)]
        [InlineData("a IN A 192.0.2.1", 7200)]
        [InlineData("a CLASS1 A 192.0.2.1", 7200)]
        [InlineData("a 1h30m A 192.0.2.1", 5400)]
        [InlineData("a 1d A 192.0.2.1", 86400)]
        [InlineData("a 2w A 192.0.2.1", 1209600)]
        [InlineData("a 1W2D3h4M5s A 192.0.2.1", 788645)]
        [InlineData("a 2147483647 A 192.0.2.1", 2147483647)]
        [InlineData("a 2147483648 A 192.0.2.1", 0)] // RFC 2181 §8
        public void Ttl_and_class_in_either_order_with_units(string line, int ttl)
        {
            Assert.Equal(ttl, Single("$TTL 2h", line).Ttl);
        }

        [Fact]
        public void Ttl_above_2_31_is_zero_with_a_warning()
        {
            var content = Parse("$TTL 4294967295", "a A 192.0.2.1");
            Assert.Equal(0, content.Records.Single().Ttl);
            Assert.Equal("<text>:1: $TTL 4294967295 exceeds 2147483647; using 0 (RFC 2181 §8)", content.Warnings.Single());
        }

        [Fact]
        public void Dollar_ttl_changes_mid_file_and_explicit_ttl_does_not_change_it()
        {
            var r = Records("$TTL 100", "a A 192.0.2.1", "b 5 A 192.0.2.2", "c A 192.0.2.3", "$TTL 200", "d A 192.0.2.4");
            Assert.Equal(new[] { 100, 5, 100, 200 }, r.Select(x => x.Ttl));
        }

        [Fact]
        public void Without_dollar_ttl_the_last_stated_ttl_applies()
        {
            var r = Records("a 30 A 192.0.2.1", "b A 192.0.2.2", "c 40 A 192.0.2.3", "d A 192.0.2.4");
            Assert.Equal(new[] { 30, 30, 40, 40 }, r.Select(x => x.Ttl));
        }

        [Fact]
        public void Soa_without_any_ttl_uses_its_minimum_as_the_default_like_bind()
        {
            var content = Parse("@ SOA ns h 1 2 3 4 45", "a 60 A 192.0.2.1", "b A 192.0.2.2");
            Assert.Equal(new[] { 45, 60, 45 }, content.Records.Select(x => x.Ttl));
            Assert.Equal("<text>:1: no TTL specified; using the SOA minimum 45", content.Warnings.Single());
        }

        [Fact]
        public void Soa_spanning_lines_with_comments_and_units()
        {
            var content = Parse("$TTL 1h", "@ IN SOA ns1 hostmaster.example.com. ( ; comment", "  2024060101 ; serial", "  2h 15m", "  2w ; expire", "  5m )");
            var soa = content.Soas.Single();
            Assert.Equal(("example.com", "ns1.example.com", "hostmaster.example.com"), (soa.Zone, soa.PrimaryServer, soa.Mailbox));
            Assert.Equal(new uint[] { 2024060101, 7200, 900, 1209600, 300 }, new[] { soa.Serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum });
            Assert.Equal("example.com 3600 SOA ns1.example.com hostmaster.example.com 2024060101 7200 900 1209600 300", Show(content.Records.Single()));
            Assert.Equal("example.com", content.Zone);
        }

        [Fact]
        public void Serial_takes_the_full_32_bits()
        {
            Assert.Equal(4294967295u, Parse("$TTL 1", "@ SOA ns h 4294967295 1 2 3 4").Soas.Single().Serial);
        }

        [Fact]
        public void Multiple_character_strings_are_kept_apart_and_concatenated_in_data()
        {
            var r = Single("$TTL 60", "@ TXT ( \"v=spf1 \" \"include:_spf.example.net\"", "  \" -all\" )");
            Assert.Equal(new[] { "v=spf1 ", "include:_spf.example.net", " -all" }, r.TextStrings);
            Assert.Equal("v=spf1 include:_spf.example.net -all", r.Data);
        }

        [Fact]
        public void Long_spf_split_over_several_strings_exceeds_255_in_total()
        {
            var part = new string('a', 200);
            var r = Single("$TTL 60", $"@ TXT \"v=spf1 {part}\" \"{part}\" \"{part} -all\"");
            Assert.Equal(3, r.TextStrings.Count);
            Assert.Equal($"v=spf1 {part}{part}{part} -all", r.Data);
        }

        [Fact]
        public void String_of_exactly_255_bytes_is_accepted()
        {
            Assert.Equal(255, Single("$TTL 60", $"@ TXT \"{new string('x', 255)}\"").Data.Length);
        }

        [Theory]
        [InlineData("\"quote\\\"inside\"", "quote\"inside")]
        [InlineData("\"back\\\\slash\"", "back\\slash")]
        [InlineData("\"\\065\\066C\"", "ABC")]
        [InlineData("\"semi;colon ( paren )\"", "semi;colon ( paren )")]
        [InlineData("\"caf\\195\\169\"", "café")]
        [InlineData("\"\"", "")]
        [InlineData("unquoted", "unquoted")]
        [InlineData("two\\ words", "two words")]
        [InlineData("a\\;b", "a;b")]
        public void Character_string_escapes(string rdata, string text)
        {
            var r = Single("$TTL 60", "@ TXT " + rdata);
            Assert.Equal(new[] { text }, r.TextStrings);
        }

        [Fact]
        public void Quote_inside_an_unquoted_token_starts_a_new_string_like_bind()
        {
            Assert.Equal(new[] { "ab", "cd", "ef" }, Single("$TTL 60", "@ TXT ab\"cd\"ef").TextStrings);
        }

        [Fact]
        public void Comment_ends_an_unquoted_string()
        {
            Assert.Equal(new[] { "v=spf1", "-all" }, Single("$TTL 60", "@ TXT v=spf1 -all;comment \"not a string\"").TextStrings);
        }

        [Fact]
        public void Spf_type_has_txt_rdata()
        {
            var r = Single("$TTL 60", "@ SPF \"v=spf1\" \" -all\"");
            Assert.Equal((DnsRecordType.SPF, "v=spf1 -all", 2), (r.Type, r.Data, r.TextStrings.Count));
        }

        [Fact]
        public void Rdata_names_are_made_absolute_with_the_origin()
        {
            var r = Records("$TTL 60", "@ MX 10 mail", "@ NS ns1", "w CNAME @", "p PTR host.example.net.", "n MX 0 .");
            Assert.Equal(new[]
            {
                "example.com 60 MX 10 mail.example.com", "example.com 60 NS ns1.example.com", "w.example.com 60 CNAME example.com",
                "p.example.com 60 PTR host.example.net", "n.example.com 60 MX 0 .",
            }, Show(r));
        }

        [Theory]
        [InlineData("esc\\.dot", "esc\\.dot.example.com")]
        [InlineData("\\065bc", "Abc.example.com")]
        [InlineData("sp\\032ace", "sp\\032ace.example.com")]
        [InlineData("semi\\;colon", "semi\\;colon.example.com")]
        [InlineData("\\0001", "\\0001.example.com")]
        [InlineData("Upper.Case", "Upper.Case.example.com")]
        [InlineData("*.wild", "*.wild.example.com")]
        [InlineData("_dmarc", "_dmarc.example.com")]
        public void Name_escapes_print_as_bind_does(string owner, string name)
        {
            Assert.Equal(name, Single("$TTL 60", owner + " A 192.0.2.1").Name);
        }

        [Fact]
        public void Names_are_case_insensitive_for_duplicates_which_are_removed()
        {
            var r = Records("$TTL 60", "a A 192.0.2.1", "A 90 A 192.0.2.1", "a A 192.0.2.2");
            Assert.Equal(new[] { "a.example.com 60 A 192.0.2.1", "a.example.com 60 A 192.0.2.2" }, Show(r));
        }

        [Theory]
        [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
        [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
        [InlineData("::1", "::1")]
        public void Aaaa_is_printed_in_rfc5952_form(string text, string expected)
        {
            Assert.Equal(expected, Single("$TTL 60", "@ AAAA " + text).Data);
        }

        [Fact]
        public void Generic_rdata_of_modelled_types_is_decoded()
        {
            var r = Records("$TTL 60", "a TYPE1 \\# 4 C0000201", "b A \\# 4 c0 00 02 02", "c TYPE1 192.0.2.3",
                            "d AAAA \\# 16 20010db8000000000000000000000001", "e TXT \\# 12 0568656c6c6f05776f726c64",
                            "f TYPE99 \"v=spf1\"", "g MX \\# 8 000a046d61696c00", "h CNAME \\# 11 01680767656e6572696300",
                            "@ SOA \\# 22 00 00 00000001 00000002 00000003 00000004 00000005");
            Assert.Equal(new[]
            {
                "a.example.com 60 A 192.0.2.1", "b.example.com 60 A 192.0.2.2", "c.example.com 60 A 192.0.2.3",
                "d.example.com 60 AAAA 2001:db8::1", "e.example.com 60 TXT helloworld", "f.example.com 60 SPF v=spf1",
                "g.example.com 60 MX 10 mail", "h.example.com 60 CNAME h.generic", "example.com 60 SOA . . 1 2 3 4 5",
            }, Show(r));
            Assert.Equal(new[] { "hello", "world" }, r[4].TextStrings);
        }

        [Fact]
        public void Types_not_modelled_are_skipped_with_a_warning()
        {
            var content = Parse("$TTL 60", "a HINFO \"PC\" \"Linux\"", "b CAA 0 issue \"ca.example\"", "_sip._tcp SRV 0 5 5060 sip",
                                "k TYPE65280 \\# 3 abcdef", "c A 192.0.2.1");
            Assert.Equal(new[] { "c.example.com 60 A 192.0.2.1" }, Show(content.Records));
            Assert.Equal(new[]
            {
                "<text>:2: skipped HINFO record at a.example.com (type not modelled)",
                "<text>:3: skipped CAA record at b.example.com (type not modelled)",
                "<text>:4: skipped SRV record at _sip._tcp.example.com (type not modelled)",
                "<text>:5: skipped TYPE65280 record at k.example.com (type not modelled)",
            }, content.Warnings);
        }

        [Fact]
        public void Blank_owner_after_a_skipped_record_is_that_record_owner()
        {
            Assert.Equal("h.example.com", Single("$TTL 60", "h HINFO PC Linux", "  A 192.0.2.1").Name);
        }

        [Fact]
        public void An_rrset_takes_the_ttl_of_its_first_record_like_bind()
        {
            // RFC 2181 §5.2; named-compilezone says "TTL set to prior TTL (100)".
            var content = Parse("$TTL 60", "@ SOA ns h 1 2 3 4 5", "a 100 A 192.0.2.1", "a 200 A 192.0.2.2", "a 300 TXT x");
            Assert.Equal(new[] { 100, 100, 300 }, content.Records.Where(r => r.Name == "a.example.com").Select(r => r.Ttl));
            Assert.Equal("<text>:4: TTL set to prior TTL (100) (RFC 2181 §5.2)", content.Warnings.Single());
        }

        [Fact]
        public void Out_of_zone_records_are_dropped_with_a_warning_like_bind()
        {
            var content = Parse("$TTL 60", "@ SOA ns h 1 2 3 4 5", "in A 192.0.2.1", "out.example.net. A 192.0.2.2");
            Assert.Equal(new[] { "example.com", "in.example.com" }, content.Records.Select(r => r.Name));
            Assert.Equal("<text>:4: ignoring out-of-zone data out.example.net (zone example.com)", content.Warnings.Single());
        }

        [Fact]
        public void Without_soa_every_record_is_kept()
        {
            var content = Parse("$TTL 60", "in A 192.0.2.1", "out.example.net. A 192.0.2.2");
            Assert.Equal((".", 2), (content.Zone, content.Records.Count));
        }

        [Fact]
        public void Nested_parentheses_and_crlf_line_ends_are_accepted()
        {
            var r = Single("$TTL 60\r", "@ TXT ( \"x\" ( \"y\" ) ) \r");
            Assert.Equal(new[] { "x", "y" }, r.TextStrings);
        }

        [Fact]
        public void Byte_order_mark_is_ignored_in_files()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bom-" + System.Guid.NewGuid().ToString("N") + ".zone");
            System.IO.File.WriteAllBytes(path, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.ASCII.GetBytes("$TTL 60\n@ A 192.0.2.1\n")).ToArray());
            try { Assert.Equal("example.org", ZoneFileParser.ParseFile(path, "example.org").Records.Single().Name); }
            finally { System.IO.File.Delete(path); }
        }

        [Theory]
        [InlineData("/z/example.com.zone", "example.com")]
        [InlineData("/z/example.com.db", "example.com")]
        [InlineData("/z/db.example.com", "example.com")]
        [InlineData("/z/example.com", "example.com")]
        [InlineData("/z/bad..name", ".")]
        public void Origin_from_file_name(string path, string origin)
        {
            Assert.Equal(origin, ZoneFileParser.OriginFromFileName(path));
        }
    }
}
