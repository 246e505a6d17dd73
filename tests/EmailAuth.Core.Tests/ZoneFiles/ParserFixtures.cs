using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>The master files under Fixtures/zones/parser: valid zones named "&lt;origin&gt;.zone", invalid ones under invalid/.</summary>
    public static class ParserFixtures
    {
        public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "parser");

        public static string InvalidFolder => Path.Combine(Folder, "invalid");

        public static IEnumerable<object[]> Valid() => Names(Folder);

        public static IEnumerable<object[]> Invalid() => Names(InvalidFolder);

        /// <summary>The "; expect: LINE: MESSAGE-PREFIX" comment that opens each invalid fixture.</summary>
        public static string Expectation(string path)
        {
            const string prefix = "; expect: ";
            var first = File.ReadLines(path).First();
            if (!first.StartsWith(prefix, StringComparison.Ordinal)) throw new InvalidOperationException($"{path} lacks '{prefix}'");
            return first.Substring(prefix.Length);
        }

        private static IEnumerable<object[]> Names(string folder) =>
            Directory.GetFiles(folder, "*.zone").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });
    }
}
