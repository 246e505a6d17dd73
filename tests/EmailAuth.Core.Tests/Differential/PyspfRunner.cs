using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>pyspf's answer for one scenario: result in pyspf's words, explanation on fail (null: no usable exp=).</summary>
    public sealed record PyspfAnswer(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("result")] string Result,
        [property: JsonPropertyName("explanation")] string? Explanation);

    /// <summary>Runs tests/Fixtures/pyspf/run_pyspf.py: one python process for the whole query list.</summary>
    public static class PyspfRunner
    {
        public const string Python = "/usr/bin/python3"; // Debian's, which sees python3-spf and python3-dnspython

        public static string Script(string? baseDir = null) =>
            Path.Combine(baseDir ?? AppContext.BaseDirectory, "Fixtures", "pyspf", "run_pyspf.py");

        public static string WriteQueries(IEnumerable<Scenario> scenarios, string path)
        {
            var list = scenarios.Select(s => new Dictionary<string, string>
            {
                ["id"] = s.Name, ["ip"] = s.Ip, ["sender"] = s.Sender, ["helo"] = s.Helo,
            });
            File.WriteAllText(path, JsonSerializer.Serialize(list));
            return path;
        }

        public static IReadOnlyDictionary<string, PyspfAnswer> Run(IEnumerable<Scenario> scenarios, int port, string? script = null)
        {
            var queries = WriteQueries(scenarios, Path.Combine(Path.GetTempPath(), $"emailauth-pyspf-{Guid.NewGuid():N}.json"));
            try
            {
                var stdout = Exec(script ?? Script(), $"--port {port} {queries}");
                return JsonSerializer.Deserialize<List<PyspfAnswer>>(stdout)!.ToDictionary(a => a.Id);
            }
            finally { File.Delete(queries); }
        }

        public static string Exec(string script, string args)
        {
            var psi = new ProcessStartInfo(Python, $"{script} {args}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{script} exited with {p.ExitCode}: {err.Result}");
            return output;
        }
    }
}
