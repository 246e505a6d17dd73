using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>Master-file text, the path it is read as (the base of relative $INCLUDEs) and the initial origin.</summary>
    public sealed record ZoneFileInput(string Text, string Path, string Origin, bool ViaFile);

    /// <summary>
    /// The zone-file reader: <see cref="ZoneFileParser.Parse"/> (and now and then <see cref="ZoneFileResolver.Load"/>
    /// on the same text written to a file), then queries over what it read. Property: success or
    /// <see cref="ZoneFileException"/> naming the file (or the $INCLUDEd file) at fault, never another exception;
    /// what was read answers queries.
    /// </summary>
    public sealed class ZoneFileTarget : FuzzTarget<ZoneFileInput>, IDisposable
    {
        private readonly IReadOnlyList<(string Path, string Text)> _corpus;
        private readonly string _folder;
        private readonly string _scratch;

        /// <param name="fixtureFolder">The parser fixtures (valid zones and invalid/): seeds for mutation and the base of $INCLUDEs.</param>
        public ZoneFileTarget(string fixtureFolder)
        {
            _folder = fixtureFolder;
            _corpus = Directory.GetFiles(fixtureFolder, "*.zone", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(fixtureFolder, "*.inc"))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (p, File.ReadAllText(p)))
                .ToList();
            if (_corpus.Count == 0) throw new InvalidOperationException($"no zone files under {fixtureFolder}");
            _scratch = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emailauth-fuzz-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_scratch);
        }

        /// <summary>The parser fixtures as copied beside the test (or benchmark) assembly.</summary>
        public static string DefaultFixtureFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "parser");

        public override string Name => "zonefile";

        protected override ZoneFileInput Create(Random random)
        {
            var g = new ZoneTextGenerator(random);
            string text, path;
            var roll = random.Next(10);
            if (roll < 4)
            {
                var seed = _corpus[random.Next(_corpus.Count)];
                path = seed.Path;
                text = seed.Text;
                for (var n = random.Next(1, 4); n > 0; n--) text = g.Mutate(text);
            }
            else
            {
                path = System.IO.Path.Combine(_folder, "fuzz.example.zone");
                text = roll < 8 ? g.Structured() : g.Raw();
                if (roll < 8 && random.Next(3) == 0) text = g.Mutate(text);
            }
            var origin = random.Next(12) switch
            {
                0 => ".",
                1 => new[] { "", "a..b", "\u00e9.example", "x\\.y.example", "-.example", new string('a', 64) + ".example" }[random.Next(6)],
                _ => "example.com",
            };
            return new ZoneFileInput(text, path, origin, ViaFile: random.Next(40) == 0);
        }

        protected override async Task RunAsync(ZoneFileInput input, CancellationToken cancellationToken)
        {
            IReadOnlyList<DnsRecord> records;
            IDnsResolver resolver;
            try
            {
                if (input.ViaFile)
                {
                    var file = System.IO.Path.Combine(_scratch, "fuzz.example.zone");
                    File.WriteAllBytes(file, Octets(input.Text));
                    var loaded = ZoneFileResolver.Load(new[] { file });
                    records = loaded.Records;
                    resolver = loaded;
                }
                else
                {
                    records = ZoneFileParser.Parse(input.Text, input.Origin, input.Path).Records;
                    resolver = new RecordSetResolver(records, "fuzz");
                }
            }
            catch (ZoneFileException e)
            {
                // The file named is the one read (an $INCLUDEd file for an error inside it), with the line when known.
                FuzzPropertyException.Check(e.Path != null && e.Message.StartsWith(e.Path + ":", StringComparison.Ordinal),
                    $"ZoneFileException not naming its file: {e.Message}");
                var top = input.ViaFile ? _scratch : input.Path;
                FuzzPropertyException.Check(e.Path!.StartsWith(top, StringComparison.Ordinal) || e.Path.StartsWith(_folder, StringComparison.Ordinal),
                    $"ZoneFileException naming {e.Path}, neither the file read nor one it includes");
                return;
            }
            foreach (var name in records.Select(r => r.Name).Distinct().Take(20))
                foreach (var type in new[] { DnsRecordType.TXT, DnsRecordType.A, DnsRecordType.CNAME, DnsRecordType.MX })
                {
                    var answer = await resolver.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
                    FuzzPropertyException.Check(answer.Records.All(r => r.Type == type), $"{type} {name} answered with other types");
                }
        }

        /// <summary>Characters up to 255 as single octets (as the reader maps them back), others as UTF-8.</summary>
        private static byte[] Octets(string text) =>
            text.All(c => c < 256) ? text.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(text);

        protected override string Describe(ZoneFileInput input) =>
            $"path: {input.Path}\norigin: {FuzzText.Literal(input.Origin)}\nvia file: {input.ViaFile}\ntext: {FuzzText.Literal(input.Text)}";

        public void Dispose()
        {
            try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
