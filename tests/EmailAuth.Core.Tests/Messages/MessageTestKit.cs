using System;
using System.IO;
using System.Linq;
using EmailAuth.Core.ZoneFiles;
using MimeKit;
using MimeKit.Cryptography;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>
    /// Messages and DNS for the Test-EmailMessage tests: the fixture zone "example." (Fixtures/zones/messages), the bundled
    /// sample zones, and DKIM signing with the fixture key through MimeKit (the verifier under test is ours, not this signer).
    /// </summary>
    internal static class MessageTestKit
    {
        public static string ZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "messages", "example.zone");
        public static string SigningKey => Path.Combine(AppContext.BaseDirectory, "Fixtures", "messages", "test-signing.key");

        /// <summary>The repository's samples/ folder (shipped as the module's Samples/).</summary>
        public static string SamplesDir
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "EmailAuth.sln"))) return Path.Combine(dir.FullName, "samples");
                throw new InvalidOperationException("The repository root (EmailAuth.sln) is not above " + AppContext.BaseDirectory);
            }
        }

        public static ZoneFileResolver Resolver() => ZoneFileResolver.Load(new[] { ZoneFile });

        public static ZoneFileResolver SampleResolver() =>
            ZoneFileResolver.Load(new[] { Path.Combine(SamplesDir, "example.com.zone"), Path.Combine(SamplesDir, "amazonses.com.zone") });

        public static string SesSample => Path.Combine(SamplesDir, "ses-default-mail-from.eml");

        /// <summary>A message with the given header lines (CRLF-joined), a blank line and a short body.</summary>
        public static string Message(params string[] headers) =>
            string.Join("\r\n", headers) + "\r\n\r\nHello,\r\nthis is a test message.\r\n";

        /// <summary>Signs <paramref name="raw"/> with the fixture key as d=<paramref name="domain"/> s=s1 over <paramref name="headers"/>.</summary>
        public static string Sign(string raw, string domain, params string[] headers)
        {
            using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(raw)));
            var signer = new DkimSigner(SigningKey, domain, "s1")
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(message, headers.Length > 0 ? headers : new[] { "From", "To", "Subject", "Date", "Message-ID" });
            using var output = new MemoryStream();
            message.WriteTo(FormatOptions.Default.Clone().WithNewLine(NewLineFormat.Dos), output);
            return System.Text.Encoding.ASCII.GetString(output.ToArray());
        }

        private static FormatOptions WithNewLine(this FormatOptions options, NewLineFormat format)
        {
            options.NewLineFormat = format;
            return options;
        }

        /// <summary>Lines put on top of a message, as receiving MTAs prepend them.</summary>
        public static string Prepend(string raw, params string[] headers) => string.Join("\r\n", headers.Concat(new[] { raw }));
    }
}
