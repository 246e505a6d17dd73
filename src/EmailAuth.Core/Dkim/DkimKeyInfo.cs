using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Dkim
{
    /// <summary>A DKIM public key record (RFC 6376 §3.6.1) at &lt;selector&gt;._domainkey.&lt;domain&gt;, parsed and linted.</summary>
    public sealed class DkimKeyInfo
    {
        public string? Domain { get; set; }
        public string? Selector { get; set; }
        /// <summary>The name queried: &lt;selector&gt;._domainkey.&lt;domain&gt; (RFC 6376 §3.6.2.1).</summary>
        public string? Name { get; set; }
        /// <summary>CNAME targets followed from <see cref="Name"/>, in order (SES Easy DKIM: one link to &lt;token&gt;.dkim.amazonses.com).</summary>
        public IReadOnlyList<string> CnameChain { get; set; } = Array.Empty<string>();
        /// <summary>The record text (TXT strings joined); null when none was found.</summary>
        public string? Record { get; set; }
        /// <summary>v= as published; null when absent (it is optional, RFC 6376 §3.6.1).</summary>
        public string? Version { get; set; }
        /// <summary>k=: "rsa" (the default) or "ed25519" (RFC 8463), or the unknown value as published.</summary>
        public string? KeyType { get; set; }
        /// <summary>RSA modulus size in bits; 256 for ed25519; 0 when there is no usable key.</summary>
        public int KeyBits { get; set; }
        /// <summary>h=: acceptable hash algorithms; empty means all (RFC 6376 §3.6.1).</summary>
        public IReadOnlyList<string> HashAlgorithms { get; set; } = Array.Empty<string>();
        /// <summary>s=: service types; empty means "*" (all).</summary>
        public IReadOnlyList<string> ServiceTypes { get; set; } = Array.Empty<string>();
        /// <summary>t=: flags as published ("y" testing, "s" no subdomains in i=; unknown flags are kept and ignored).</summary>
        public IReadOnlyList<string> Flags { get; set; } = Array.Empty<string>();
        /// <summary>t=y: the domain is testing DKIM.</summary>
        public bool Testing { get; set; }
        /// <summary>t=s: the i= domain of signatures must equal d= exactly.</summary>
        public bool NoSubdomains { get; set; }
        /// <summary>n=: notes for people (qp-section, RFC 6376 §3.6.1).</summary>
        public string? Notes { get; set; }
        /// <summary>p= without whitespace (base64); empty for a revoked key; null when the tag is missing.</summary>
        public string? PublicKey { get; set; }
        /// <summary>Empty p=: the key has been revoked.</summary>
        public bool Revoked { get; set; }
        /// <summary>A record was found (or given), it parsed, it holds a usable e-mail key (not revoked), and no error-level finding applies.</summary>
        public bool IsValid { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();
        /// <summary>The selector came from the built-in list of common selectors, not from -Selector.</summary>
        public bool Guessed { get; set; }
        /// <summary>The DNS server or zone file that answered ("ip:port" or "zonefile:&lt;path&gt;").</summary>
        public string? Server { get; set; }

        public override string ToString() => Record ?? $"(no DKIM key at {Name})";
    }
}
