using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Tests.Messages;
using MimeKit;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// DKIM verifications per second, dkimpy (python3-dkim) vs DkimSignatureVerifier, on the peer tests' generated
    /// messages (signed by dkimpy, keys on one local knotd). Both single-threaded and warm: dkimpy with a memoized
    /// TXT lookup, ours with LiveDnsResolver + CachingDnsResolver; each side parses every message on every pass.
    /// </summary>
    internal static class CompareDkimpy
    {
        private static bool Ed(SignedMessagesFixture.MessageCase c) => c.Job.ToJsonString().Contains("ed25519-sha256");

        public static async Task<int> Run(string[] args)
        {
            var passes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
            using var fx = new SignedMessagesFixture();
            foreach (var (name, filter) in new (string, Func<SignedMessagesFixture.MessageCase, bool>)[]
            {
                ("passing rsa-sha256 signatures (2048/1024-bit keys, every canonicalization)", c => c.Expected.Split(',').All(e => e == "Pass") && !Ed(c)),
                ("passing ed25519-sha256 signatures (RFC 8463)", c => c.Expected == "Pass" && Ed(c)),
                ("every generated case (failures and errors included)", c => true),
            })
            {
                var messages = fx.Cases.Where(filter).Where(c => fx.Messages.ContainsKey(c.Id)).ToDictionary(c => c.Id, c => fx.Messages[c.Id]);
                var request = new JsonObject
                {
                    ["op"] = "verify", ["port"] = fx.Knot.Port, ["cache"] = true, ["repeat"] = passes,
                    ["messages"] = new JsonObject(messages.Select(kv => new System.Collections.Generic.KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))),
                };
                DkimpyPeer.Run(new JsonObject { ["op"] = "verify", ["port"] = fx.Knot.Port, ["cache"] = true, ["repeat"] = 1, ["messages"] = request["messages"]!.DeepClone() }); // warm-up (imports)
                var answer = DkimpyPeer.Run(request);
                var pyPerSecond = answer["verifications"]!.GetValue<int>() / answer["seconds"]!.GetValue<double>();

                var cache = new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { fx.Knot.Endpoint }, Timeout = TimeSpan.FromSeconds(10), Retries = 1 }));
                var raw = messages.Values.Select(Encoding.UTF8.GetBytes).ToList();
                Console.WriteLine($"{messages.Count} messages, {passes} passes: {name}");
                Console.WriteLine($"  dkimpy 1.1.4 (memoized DNS):          {pyPerSecond,10:N0} verifications/s ({1e6 / pyPerSecond,8:N1} µs each)");
                // A verifier per message (as one Test-EmailMessage call per file would), and one for the whole run (bulk).
                foreach (var shared in new[] { false, true })
                {
                    var one = new DkimSignatureVerifier(cache);
                    var count = 0;
                    async Task Pass()
                    {
                        foreach (var bytes in raw)
                        {
                            var message = MimeMessage.Load(new MemoryStream(bytes));
                            count += (await (shared ? one : new DkimSignatureVerifier(cache)).VerifyAsync(message, CancellationToken.None)).Count;
                        }
                    }
                    // Warm-up: DNS cache, decoded keys, and time for tiered JIT to replace the unoptimized first code
                    // (BouncyCastle's big-integer arithmetic in tier 0 is several times slower). CPython has no such phase.
                    var warm = Stopwatch.StartNew();
                    while (warm.Elapsed < TimeSpan.FromSeconds(5)) await Pass();
                    count = 0;
                    var sw = Stopwatch.StartNew();
                    for (var p = 0; p < passes; p++) await Pass();
                    var oursPerSecond = count / sw.Elapsed.TotalSeconds;
                    Console.WriteLine($"  EmailAuth ({(shared ? "one verifier, bulk" : "verifier per message")}): {oursPerSecond,10:N0} verifications/s ({1e6 / oursPerSecond,8:N1} µs each), {oursPerSecond / pyPerSecond:N1}x dkimpy (goal >= 5x)");
                }
            }
            return 0;
        }
    }
}
