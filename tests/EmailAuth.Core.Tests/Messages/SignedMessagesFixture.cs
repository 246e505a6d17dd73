using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>
    /// Keys made at test time (dkimpy's key generation for RSA 2048/1024/512 and Ed25519, opendkim-genkey for one more),
    /// published in a zone served by knotd, and a generated set of messages signed by dkimpy and opendkim-testmsg.
    /// Started on first use, so skipped tests need none of the peers.
    /// </summary>
    public sealed class SignedMessagesFixture : IDisposable
    {
        public const string Zone = "dkimsig.test";
        private readonly Lazy<State> _state = new Lazy<State>(Build);

        public KnotServer Knot => _state.Value.Knot;
        public IReadOnlyDictionary<string, string> Messages => _state.Value.Messages;
        public IReadOnlyList<MessageCase> Cases => _state.Value.Cases;
        /// <summary>ARC-sealed messages by id (dkimpy's arc_sign, one call per hop).</summary>
        public IReadOnlyDictionary<string, string> ArcMessages
        {
            get
            {
                var state = _state.Value;
                lock (state)
                {
                    if (state.ArcMessages.Count == 0) BuildArc(state, state.Priv("2048"), state.Priv("512"));
                    return state.ArcMessages;
                }
            }
        }

        /// <summary>python3-authres's package file: dkimpy's arc_sign needs it (python3-dkim only suggests it).</summary>
        public const string AuthresModule = "/usr/lib/python3/dist-packages/authres/__init__.py";

        public LiveDnsResolver Resolver() => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { Knot.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 1,
        });

        public void Dispose()
        {
            if (_state.IsValueCreated) _state.Value.Knot.Dispose();
        }

        public sealed record MessageCase(string Id, string Expected, string? Reason, JsonObject Job, bool Arc = false, string? OpenDkim = null);

        private sealed class State
        {
            public KnotServer Knot = null!;
            public Dictionary<string, string> Messages = new Dictionary<string, string>();
            public List<MessageCase> Cases = new List<MessageCase>();
            public Dictionary<string, string> ArcMessages = new Dictionary<string, string>();
            public Func<string, string> Priv = _ => "";
        }

        public static string BaseMessage(string id, string body = "Hello Bob,\r\n\r\nthe report is attached.  \r\nRegards,\r\nAlice\r\n\r\n\r\n") =>
            $"From: Alice <alice@{Zone}>\r\nTo: Bob <bob@example.net>\r\nSubject: Quarterly   report {id}\r\n" +
            $"Date: Mon, 30 Nov 2026 06:00:00 +0000\r\nMessage-ID: <{id}@{Zone}>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body;

        private static State Build()
        {
            // RSA keys from .NET (PKCS#1 PEM for dkimpy, SubjectPublicKeyInfo for the record); Ed25519 from dkimpy's PyNaCl.
            var rsa = new[] { 2048, 1024, 512 }.ToDictionary(b => b.ToString(), b => System.Security.Cryptography.RSA.Create(b));
            string Priv(string bits) => rsa[bits].ExportRSAPrivateKeyPem();
            string Pub(string bits) => Convert.ToBase64String(rsa[bits].ExportSubjectPublicKeyInfo());
            var keys = DkimpyPeer.Run(new JsonObject { ["op"] = "keys", ["ed25519"] = 1 });
            var edPriv = keys["ed25519"]![0]!["private"]!.GetValue<string>();
            var edPub = keys["ed25519"]![0]!["public"]!.GetValue<string>();

            var zone = new StringBuilder()
                .AppendLine($"$ORIGIN {Zone}.").AppendLine("$TTL 300")
                .AppendLine($"@ SOA ns.{Zone}. admin.{Zone}. 1 3600 600 86400 300").AppendLine($"@ NS ns.{Zone}.").AppendLine("ns A 127.0.0.1")
                .AppendLine(Txt("rsa2048._domainkey", $"v=DKIM1; k=rsa; p={Pub("2048")}"))
                .AppendLine(Txt("rsa1024._domainkey", $"v=DKIM1; k=rsa; p={Pub("1024")}"))
                .AppendLine(Txt("rsa512._domainkey", $"v=DKIM1; k=rsa; p={Pub("512")}"))
                .AppendLine(Txt("ed._domainkey", $"v=DKIM1; k=ed25519; p={edPub}"))
                .AppendLine(Txt("revoked._domainkey", "v=DKIM1; k=rsa; p="))
                .AppendLine(Txt("wrongtype._domainkey", $"v=DKIM1; k=ed25519; p={edPub}"))
                .AppendLine(Txt("sha1only._domainkey", $"v=DKIM1; k=rsa; h=sha1; p={Pub("2048")}"))
                .AppendLine(Txt("strict._domainkey", $"v=DKIM1; k=rsa; t=s; p={Pub("2048")}"))
                .AppendLine($"alias._domainkey CNAME rsa2048._domainkey.{Zone}.")
                .AppendLine($"sub A 127.0.0.1");

            // opendkim-genkey makes its own key and TXT record; opendkim-testmsg signs with it (below).
            var openDkimKey = Peers.Find("opendkim-genkey") != null ? GenOpenDkimKey(zone) : null;

            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var cases = new List<MessageCase>();
            JsonObject Sig(string s, string key, string a = "rsa-sha256", string c = "relaxed/relaxed", object? l = null, long? t = null, long? x = null,
                           string[]? h = null, string? i = null, string d = Zone)
            {
                var o = new JsonObject { ["d"] = d, ["s"] = s, ["key"] = key, ["a"] = a, ["c"] = c };
                if (l != null) o["l"] = l is bool bl ? JsonValue.Create(bl) : l is string ls ? JsonValue.Create(ls) : JsonValue.Create(Convert.ToInt64(l));
                if (t != null) o["t"] = t;
                if (x != null) o["x"] = x;
                if (h != null) o["h"] = new JsonArray(h.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                if (i != null) o["i"] = i;
                return o;
            }
            void Add(string id, string expected, string? reason, JsonObject[] sigs, JsonObject? after = null, string? body = null)
            {
                var job = new JsonObject { ["id"] = id, ["message"] = body == null ? BaseMessage(id) : BaseMessage(id, body), ["sigs"] = new JsonArray(sigs.Cast<JsonNode>().ToArray()) };
                if (after != null) job["after"] = after;
                cases.Add(new MessageCase(id, expected, reason, job));
            }
            var std = new[] { "from", "to", "subject", "date", "message-id" };

            Add("rsa-relaxed", "Pass", null, new[] { Sig("rsa2048", Priv("2048")) });
            Add("rsa-simple", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "simple/simple") });
            Add("rsa-relaxed-simple", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "relaxed/simple") });
            Add("rsa-simple-relaxed", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "simple/relaxed") });
            Add("rsa1024", "Pass", null, new[] { Sig("rsa1024", Priv("1024")) });
            Add("ed25519", "Pass", null, new[] { Sig("ed", edPriv, a: "ed25519-sha256") });
            Add("ed25519-simple", "Pass", null, new[] { Sig("ed", edPriv, a: "ed25519-sha256", c: "simple/simple") });
            Add("cname-key", "Pass", null, new[] { Sig("alias", Priv("2048")) });
            Add("two-sigs", "Pass,Pass", null, new[] { Sig("rsa2048", Priv("2048")), Sig("ed", edPriv, a: "ed25519-sha256") });
            Add("two-sigs-one-weak", "PermError,Pass", null, new[] { Sig("rsa2048", Priv("2048")), Sig("rsa512", Priv("512")) });
            Add("body-altered", "Fail", "body hash did not verify", new[] { Sig("rsa2048", Priv("2048")) }, new JsonObject { ["replace_body"] = "Hello Bob,\r\n\r\nsend the money to account 1234.\r\n" });
            Add("body-altered-simple", "Fail", "body hash did not verify", new[] { Sig("rsa2048", Priv("2048"), c: "simple/simple") }, new JsonObject { ["append_body"] = "P.S.\r\n" });
            Add("body-whitespace-relaxed", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "relaxed/relaxed") }, new JsonObject { ["append_body"] = "\r\n\r\n" });
            Add("subject-altered", "Fail", "signature did not verify", new[] { Sig("rsa2048", Priv("2048")) }, new JsonObject { ["replace_header"] = new JsonArray("Subject", "Urgent: invoice") });
            Add("subject-refolded-relaxed", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "relaxed/relaxed") }, new JsonObject { ["replace_header"] = new JsonArray("Subject", "Quarterly report\r\n subject-refolded-relaxed") });
            Add("subject-refolded-simple", "Fail", "signature did not verify", new[] { Sig("rsa2048", Priv("2048"), c: "simple/simple") }, new JsonObject { ["replace_header"] = new JsonArray("Subject", "Quarterly report\r\n subject-refolded-simple") });
            Add("ed25519-altered", "Fail", "signature did not verify", new[] { Sig("ed", edPriv, a: "ed25519-sha256") }, new JsonObject { ["replace_header"] = new JsonArray("To", "Mallory <m@example.net>") });
            Add("l-tag", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), l: true) });
            Add("l-tag-appended", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), l: true, c: "simple/simple") }, new JsonObject { ["append_body"] = "Unsigned advertising appended in transit.\r\n" });
            Add("l-tag-short", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), l: 12L) }, new JsonObject { ["replace_body"] = "Hello Bob,\r\n\r\nthis part was never signed.\r\n" });
            // l= larger than the canonicalized body (RFC 6376 §3.5 MUST NOT): the signer hashed the whole body but its l=
            // counts more (the raw body before canonicalization, one octet more, relaxed's empty body counted as simple's
            // CRLF), or the body was cut after an exact l= was signed.
            const string exceeds = "exceeds the canonicalized body";
            Add("l-over-raw-simple", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: "raw", c: "simple/simple") });
            Add("l-over-raw-relaxed", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: "raw", c: "relaxed/relaxed") });
            Add("l-over-by-one-simple", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: "+1", c: "simple/simple") });
            Add("l-over-by-one-relaxed", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: "+1", c: "relaxed/relaxed") });
            Add("l-over-ed25519", "Fail", exceeds, new[] { Sig("ed", edPriv, a: "ed25519-sha256", l: "+1") });
            Add("l-over-empty-relaxed", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: 2L, c: "relaxed/relaxed") }, null, "");
            Add("l-exact-empty-simple", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), l: 2L, c: "simple/simple") }, null, "");
            Add("l-exact-simple", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), l: true, c: "simple/simple") });
            Add("l-cut-simple", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: true, c: "simple/simple") }, new JsonObject { ["replace_body"] = "Hello Bob,\r\n\r\nthe report\r\n" });
            Add("l-cut-relaxed", "Fail", exceeds, new[] { Sig("rsa2048", Priv("2048"), l: true, c: "relaxed/relaxed") }, new JsonObject { ["replace_body"] = "Hello Bob,\r\n\r\nthe report\r\n" });
            Add("x-future", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), t: now - 60, x: now + 7 * 86400) });
            Add("x-expired", "PermError", "signature expired", new[] { Sig("rsa2048", Priv("2048"), t: now - 3 * 86400, x: now - 2 * 86400) });
            Add("x-before-t", "PermError", "is not after t=", new[] { Sig("rsa2048", Priv("2048"), t: now - 60, x: now - 120) });
            Add("key-512", "PermError", "key too weak", new[] { Sig("rsa512", Priv("512")) });
            Add("key-revoked", "PermError", "key revoked", new[] { Sig("revoked", Priv("2048")) });
            Add("key-missing", "PermError", "no key for signature", new[] { Sig("nosuchselector", Priv("2048")) });
            Add("key-wrong-type", "PermError", "inappropriate key algorithm", new[] { Sig("wrongtype", Priv("2048")) });
            Add("key-wrong-key", "Fail", "signature did not verify", new[] { Sig("rsa1024", Priv("2048")) });
            Add("key-sha1-only", "PermError", "sha256", new[] { Sig("sha1only", Priv("2048")) });
            Add("key-dns-refused", "TempError", "key lookup failed", new[] { Sig("s1", Priv("2048"), d: "unserved.test", i: "@unserved.test") });
            Add("rsa-sha1", "PermError", "rsa-sha1", new[] { Sig("rsa2048", Priv("2048"), a: "rsa-sha1") });
            Add("from-not-signed", "PermError", "From header not signed", new[] { Sig("rsa2048", Priv("2048"), h: new[] { "to", "subject", "date" }) });
            Add("from-added", "Fail", "From field was added", new[] { Sig("rsa2048", Priv("2048"), h: std) }, new JsonObject { ["prepend_header"] = $"From: Mallory <ceo@{Zone}>" });
            Add("i-mismatch", "PermError", "domain mismatch", new[] { Sig("rsa2048", Priv("2048"), i: "@other.test") });
            Add("i-subdomain", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), i: $"alice@sub.{Zone}") });
            Add("i-subdomain-strict", "PermError", "t=s", new[] { Sig("strict", Priv("2048"), i: $"alice@sub.{Zone}") });
            Add("i-exact-strict", "Pass", null, new[] { Sig("strict", Priv("2048"), i: $"alice@{Zone}") });
            Add("multipart", "Pass", null, new[] { Sig("rsa2048", Priv("2048"), c: "simple/simple") }, null,
                "This is a MIME message.\r\n--b1\r\nContent-Type: text/plain\r\n\r\nPart one\r\n--b1--\r\n");

            var state = new State { Cases = cases };
            var signed = DkimpyPeer.Run(new JsonObject { ["op"] = "sign", ["jobs"] = new JsonArray(cases.Select(c => (JsonNode)c.Job.DeepClone()).ToArray()) });
            foreach (var c in cases) state.Messages[c.Id] = signed[c.Id]!.GetValue<string>();

            // A malformed signature (no DNS, no peer signing): a=, syntax.
            state.Messages["malformed-alg"] = "DKIM-Signature: v=1; a=rsa-md5; d=dkimsig.test; s=rsa2048; h=from; bh=AAAA; b=AAAA\r\n" + BaseMessage("malformed-alg");
            state.Cases.Add(new MessageCase("malformed-alg", "Neutral", "unsupported algorithm", new JsonObject()));
            state.Messages["malformed-tags"] = "DKIM-Signature: v=1; a=rsa-sha256; d=dkimsig.test; ;; s\r\n" + BaseMessage("malformed-tags");
            state.Cases.Add(new MessageCase("malformed-tags", "Neutral", "signature syntax error", new JsonObject()));
            state.Messages["missing-bh"] = "DKIM-Signature: v=1; a=rsa-sha256; d=dkimsig.test; s=rsa2048; h=from; b=AAAA\r\n" + BaseMessage("missing-bh");
            state.Cases.Add(new MessageCase("missing-bh", "Neutral", "bh=", new JsonObject()));
            state.Messages["version-2"] = "DKIM-Signature: v=2; a=rsa-sha256; d=dkimsig.test; s=rsa2048; h=from; bh=AAAA; b=AAAA\r\n" + BaseMessage("version-2");
            state.Cases.Add(new MessageCase("version-2", "Neutral", "incompatible version", new JsonObject()));

            if (openDkimKey != null)
            {
                foreach (var id in new[] { "opendkim", "opendkim-altered" })
                {
                    var msg = OpenDkimSign(BaseMessage(id), openDkimKey);
                    if (id.EndsWith("altered")) msg = msg.Replace("the report is attached", "the report is NOT attached");
                    state.Messages[id] = msg;
                    state.Cases.Add(new MessageCase(id, "PermError", "rsa-sha1", new JsonObject(), OpenDkim: "opendkim"));
                }
            }

            state.Priv = Priv;
            state.Knot = KnotServer.FromText(new[] { (Zone, zone.ToString()) });
            return state;
        }

        /// <summary>ARC chains sealed by dkimpy: each hop adds Authentication-Results, then arc_sign adds the ARC set.</summary>
        private static void BuildArc(State state, string key, string weakKey)
        {
            JsonObject Hop(string srv, string ar, JsonObject? after = null, string s = "rsa2048", string? k = null, string d = Zone)
            {
                var o = new JsonObject { ["d"] = d, ["s"] = s, ["key"] = k ?? key, ["srv"] = srv, ["ar"] = ar };
                if (after != null) o["after"] = after;
                return o;
            }
            var jobs = new List<(string Id, JsonObject[] Hops, JsonObject? After)>
            {
                ("arc-1hop", new[] { Hop("mx1.dkimsig.test", "spf=pass smtp.mailfrom=alice@dkimsig.test") }, null),
                ("arc-2hops", new[] { Hop("mx1.dkimsig.test", "spf=pass smtp.mailfrom=alice@dkimsig.test"), Hop("lists.dkimsig.test", "arc=pass; dkim=pass header.d=dkimsig.test") }, null),
                ("arc-list-modified", new[] {
                    Hop("mx1.dkimsig.test", "spf=pass smtp.mailfrom=alice@dkimsig.test", new JsonObject { ["replace_header"] = new JsonArray("Subject", "[team] Quarterly report"), ["append_body"] = "-- \r\nteam mailing list\r\n" }),
                    Hop("lists.dkimsig.test", "arc=pass; dkim=fail header.d=dkimsig.test") }, null),
                ("arc-broken-after", new[] { Hop("mx1.dkimsig.test", "spf=pass"), Hop("lists.dkimsig.test", "arc=pass") }, new JsonObject { ["append_body"] = "changed after the last seal\r\n" }),
                ("arc-cv-fail", new[] { Hop("mx1.dkimsig.test", "spf=pass"), Hop("lists.dkimsig.test", "arc=fail") }, null),
                ("arc-weak-key", new[] { Hop("mx1.dkimsig.test", "spf=pass", s: "rsa512", k: weakKey) }, null),
                ("arc-no-key", new[] { Hop("mx1.dkimsig.test", "spf=pass", s: "nosuchselector") }, null),
                ("arc-dns-refused", new[] { Hop("mx1.dkimsig.test", "spf=pass", d: "unserved.test") }, null),
            };
            var request = new JsonObject { ["op"] = "arc", ["jobs"] = new JsonArray(jobs.Select(j =>
            {
                var job = new JsonObject { ["id"] = j.Id, ["message"] = BaseMessage(j.Id), ["hops"] = new JsonArray(j.Hops.Cast<JsonNode>().ToArray()) };
                if (j.After != null) job["after"] = j.After;
                return (JsonNode)job;
            }).ToArray()) };
            var sealedMessages = DkimpyPeer.Run(request);
            foreach (var j in jobs) state.ArcMessages[j.Id] = sealedMessages[j.Id]!.GetValue<string>();

            // Hand-made breakage of a good chain: a recorded result rewritten, an instance gap, an instance over 50.
            var two = state.ArcMessages["arc-2hops"];
            state.ArcMessages["arc-aar-tampered"] = two.Replace("spf=pass", "spf=fail");
            state.ArcMessages["arc-gap"] = System.Text.RegularExpressions.Regex.Replace(two, @"(?m)^(ARC-[A-Za-z-]+:\s*i=)1;", "${1}3;");
            state.ArcMessages["arc-51"] = System.Text.RegularExpressions.Regex.Replace(state.ArcMessages["arc-1hop"], @"(?m)^(ARC-[A-Za-z-]+:\s*i=)1;", "${1}51;");
        }

        /// <summary>A TXT record with the text split into 255-octet strings (RFC 1035 §3.3.14; RFC 6376 §3.6.2.2 joins them).</summary>
        private static string Txt(string owner, string text)
        {
            var parts = new List<string>();
            for (var i = 0; i < text.Length; i += 255) parts.Add("\"" + text.Substring(i, Math.Min(255, text.Length - i)) + "\"");
            return $"{owner} TXT {string.Join(" ", parts)}";
        }

        private static string? GenOpenDkimKey(StringBuilder zone)
        {
            var dir = Path.Combine(Path.GetTempPath(), "emailauth-opendkim-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            Run(Peers.Require("opendkim-genkey"), $"-b 2048 -d {Zone} -s opendkim -D {dir}", null);
            // opendkim-genkey writes a BIND record with the key in quoted strings: keep the record text, publish it our way.
            var txt = File.ReadAllText(Path.Combine(dir, "opendkim.txt"));
            var text = string.Concat(System.Text.RegularExpressions.Regex.Matches(txt, "\"([^\"]*)\"").Select(m => m.Groups[1].Value));
            zone.AppendLine(Txt("opendkim._domainkey", text));
            return Path.Combine(dir, "opendkim.private");
        }

        private static string OpenDkimSign(string message, string keyPath) =>
            Run(Peers.Require("opendkim-testmsg"), $"-C -d {Zone} -s opendkim -k {keyPath}", message.Replace("\r\n", "\n"))
                .Replace("\r\n", "\n").Replace("\n", "\r\n");

        private static string Run(string program, string args, string? stdin)
        {
            var psi = new ProcessStartInfo(program, args) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
            var err = p.StandardError.ReadToEndAsync();
            if (stdin != null) p.StandardInput.Write(stdin);
            p.StandardInput.Close();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {args} failed ({p.ExitCode}): {err.Result}");
            return output;
        }
    }
}
