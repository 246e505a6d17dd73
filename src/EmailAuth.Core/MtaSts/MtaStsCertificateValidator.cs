using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// Certificate check for the policy host (RFC 8461 §3.3: the certificate MUST be valid for the host name per
    /// RFC 6125, chained to a trusted root, not expired). The platform decides; the only addition is one extra
    /// root for tests, accepted when the platform's sole complaint is an untrusted root and that root is exactly it.
    /// </summary>
    internal sealed class MtaStsCertificateValidator
    {
        private readonly X509Certificate2? _extraRoot;

        public MtaStsCertificateValidator(X509Certificate2? extraRoot) => _extraRoot = extraRoot;

        /// <summary>Why the last certificate was refused, in words; null when it was accepted.</summary>
        public string? Rejection { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            Rejection = null;
            if (errors == SslPolicyErrors.None) return true;
            if (errors == SslPolicyErrors.RemoteCertificateChainErrors && _extraRoot != null && certificate != null
                && ChainsToExtraRoot(certificate))
                return true;
            Rejection = Describe(errors, chain);
            return false;
        }

        private bool ChainsToExtraRoot(X509Certificate certificate)
        {
            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ExtraStore.Add(_extraRoot!);
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            chain.Build(leaf);
            var elements = chain.ChainElements.Cast<X509ChainElement>().ToList();
            if (elements.Count < 2 || elements[elements.Count - 1].Certificate.Thumbprint != _extraRoot!.Thumbprint) return false;
            // Every other problem (expiry, usage, signature) still refuses it: only "untrusted root" is forgiven.
            return chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.UntrustedRoot || s.Status == X509ChainStatusFlags.NoError)
                && elements.All(e => e.ChainElementStatus.All(s => s.Status == X509ChainStatusFlags.UntrustedRoot || s.Status == X509ChainStatusFlags.NoError));
        }

        private static string Describe(SslPolicyErrors errors, X509Chain? chain)
        {
            var parts = new System.Collections.Generic.List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) parts.Add("the server sent no certificate");
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) parts.Add("the certificate is not valid for the host name");
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                var status = chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToList();
                parts.Add("the chain does not validate" + (status != null && status.Count > 0 ? " (" + string.Join(", ", status) + ")" : ""));
            }
            return string.Join("; ", parts);
        }
    }
}
