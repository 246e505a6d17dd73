using System;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// Internal signal: an evaluation used up <see cref="SpfEvaluationOptions.MaxDnsQueries"/>. The message is the
    /// whole temperror reason. Never escapes the evaluator.
    /// </summary>
    internal sealed class SpfQueryLimitException : Exception
    {
        public SpfQueryLimitException(string reason) : base(reason) { }
    }
}
