using System;
using System.Management.Automation;
using System.Net;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>RFC 7208 check_host(): would this client address be allowed to send for this sender?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SpfHost", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(SpfCheckResult))]
    public sealed class TestSpfHostCommand : DnsCmdlet
    {
        /// <summary>The SMTP client's address. Aliases bind DMARC report rows (SourceIP) and message results (ClientIPAddress).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ClientIPAddress", "SourceIP", "IP")]
        [StrictIPAddress]
        public IPAddress IPAddress { get; set; } = IPAddress.None;

        /// <summary>MAIL FROM (RFC5321.MailFrom); empty or absent: postmaster@&lt;Helo&gt; (RFC 7208 §2.4).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("MailFrom", "EnvelopeFrom")]
        [AllowEmptyString, AllowNull]
        public string? Sender { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("HeloName", "Ehlo")]
        [AllowEmptyString, AllowNull]
        public string? Helo { get; set; }

        /// <summary>The domain whose policy is checked; default: the sender's domain (§4.1).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [AllowEmptyString, AllowNull]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            // Every name is converted once, as every cmdlet converts it (IDN → A-labels, RFC 5890).
            var helo = ConvertName(Helo, out var heloError);
            var domain = ConvertName(Domain, out var domainError);
            string? sender = null, senderDomain = null, senderDomainError = null;
            if (!string.IsNullOrWhiteSpace(Sender)) sender = ConvertMailbox(Sender!, out senderDomainError, out senderDomain);

            // The domain whose policy is checked: -Domain, else the sender's domain (§4.1), else the HELO
            // name, whose sender is then postmaster@<HELO> (§2.4: bounces have an empty MAIL FROM).
            string? checkedInput, malformed;
            if (!string.IsNullOrWhiteSpace(Domain)) { checkedInput = Domain!.Trim(); malformed = domain == null ? domainError : null; }
            else if (sender != null) { checkedInput = senderDomain; malformed = senderDomainError; }
            else if (!string.IsNullOrWhiteSpace(Helo)) { checkedInput = Helo!.Trim(); malformed = heloError; }
            else
            {
                WriteItemError($"Nothing to check for {IPAddress}: give -Sender (MAIL FROM), -Helo or -Domain.",
                    "MissingDomain", ErrorCategory.InvalidArgument, IPAddress);
                return;
            }
            sender ??= "postmaster@" + (helo ?? domain ?? checkedInput);
            var heloText = helo ?? Helo?.Trim() ?? string.Empty;

            if (malformed != null)
            {
                // The RFC result (none, without a query), and the same InvalidDomainName error Get-SpfRecord writes.
                WriteObject(SpfCheckResult.ForMalformedDomain(checkedInput!, IPAddress, sender, heloText, malformed));
                WriteInvalidDomain(malformed, checkedInput);
                return;
            }
            helo = heloText;

            WriteVerbose($"check_host({IPAddress}, {domain ?? "<sender's domain>"}, {sender}) using {ResolverDescription}.");
            var tracer = new TracingDnsResolver(SharedResolver);
            try
            {
                var result = RunCore(ct => new SpfEvaluator(tracer).CheckHostAsync(IPAddress, domain, sender, helo, ct));
                WriteDnsTrace(tracer);
                // TempError and PermError are results (§2.6), not cmdlet errors.
                WriteObject(result);
            }
            catch (Exception e) when (!IsFatal(e))
            {
                WriteDnsTrace(tracer);
                WriteUnexpectedError(e, "SpfCheckFailed", domain ?? sender);
            }
        }

        /// <summary>The name in A-label form, or null with why it is not a domain name.</summary>
        private static string? ConvertName(string? name, out string? error)
        {
            error = null;
            return string.IsNullOrWhiteSpace(name) ? null : DomainNameInput.Normalize(name, out error);
        }

        /// <summary>
        /// local@domain with the domain converted; a sender without '@' is a domain (RFC 7208 §4.3: the
        /// local-part is then "postmaster"). A malformed domain is kept as typed and reported in <paramref name="error"/>.
        /// </summary>
        private static string ConvertMailbox(string sender, out string? error, out string domain)
        {
            var text = sender.Trim();
            var at = text.LastIndexOf('@');
            var local = at <= 0 ? "postmaster" : text.Substring(0, at);
            domain = at < 0 ? text : text.Substring(at + 1);
            var converted = DomainNameInput.Normalize(domain, out error);
            if (converted != null) domain = converted;
            return local + "@" + domain;
        }
    }
}
