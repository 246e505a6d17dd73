using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EmailAuth.Host
{
    /// <summary>
    /// emailauth [--module &lt;psd1&gt;] (--command|-c "&lt;script&gt;" | --file &lt;script.ps1&gt; [args] | no arguments: demo)
    /// Exit code: 0 when no error record was written, 1 when one was, 2 for a usage problem.
    /// </summary>
    internal static class Program
    {
        private const string Usage =
            "Usage: EmailAuth.Host [--module <EmailAuth.psd1>] [--command|-c \"<script>\" | --file|-f <script.ps1> [args...]]\n" +
            "  With no command, runs an offline demo on the bundled sample zone.\n" +
            "  The module path defaults to the build output; EMAILAUTH_MODULE overrides it.";

        private static int Main(string[] args)
        {
            string? module = null, command = null, file = null;
            var scriptArgs = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
                try
                {
                    switch (args[i])
                    {
                        case "--module": case "-m": module = Next(); break;
                        case "--command": case "-c": command = Next(); break;
                        case "--file": case "-f":
                            file = Next();
                            scriptArgs.AddRange(args.Skip(i + 1)); // everything after the script belongs to it
                            i = args.Length;
                            break;
                        case "--help": case "-h": case "-?": Console.WriteLine(Usage); return 0;
                        default: throw new UsageException($"Unknown argument '{args[i]}'.");
                    }
                }
                catch (UsageException e)
                {
                    Console.Error.WriteLine(e.Message);
                    Console.Error.WriteLine(Usage);
                    return 2;
                }
            }

            var manifest = module ?? Environment.GetEnvironmentVariable("EMAILAUTH_MODULE") ?? BuiltManifestPath();
            if (manifest == null || !File.Exists(manifest))
            {
                Console.Error.WriteLine($"ERROR [ModuleNotFound]: EmailAuth.psd1 not found at '{manifest}'. Build it with 'dotnet build src/EmailAuth' or pass --module <path>.");
                return 2;
            }

            using var session = new Session(Path.GetFullPath(manifest), Console.Out, Console.Error);
            if (!session.ImportModule()) return 1;
            if (command != null) session.RunScript(command);
            else if (file != null) session.RunFile(file, scriptArgs);
            else Demo.Run(session);
            return session.ErrorCount > 0 ? 1 : 0;
        }

        /// <summary>The module manifest path baked in at build time (AssemblyMetadata in the csproj).</summary>
        private static string? BuiltManifestPath() =>
            typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "EmailAuthModuleManifest")?.Value;

        private sealed class UsageException : Exception
        {
            public UsageException(string message) : base(message) { }
        }
    }
}
