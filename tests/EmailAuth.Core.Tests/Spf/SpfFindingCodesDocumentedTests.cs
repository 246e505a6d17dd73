using System;
using System.IO;
using System.Linq;
using System.Reflection;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>Every stable finding code is in the README's finding table and in about_EmailAuth (scripts gate on them).</summary>
    public class SpfFindingCodesDocumentedTests
    {
        private static string RepoFile(params string[] parts)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EmailAuth.sln")))
                    return File.ReadAllText(Path.Combine(new[] { dir.FullName }.Concat(parts).ToArray()));
            throw new InvalidOperationException("Repository root (EmailAuth.sln) not found above " + AppContext.BaseDirectory);
        }

        public static TheoryData<string> Codes()
        {
            var data = new TheoryData<string>();
            foreach (var f in typeof(SpfFindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                data.Add((string)f.GetRawConstantValue()!);
            return data;
        }

        [Theory]
        [MemberData(nameof(Codes))]
        public void Code_is_in_the_readme_table_and_about_help(string code)
        {
            Assert.Contains($"| `{code}` |", RepoFile("README.md"));
            Assert.Matches($@"(?m)^\s+{code}\s", RepoFile("src", "EmailAuth", "en-US", "about_EmailAuth.help.txt"));
        }
    }
}
