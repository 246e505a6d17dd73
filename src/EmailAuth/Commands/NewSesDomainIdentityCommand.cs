using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Domains;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Creates SES domain identities: Easy DKIM (RSA_2048_BIT by default, or RSA_1024_BIT) or BYODKIM
    /// (-Selector with -PrivateKey or -PrivateKeyPath), optionally with a custom MAIL FROM domain.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SesDomainIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = EasyDkimSet)]
    [OutputType(typeof(SesIdentity))]
    public sealed class NewSesDomainIdentityCommand : SesCreateCmdlet
    {
        private const string EasyDkimSet = "EasyDkim";
        private const string KeySet = "ByodkimKey";
        private const string KeyPathSet = "ByodkimKeyPath";
        private static readonly Regex Label = new Regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

        private string? _privateKey;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity", "Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>Easy DKIM key length.</summary>
        [Parameter(ParameterSetName = EasyDkimSet)]
        [ValidateSet("RSA_2048_BIT", "RSA_1024_BIT")]
        public string KeyLength { get; set; } = "RSA_2048_BIT";

        /// <summary>BYODKIM selector: the key is published at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
        [ValidatePattern("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
        public string? Selector { get; set; }

        /// <summary>BYODKIM RSA private key (PEM or base64 DER) as a SecureString.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString? PrivateKey { get; set; }

        /// <summary>A file holding the BYODKIM RSA private key (PEM or base64 DER).</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        /// <summary>A custom MAIL FROM domain: a subdomain of the identity, or a single label put in front of it (mail → mail.example.com).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MailFromDomain { get; set; }

        /// <summary>What SES does when the MAIL FROM domain's MX is missing.</summary>
        [Parameter]
        [ValidateSet("UseDefaultValue", "RejectMessage")]
        public string? BehaviorOnMxFailure { get; set; }

        protected override void BeginProcessing()
        {
            if (BehaviorOnMxFailure != null && MailFromDomain == null)
                ThrowTerminating("-BehaviorOnMxFailure applies only with -MailFromDomain.", "BehaviorWithoutMailFrom", ErrorCategory.InvalidArgument, null);
            if (PrivateKey != null) _privateKey = KeyText(Unprotect(PrivateKey));
            else if (PrivateKeyPath != null)
            {
                string path;
                try { path = SessionState.Path.GetResolvedProviderPathFromPSPath(PrivateKeyPath, out _).Single(); }
                catch (Exception e) when (e is SessionStateException || e is InvalidOperationException)
                {
                    ThrowTerminating($"The private key file '{PrivateKeyPath}' was not found.", "PrivateKeyNotFound", ErrorCategory.ObjectNotFound, PrivateKeyPath, e);
                    return;
                }
                try { _privateKey = KeyText(File.ReadAllText(path)); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ThrowTerminating($"Cannot read the private key file '{path}': {e.Message}", "PrivateKeyUnreadable", ErrorCategory.ReadError, PrivateKeyPath, e);
                }
            }
            if ((PrivateKey != null || PrivateKeyPath != null) && _privateKey == null)
                // The message never quotes the key.
                ThrowTerminating("The private key is not an RSA private key in PEM or base64 DER form.", "PrivateKeyInvalid", ErrorCategory.InvalidData, null);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var domains = Domain.Select(input =>
            {
                var d = DomainNameInput.Normalize(input, out var error);
                if (d == null) WriteInvalidDomain(error!, input);
                else if (MailFromDomain != null && MailFromFor(d) == null)
                {
                    WriteItemError($"The MAIL FROM domain '{MailFromDomain}' is not a subdomain of {d}.", "InvalidMailFromDomain", ErrorCategory.InvalidArgument, input,
                        "Give a subdomain such as mail." + d + ", or one label (mail) to put in front of each domain.");
                    return null;
                }
                return d;
            }).Where(d => d != null).Select(d => d!).Distinct(StringComparer.Ordinal).ToList();
            Create(domains);
        }

        protected override SesCreateIdentityRequest NewRequest(string identity) => _privateKey != null
            ? new SesCreateIdentityRequest(identity) { DkimSelector = Selector, DkimPrivateKey = _privateKey }
            : new SesCreateIdentityRequest(identity) { NextSigningKeyLength = KeyLength };

        protected override string Describe(SesCreateIdentityRequest request) =>
            $"domain identity {request.Identity} with " +
            (request.DkimSelector != null ? $"BYODKIM selector {request.DkimSelector}" : $"Easy DKIM {request.NextSigningKeyLength}") +
            (MailFromDomain != null ? $", MAIL FROM {MailFromFor(request.Identity)} ({MxBehavior})" : "");

        protected override Task AfterCreateAsync(SesV2Client ses, SesCreateIdentityRequest request, CancellationToken token) =>
            MailFromDomain == null ? Task.CompletedTask
                : ses.PutEmailIdentityMailFromAttributesAsync(request.Identity, MailFromFor(request.Identity), MxBehavior, token);

        private string MxBehavior => BehaviorOnMxFailure == "RejectMessage" ? "REJECT_MESSAGE" : "USE_DEFAULT_VALUE";

        /// <summary>The MAIL FROM name for a domain, or null when -MailFromDomain cannot be one (it must be a subdomain).</summary>
        private string? MailFromFor(string domain)
        {
            var m = MailFromDomain!.Trim().TrimEnd('.').ToLowerInvariant();
            if (Label.IsMatch(m)) return m + "." + domain;
            return m.EndsWith("." + domain, StringComparison.Ordinal) ? m : null;
        }

        private static string Unprotect(SecureString secure)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(ptr) ?? ""; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }

        /// <summary>Base64 DER of a PEM (armour and whitespace removed) or of base64 text; null when it is not base64 of a DER SEQUENCE.</summary>
        private static string? KeyText(string text)
        {
            var body = string.Concat(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
            try
            {
                var der = Convert.FromBase64String(body);
                return der.Length > 64 && der[0] == 0x30 ? body : null;
            }
            catch (FormatException) { return null; }
        }
    }
}
