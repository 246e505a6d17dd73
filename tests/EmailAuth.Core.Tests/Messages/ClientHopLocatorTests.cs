using System.Linq;
using EmailAuth.Core.Messages;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>The documented rule for the client IP and HELO (ClientHopLocator), on Received fields as Gmail, Outlook, SES, Postfix and Exim write them.</summary>
    public sealed class ClientHopLocatorTests
    {
        // Gmail: its own topmost "by" field without from, then the hop from the SES outbound host (bracketed IP).
        private static readonly string[] Gmail =
        {
            "by 2002:a05:7300:5b8f:b0:1a2:3b4c:5d6e with SMTP id x15csp2214481dyb; Mon, 1 Jun 2026 02:14:08 -0700 (PDT)",
            "from a48-170.smtp-out.amazonses.com (a48-170.smtp-out.amazonses.com. [54.240.48.170]) by mx.google.com with ESMTPS id 6a1803df08f44 for <customer@example.net> (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); Mon, 01 Jun 2026 02:14:08 -0700 (PDT)",
            "from [10.0.3.7] by email-smtp.us-east-1.amazonaws.com (SES) with ESMTPSA; Mon, 01 Jun 2026 09:14:07 +0000",
        };

        // Exchange Online: internal hops between *.outlook.com hosts (IPs in parentheses, no brackets), then the SES hop.
        private static readonly string[] Outlook =
        {
            "from SJ0PR11MB5678.namprd11.prod.outlook.com (2603:10b6:a03:42b::9) by PH7PR11MB1234.namprd11.prod.outlook.com with HTTPS; Mon, 1 Jun 2026 09:14:09 +0000",
            "from BN9PR03CA0123.namprd03.prod.outlook.com (2603:10b6:408:fe::8) by SJ0PR11MB5678.namprd11.prod.outlook.com (2603:10b6:a03:42b::9) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.28; Mon, 1 Jun 2026 09:14:09 +0000",
            "from BN2PEPF000044A9.namprd04.prod.outlook.com (2603:10b6:408:fe:cafe::1) by BN9PR03CA0123.outlook.office365.com (2603:10b6:408:fe::8) with Microsoft SMTP Server id 15.20.7452.28 via Frontend Transport; Mon, 1 Jun 2026 09:14:08 +0000",
            "from a48-170.smtp-out.amazonses.com (54.240.48.170) by BN2PEPF000044A9.mail.protection.outlook.com (10.167.243.154) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7452.22 via Frontend Transport; Mon, 1 Jun 2026 09:14:08 +0000",
        };

        [Fact]
        public void Gmail_the_hop_from_the_SES_host_gives_its_bracketed_IP_and_HELO()
        {
            var hop = ClientHopLocator.Locate(Gmail, null)!;
            Assert.Equal("54.240.48.170", hop.IPAddress!.ToString());
            Assert.Equal("a48-170.smtp-out.amazonses.com", hop.Helo);
            Assert.Equal("mx.google.com", hop.ByHost);
            Assert.Equal(1, hop.Index);
        }

        [Fact]
        public void Outlook_internal_outlook_com_hops_are_skipped_and_the_parenthesized_IP_is_read()
        {
            var hop = ClientHopLocator.Locate(Outlook, null)!;
            Assert.Equal("54.240.48.170", hop.IPAddress!.ToString());
            Assert.Equal("a48-170.smtp-out.amazonses.com", hop.Helo);
            Assert.Equal(3, hop.Index);
        }

        [Fact]
        public void A_trusted_receiver_hop_is_skipped_by_host_name_or_address()
        {
            var chain = new[]
            {
                "from filter.corp.example (filter.corp.example [203.0.113.9]) by mail.corp.example (Postfix) with ESMTPS id 4Vx; Mon, 1 Jun 2026 09:14:09 +0000",
                "from mta.sender.example (mta.sender.example [198.51.100.20]) by filter.corp.example (Postfix) with ESMTPS id 7Qz; Mon, 1 Jun 2026 09:14:08 +0000",
            };
            Assert.Equal("203.0.113.9", ClientHopLocator.Locate(chain, null)!.IPAddress!.ToString());
            Assert.Equal("198.51.100.20", ClientHopLocator.Locate(chain, new[] { "corp.example" })!.IPAddress!.ToString());
            Assert.Equal("198.51.100.20", ClientHopLocator.Locate(chain, new[] { "203.0.113.9" })!.IPAddress!.ToString());
        }

        [Theory]
        [InlineData("from mail.example.org (mail.example.org [IPv6:2001:db8::25]) by mx.example.net with ESMTPS", "2001:db8::25", "mail.example.org")]
        [InlineData("from host.example.org ([198.51.100.7] helo=relay.example.org) by mx.example.net with esmtps (Exim 4.97)", "198.51.100.7", "relay.example.org")]
        [InlineData("from [198.51.100.8] (helo=laptop.example.org) by mx.example.net with esmtp (Exim 4.97)", "198.51.100.8", "laptop.example.org")]
        [InlineData("from [198.51.100.9] by mx.example.net with ESMTP", "198.51.100.9", null)]
        [InlineData("from helo.example.org (cafe) (rdns.example.org [192.0.2] [198.51.100.11]) by mx.example.net", "198.51.100.11", "helo.example.org")]
        [InlineData("FROM Helo.Example.org (rdns.example.org [198.51.100.10])\r\n\tBY mx.example.net; Mon, 1 Jun 2026 09:14:08 +0000", "198.51.100.10", "Helo.Example.org")]
        public void Received_dialects(string header, string ip, string? helo)
        {
            var hop = ReceivedHeaderParser.Parse(0, header);
            Assert.Equal(ip, hop.IPAddress!.ToString());
            Assert.Equal(helo, hop.Helo);
        }

        [Theory]
        [InlineData("by mx.example.net with SMTP id abc; Mon, 1 Jun 2026 09:14:08 +0000")]
        [InlineData("from userid 1000 by host.example.net; Mon, 1 Jun 2026 09:14:08 +0000")]
        [InlineData("from mx.example.org by mx.example.net (envelope-from [192.0.2.1]) with SMTP")] // an IP after "by" is not the client's
        [InlineData("from mail.example.org (mail.example.org [192.0.2]) by mx.example.net")] // not a dotted quad (inet_aton reads it)
        [InlineData("")]
        public void Fields_without_a_client_address_give_none(string header)
        {
            Assert.Null(ReceivedHeaderParser.Parse(0, header).IPAddress);
            Assert.Null(ClientHopLocator.Locate(new[] { header }, null));
        }

        [Fact]
        public void Private_loopback_and_unique_local_hops_are_internal()
        {
            var chain = new[]
            {
                "from relay (relay [10.1.2.3]) by mx.example.net", "from relay2 (relay2 [172.20.0.1]) by relay", "from relay3 ([192.168.1.1]) by relay2",
                "from relay4 ([127.0.0.1]) by relay3", "from relay5 ([IPv6:fd00::1]) by relay4", "from relay6 ([100.64.0.1]) by relay5",
                "from mta.sender.example (mta.sender.example [198.51.100.20]) by relay6",
            };
            Assert.Equal("198.51.100.20", ClientHopLocator.Locate(chain, null)!.IPAddress!.ToString());
        }

        [Fact]
        public void At_most_MaxFields_fields_are_read()
        {
            var loop = Enumerable.Repeat("from relay ([10.0.0.1]) by relay", ClientHopLocator.MaxFields)
                .Concat(new[] { "from mta.sender.example ([198.51.100.20]) by relay" }).ToList();
            Assert.Null(ClientHopLocator.Locate(loop, null));
            Assert.NotNull(ClientHopLocator.Locate(loop.Skip(1).ToList(), null));
        }
    }
}
