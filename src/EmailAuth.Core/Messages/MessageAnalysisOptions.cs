using System.Collections.Generic;
using System.Net;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Messages
{
    /// <summary>What Test-EmailMessage's parameters override or choose; every property optional.</summary>
    public sealed class MessageAnalysisOptions
    {
        /// <summary>The SMTP client's address; else the one in the Received field ClientHopLocator picks.</summary>
        public IPAddress? ClientIPAddress { get; set; }
        /// <summary>The HELO/EHLO name; else the one in the same Received field.</summary>
        public string? Helo { get; set; }
        /// <summary>The RFC5321.MailFrom; "" or "&lt;&gt;" is the null sender; else the Return-Path field.</summary>
        public string? MailFrom { get; set; }
        /// <summary>The authserv-id whose Authentication-Results are compared; else the topmost field's.</summary>
        public string? AuthServId { get; set; }
        /// <summary>Host domains (or IP addresses) of the receiving organization whose Received fields are internal hops.</summary>
        public IReadOnlyList<string>? TrustedReceivers { get; set; }
        public OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;
        public PublicSuffixList? SuffixList { get; set; }
    }
}
