using System;

namespace EmailAuth.Core.Spf
{
    /// <summary>Internal signal: the overall deadline (§4.6.4, <see cref="SpfDeadline"/>) passed. Never escapes the evaluator or the inspector.</summary>
    internal sealed class SpfTimeoutException : Exception
    {
        public SpfTimeoutException(string message) : base(message) { }
    }
}
