using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Tests.Dkim;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>ARC chains sealed by dkimpy (arc_sign) with keys on knotd: chain result, per-hop results, and dkimpy's arc verify.</summary>
    public sealed class ArcChainVerifierPeerTests : IClassFixture<SignedMessagesFixture>
    {
        private readonly SignedMessagesFixture _fx;
        private readonly ITestOutputHelper _out;

        public ArcChainVerifierPeerTests(SignedMessagesFixture fx, ITestOutputHelper output)
        {
            _fx = fx;
            _out = output;
        }

        private async Task<ArcChainResult> VerifyAsync(string id)
        {
            var r = await new ArcChainVerifier(_fx.Resolver()).VerifyAsync(DkimSignatureVerifierPeerTests.Parse(_fx.ArcMessages[id]), CancellationToken.None);
            _out.WriteLine($"{id}: {r}; " + string.Join("; ", r.Hops));
            return r;
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task OneAndTwoHopChainsPass()
        {
            var one = await VerifyAsync("arc-1hop");
            Assert.Equal(ArcChainValidation.Pass, one.Result);
            var hop = Assert.Single(one.Hops);
            Assert.Equal((1, SignedMessagesFixture.Zone, "rsa2048", "none"), (hop.Instance, hop.Domain, hop.Selector, hop.ChainValidation));
            Assert.Equal((DkimVerificationResult.Pass, DkimVerificationResult.Pass), (hop.SealResult, hop.MessageSignatureResult));
            Assert.Equal("mx1.dkimsig.test", hop.AuthServId);
            Assert.Contains("spf=pass", hop.AuthenticationResults);

            var two = await VerifyAsync("arc-2hops");
            Assert.Equal(ArcChainValidation.Pass, two.Result);
            Assert.Equal(new[] { 1, 2 }, two.Hops.Select(h => h.Instance));
            Assert.Equal(new[] { "none", "pass" }, two.Hops.Select(h => h.ChainValidation));
            Assert.Equal("lists.dkimsig.test", two.Hops[1].AuthServId);
            Assert.Null(two.Reason);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task AListThatChangesTheMessageKeepsTheChainAndShowsWhere()
        {
            var r = await VerifyAsync("arc-list-modified");
            Assert.Equal(ArcChainValidation.Pass, r.Result);
            // The first hop's message signature no longer verifies (the list changed Subject and body); the newest does.
            Assert.Equal(DkimVerificationResult.Fail, r.Hops[0].MessageSignatureResult);
            Assert.Equal(DkimVerificationResult.Pass, r.Hops[1].MessageSignatureResult);
            Assert.All(r.Hops, h => Assert.Equal(DkimVerificationResult.Pass, h.SealResult));
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task BrokenChainsFailWithTheReason()
        {
            var after = await VerifyAsync("arc-broken-after");
            Assert.Equal(ArcChainValidation.Fail, after.Result);
            Assert.Contains(after.Findings, f => f.Code == MessageDkimFindingCodes.ArcMessageSignatureFailed);
            Assert.Equal(DkimVerificationResult.Fail, after.Hops[1].MessageSignatureResult);

            var cv = await VerifyAsync("arc-cv-fail");
            Assert.Equal(ArcChainValidation.Fail, cv.Result);
            Assert.Contains(cv.Findings, f => f.Code == MessageDkimFindingCodes.ArcChainFailedEarlier);

            var tampered = await VerifyAsync("arc-aar-tampered");
            Assert.Equal(ArcChainValidation.Fail, tampered.Result);
            Assert.Contains(tampered.Findings, f => f.Code == MessageDkimFindingCodes.ArcSealFailed);

            var gap = await VerifyAsync("arc-gap");
            Assert.Equal(ArcChainValidation.Fail, gap.Result);
            Assert.Contains(gap.Findings, f => f.Code == MessageDkimFindingCodes.ArcStructure && f.Message.Contains("instance 1 missing"));

            var over = await VerifyAsync("arc-51");
            Assert.Equal(ArcChainValidation.Fail, over.Result);
            Assert.Contains(over.Findings, f => f.Code == MessageDkimFindingCodes.ArcTooManyHops);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task KeyProblemsAreReportedPerHop()
        {
            var weak = await VerifyAsync("arc-weak-key");
            Assert.Equal(ArcChainValidation.Fail, weak.Result);
            Assert.Equal(DkimVerificationResult.PermError, weak.Hops[0].SealResult);
            Assert.Contains("key too weak", weak.Hops[0].Reason);

            var none = await VerifyAsync("arc-no-key");
            Assert.Equal(DkimVerificationResult.PermError, none.Hops[0].SealResult);
            Assert.Contains("no key for signature", none.Hops[0].Reason);

            // A DNS failure is never a broken key: TempError per hop, and a finding telling to retry (RFC 6376 §6.1.2).
            var dns = await VerifyAsync("arc-dns-refused");
            Assert.Equal(DkimVerificationResult.TempError, dns.Hops[0].SealResult);
            Assert.Equal(DkimVerificationResult.TempError, dns.Hops[0].MessageSignatureResult);
            Assert.Contains(dns.Findings, f => f.Code == MessageDkimFindingCodes.ArcKeyDnsError);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task AMessageWithoutArcIsNone()
        {
            var r = await new ArcChainVerifier(_fx.Resolver()).VerifyAsync(DkimSignatureVerifierPeerTests.Parse(_fx.Messages["rsa-relaxed"]), CancellationToken.None);
            Assert.Equal(ArcChainValidation.None, r.Result);
            Assert.Empty(r.Hops);
        }

        /// <summary>dkimpy departs from RFC 8617 here: id, why.</summary>
        private static readonly Dictionary<string, string> KnownDifferences = new Dictionary<string, string>
        {
            ["arc-cv-fail"] = "dkimpy returns no cv (\"chain terminated\") for a newest seal with cv=fail; RFC 8617 §5.2 step 2: the chain fails",
        };

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, SignedMessagesFixture.AuthresModule)]
        public async Task ChainResultsEqualDkimpysArcVerify()
        {
            var request = new JsonObject
            {
                ["op"] = "verify", ["port"] = _fx.Knot.Port, ["arc"] = true,
                ["messages"] = new JsonObject(_fx.ArcMessages.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            };
            var answer = DkimpyPeer.Run(request)["results"]!;
            var different = new List<string>();
            foreach (var id in _fx.ArcMessages.Keys.OrderBy(k => k))
            {
                var ours = (await VerifyAsync(id)).Result.ToString().ToLowerInvariant();
                var theirs = answer[id]!["arc"]!.GetValue<string>();
                _out.WriteLine($"{id,-20} ours {ours,-5} dkimpy {theirs} ({answer[id]!["arc_reason"]})");
                if (KnownDifferences.ContainsKey(id)) { Assert.NotEqual(ours, theirs); continue; }
                if (ours != theirs) different.Add($"{id}: ours {ours}, dkimpy {theirs}");
            }
            Assert.Empty(different);
        }
    }
}
