using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>The records a set of identities needs, merged by name and type, and what could not be planned.</summary>
    public sealed class SesDnsPlan
    {
        public IReadOnlyList<SesDnsRecord> Records { get; set; } = Array.Empty<SesDnsRecord>();
        /// <summary>Things to tell the user: email-address identities, unknown BYODKIM keys, a MAIL FROM domain shared by regions.</summary>
        public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();
    }
}
