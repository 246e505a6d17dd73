using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EmailAuth.Core.Aws;

namespace EmailAuth.Internal
{
    /// <summary>Tab completion of -Region: the regions the bundled SDK knows (a newer region can still be typed).</summary>
    public sealed class AwsRegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AwsCompletion.Matching(AwsNames.Regions(), wordToComplete);
    }

    /// <summary>Tab completion of -ProfileName: profile names of the shared config and credentials files (never their contents).</summary>
    public sealed class AwsProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            AwsCompletion.Matching(AwsNames.Profiles(), wordToComplete);
    }

    internal static class AwsCompletion
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? word)
        {
            var prefix = (word ?? "").Trim('\'', '"');
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n)).ToList();
        }

        private static string Quote(string name) => name.Any(c => char.IsWhiteSpace(c) || "'\"$`;,(){}@#&|<>".IndexOf(c) >= 0)
            ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
