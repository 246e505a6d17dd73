using System;
using System.Management.Automation;
using System.Net;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

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
            // RFC 7208 §2.4: an empty MAIL FROM (bounces) is checked as postmaster@<HELO>. With no
            // HELO either, postmaster@<Domain> keeps %{s}/%{l} macros meaningful when -Domain is given.
            var sender = !string.IsNullOrWhiteSpace(Sender) ? Sender!.Trim()
                       : !string.IsNullOrWhiteSpace(Helo) ? "postmaster@" + Helo!.Trim()
                       : !string.IsNullOrWhiteSpace(Domain) ? "postmaster@" + Domain!.Trim()
                       : null;
            if (sender == null)
            {
                WriteItemError($"Nothing to check for {IPAddress}: give -Sender (MAIL FROM), -Helo or -Domain.",
                    "MissingDomain", ErrorCategory.InvalidArgument, IPAddress);
                return;
            }
            var domain = string.IsNullOrWhiteSpace(Domain) ? null : Domain!.Trim();
            var helo = Helo?.Trim() ?? string.Empty;

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
    }
}
