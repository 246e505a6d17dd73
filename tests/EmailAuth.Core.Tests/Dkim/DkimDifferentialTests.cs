using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Dkim
{
    public sealed record DkimpyAnswer(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("ok")] bool Ok,
        [property: JsonPropertyName("keysize")] int KeySize,
        [property: JsonPropertyName("ktag")] string? KeyType,
        [property: JsonPropertyName("error")] string? Error);

    /// <summary>
    /// Differential test: our key-record parser and Debian's dkimpy (python3-dkim, evaluate_pk) judge the same
    /// generated records: whether the key is usable, its type and size. Where dkimpy departs from RFC 6376 the
    /// case is listed in <see cref="KnownDifferences"/> and checked against the RFC instead.
    /// </summary>
    public sealed class DkimDifferentialTests
    {
        private const string Python = "/usr/bin/python3"; // Debian's, which sees python3-dkim

        /// <summary>python3-dkim's package file: the peer is "installed" when it exists (apt-get install python3-dkim).</summary>
        public const string DkimpyModule = "/usr/lib/python3/dist-packages/dkim/__init__.py";

        private readonly ITestOutputHelper _out;

        public DkimDifferentialTests(ITestOutputHelper output) => _out = output;

        /// <summary>dkimpy behaviour that differs from RFC 6376 §3.6.1: the record id's prefix, why, and the RFC's verdict (usable?).</summary>
        private static readonly Dictionary<string, (string Why, bool RfcUsable)> KnownDifferences = new Dictionary<string, (string, bool)>
        {
            ["vlate"] = ("dkimpy accepts v= after other tags; §3.6.1: v= MUST be the first tag", false),
            ["hsha1"] = ("dkimpy ignores h=; an h= without sha256 allows no current algorithm (RFC 8301 §3.1)", false),
            ["slist"] = ("dkimpy compares s= as one string; §3.6.1: a colon-separated list, email:tlsrpt includes email", true),
            ["stlsrpt"] = ("dkimpy accepts s=tlsrpt keys (RFC 8460 reporting); for e-mail they are unusable (§3.6.1)", false),
            ["junk64"] = ("Python's b64decode drops non-base64 characters; §3.6.1 p= is base64 (RFC 2045 §6.8)", false),
        };

        /// <summary>Generated key records: every tag of §3.6.1 with valid, edge and invalid values, keys of every size class.</summary>
        private static List<(string Id, string Record)> Records()
        {
            var list = new List<(string, string)>();
            foreach (var bits in new[] { 512, 768, 1024, 1536, 2048, 3072, 4096 })
            {
                list.Add(($"rsa{bits}", $"v=DKIM1; k=rsa; p={DkimTestKeys.Spki(bits)}"));
                list.Add(($"pkcs1-{bits}", $"p={DkimTestKeys.Pkcs1(bits)}"));
            }
            var p = DkimTestKeys.Spki(2048);
            list.AddRange(new[]
            {
                ("nov", $"k=rsa; p={p}"),
                ("nok", $"v=DKIM1; p={p}"),
                ("trailing", $"v=DKIM1; p={p};"),
                ("spaces", $" v = DKIM1 ;\tk = rsa ; p = {p.Substring(0, 64)} {p.Substring(64)} "),
                ("unknowntag", $"v=DKIM1; x=y; zz_9=1; p={p}"),
                ("notes", $"v=DKIM1; n=hello world; p={p}"),
                ("testing", $"v=DKIM1; t=y; p={p}"),
                ("strict", $"v=DKIM1; t=s; p={p}"),
                ("flags", $"v=DKIM1; t=y:s:q; p={p}"),
                ("hsha256", $"v=DKIM1; h=sha256; p={p}"),
                ("hboth", $"v=DKIM1; h=sha1:sha256; p={p}"),
                ("hsha1", $"v=DKIM1; h=sha1; p={p}"),
                ("semail", $"v=DKIM1; s=email; p={p}"),
                ("sstar", $"v=DKIM1; s=*; p={p}"),
                ("sother", $"v=DKIM1; s=other; p={p}"),
                ("slist", $"v=DKIM1; s=email:tlsrpt; p={p}"),
                ("stlsrpt", $"v=DKIM1; s=tlsrpt; p={p}"),
                ("revoked", "v=DKIM1; p="),
                ("revokedsp", "v=DKIM1; k=rsa; p= ;"),
                ("nop", "v=DKIM1; k=rsa"),
                ("v2", $"v=DKIM2; p={p}"),
                ("vlower", $"v=dkim1; p={p}"),
                ("vlate", $"k=rsa; v=DKIM1; p={p}"),
                ("kdsa", $"v=DKIM1; k=dsa; p={p}"),
                ("kupper", $"v=DKIM1; k=RSA; p={p}"),
                ("dup", $"v=DKIM1; p={p}; p={p}"),
                ("dupk", $"v=DKIM1; k=rsa; k=rsa; p={p}"),
                ("emptyspec", $"v=DKIM1;; p={p}"),
                ("noeq", $"v=DKIM1; k; p={p}"),
                ("badname", $"v=DKIM1; 9k=rsa; p={p}"),
                ("badval", $"v=DKIM1; n=caf\u00e9; p={p}"),
                ("short64", "v=DKIM1; p=MIIBIjA"),
                ("notder", "v=DKIM1; p=AAAAAAAAAAAA"),
                ("junk64", $"v=DKIM1; p={p.Substring(0, 10)}*{p.Substring(10)}"),
                ("ed25519", $"v=DKIM1; k=ed25519; p={DkimTestKeys.Ed25519()}"),
                ("ed25519-31", $"v=DKIM1; k=ed25519; p={DkimTestKeys.Ed25519(31)}"),
                ("ed25519-33", $"v=DKIM1; k=ed25519; p={DkimTestKeys.Ed25519(33)}"),
                ("ed25519-asrsa", $"v=DKIM1; p={DkimTestKeys.Ed25519()}"),
                ("rsa-ased25519", $"v=DKIM1; k=ed25519; p={p}"),
                ("ed25519-revoked", "v=DKIM1; k=ed25519; p="),
            });
            return list;
        }

        /// <summary>Ours: the record yields a key a verifier would use (size policy aside, as evaluate_pk leaves it to verify()).</summary>
        private static bool OursUsable(DkimKeyInfo info) =>
            info.KeyBits > 0 && !info.Findings.Any(f => f.Code == DkimFindingCodes.SyntaxError || f.Code == DkimFindingCodes.VersionInvalid
                || f.Code == DkimFindingCodes.NoPublicKey || f.Code == DkimFindingCodes.KeyInvalid || f.Code == DkimFindingCodes.KeyTypeUnknown
                || f.Code == DkimFindingCodes.ServiceNotEmail || f.Code == DkimFindingCodes.NoSha256 || f.Code == DkimFindingCodes.KeyRevoked);

        [PeerFact(Python, DkimpyModule)]
        public void Our_key_parser_agrees_with_dkimpy_on_every_generated_record()
        {
            var records = Records();
            var peer = RunDkimpy(records);
            var inspector = new DkimKeyInspector(null);
            var report = new StringBuilder();
            var compared = 0;
            foreach (var (id, record) in records)
            {
                var ours = inspector.InspectText(record);
                var py = peer[id];
                var usable = OursUsable(ours);
                string? problem = null;
                if (KnownDifferences.TryGetValue(id, out var known))
                {
                    if (usable != known.RfcUsable) problem = $"known dkimpy difference ({known.Why}) but ours is not the RFC's usable={known.RfcUsable}";
                    else _out.WriteLine($"{id}: known dkimpy difference: {known.Why} (dkimpy ok={py.Ok})");
                }
                else
                {
                    compared++;
                    if (py.Ok != usable) problem = $"dkimpy ok={py.Ok} ({py.Error}), ours usable={usable} ({string.Join(",", ours.Findings.Select(f => f.Code))})";
                    else if (py.Ok && py.KeySize != ours.KeyBits) problem = $"key size: dkimpy {py.KeySize}, ours {ours.KeyBits}";
                    else if (py.Ok && py.KeyType != ours.KeyType) problem = $"key type: dkimpy {py.KeyType}, ours {ours.KeyType}";
                    // dkimpy's verify() rejects keys under its minkey=1024 (RFC 8301 §3.2); ours says Critical.
                    else if (py.Ok && py.KeyType == "rsa" && (py.KeySize < 1024) != ours.Findings.Any(f => f.Code == DkimFindingCodes.KeyTooShort))
                        problem = "RFC 8301 minimum: dkimpy and ours disagree";
                }
                if (problem != null) report.AppendLine($"--- {id}: {problem}\n    {record}");
            }
            _out.WriteLine($"{records.Count} records, {compared} compared with dkimpy, {records.Count - compared} checked against the RFC.");
            Assert.True(report.Length == 0, report.ToString());
            Assert.True(compared >= 40, $"only {compared} records compared");
        }

        private static Dictionary<string, DkimpyAnswer> RunDkimpy(List<(string Id, string Record)> records)
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "dkimpy", "run_dkimpy.py");
            var input = Path.Combine(Path.GetTempPath(), $"emailauth-dkimpy-{Guid.NewGuid():N}.json");
            File.WriteAllText(input, JsonSerializer.Serialize(records.Select(r => new Dictionary<string, string> { ["id"] = r.Id, ["record"] = r.Record })));
            try
            {
                var psi = new ProcessStartInfo(Python, $"{script} {input}")
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                using var p = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
                var err = p.StandardError.ReadToEndAsync();
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException($"run_dkimpy.py exited with {p.ExitCode} (is python3-dkim installed?): {err.Result}");
                return JsonSerializer.Deserialize<List<DkimpyAnswer>>(output)!.ToDictionary(a => a.Id);
            }
            finally { File.Delete(input); }
        }
    }
}
