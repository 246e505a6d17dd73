using System;

namespace EmailAuth.Core.Messages
{
    /// <summary>The input is not a message EmailAuth can read: too large, empty, not RFC 5322, or unreadable.</summary>
    public sealed class MessageLoadException : Exception
    {
        public MessageLoadException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
