using System;

namespace EmailAuth.Core.Spf
{
    /// <summary>Internal signal: the overall deadline (§4.6.4) passed. Never escapes the evaluator.</summary>
    internal sealed class SpfTimeoutException : Exception
    {
        public SpfTimeoutException(string message) : base(message) { }
    }
}
