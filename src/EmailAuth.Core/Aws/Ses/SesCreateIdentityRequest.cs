using System.Collections.Generic;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// CreateEmailIdentity: an address or a domain; for a domain Easy DKIM (NextSigningKeyLength) or
    /// BYODKIM (selector and private key). The private key is a secret: never in ToString or messages.
    /// </summary>
    public sealed class SesCreateIdentityRequest
    {
        public SesCreateIdentityRequest(string identity) => Identity = identity;

        public string Identity { get; }
        public IList<SesTag> Tags { get; } = new List<SesTag>();
        public string? ConfigurationSetName { get; set; }
        /// <summary>Easy DKIM key length: RSA_2048_BIT or RSA_1024_BIT (null: the service's default).</summary>
        public string? NextSigningKeyLength { get; set; }
        /// <summary>BYODKIM selector (with <see cref="DkimPrivateKey"/>).</summary>
        public string? DkimSelector { get; set; }
        /// <summary>BYODKIM private key, base64 DER (PKCS#1 or PKCS#8), without PEM armour.</summary>
        public string? DkimPrivateKey { get; set; }

        public override string ToString() =>
            $"{Identity}" + (DkimSelector != null ? $" (BYODKIM selector {DkimSelector})" : NextSigningKeyLength != null ? $" (Easy DKIM {NextSigningKeyLength})" : "");
    }
}
