using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EmailAuth.Core.Tests.MtaSts
{
    /// <summary>A throwaway CA and leaf certificates made at test time (CertificateRequest; ECDSA P-256 for speed).</summary>
    public sealed class TestPki : IDisposable
    {
        public TestPki(string caName = "EmailAuth Test CA")
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest($"CN={caName}", key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            using var ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(5));
            CaWithKey = Reload(ca);
            Root = X509CertificateLoader.LoadCertificate(ca.RawData);
        }

        /// <summary>The root as a client would know it (no private key).</summary>
        public X509Certificate2 Root { get; }
        private X509Certificate2 CaWithKey { get; }

        /// <summary>A server certificate for <paramref name="dnsNames"/>, valid in [notBefore, notAfter] (default: now ± days).</summary>
        public X509Certificate2 Leaf(string[] dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            foreach (var n in dnsNames) san.AddDnsName(n);
            req.CertificateExtensions.Add(san.Build());
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaWithKey, true, false));
            var serial = new byte[12];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            using var cert = req.Create(CaWithKey, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
            using var withKey = cert.CopyWithPrivateKey(key);
            return Reload(withKey);
        }

        // Through PKCS#12 so the key is usable by the TLS server on every platform.
        private static X509Certificate2 Reload(X509Certificate2 cert) =>
            X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

        public void Dispose()
        {
            Root.Dispose();
            CaWithKey.Dispose();
        }
    }
}
