using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>
    /// Runs Debian's AWS CLI (/usr/bin/aws: a pyenv 'aws' may shadow it on PATH) against an endpoint,
    /// with only the given credentials: no profile, no config file, no instance metadata.
    /// </summary>
    internal static class AwsCli
    {
        public const string Path = "/usr/bin/aws";

        public sealed record Result(int ExitCode, string Stdout, string Stderr)
        {
            public JsonElement Json => JsonDocument.Parse(Stdout).RootElement.Clone();
        }

        public static Result Run(Uri endpoint, string keyId, string secret, string? token, string region, params string[] args)
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var key in new List<string>(start.Environment.Keys))
                if (key.StartsWith("AWS_", StringComparison.Ordinal)) start.Environment.Remove(key);
            var empty = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "emailauth-no-aws-config");
            start.Environment["AWS_CONFIG_FILE"] = empty;
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = empty;
            start.Environment["AWS_ACCESS_KEY_ID"] = keyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = secret;
            if (token != null) start.Environment["AWS_SESSION_TOKEN"] = token;
            start.Environment["AWS_DEFAULT_REGION"] = region;
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_PAGER"] = "";
            start.ArgumentList.Add("--endpoint-url");
            start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
            start.ArgumentList.Add("--output");
            start.ArgumentList.Add("json");
            foreach (var a in args) start.ArgumentList.Add(a);

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // Generous: the CLI starts a Python interpreter on a shared 2-core machine.
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"aws {string.Join(" ", args)} did not finish in 120 s.");
            }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
