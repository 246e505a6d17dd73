// TEMPORARY: stand-ins for the dkimverify and authres branches' APIs (as the brief announces them), deleted at merge.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using MimeKit;

namespace EmailAuth.Core.Messages.Dkim
{
    public enum DkimVerificationResult { None, Pass, Fail, Neutral, TempError, PermError }
    public sealed class DkimSignatureResult
    {
        public string Domain { get; set; } = string.Empty;
        public string Selector { get; set; } = string.Empty;
        public string Algorithm { get; set; } = string.Empty;
        public IReadOnlyList<string> SignedHeaders { get; set; } = new string[0];
        public DkimVerificationResult Result { get; set; }
        public string? Reason { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = new Finding[0];
        public int SignatureIndex { get; set; }
    }
    internal sealed class DkimSignatureVerifier
    {
        public DkimSignatureVerifier(IDnsResolver resolver) { }
        public Task<IReadOnlyList<DkimSignatureResult>> VerifyAsync(MimeMessage message, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<DkimSignatureResult>>(new DkimSignatureResult[0]);
    }
    public enum ArcVerificationResult { None, Pass, Fail }
    public sealed class ArcChainResult
    {
        public ArcVerificationResult Result { get; set; }
        public string? Reason { get; set; }
    }
    internal sealed class ArcChainVerifier
    {
        public ArcChainVerifier(IDnsResolver resolver) { }
        public Task<ArcChainResult> VerifyAsync(MimeMessage message, CancellationToken ct) => Task.FromResult(new ArcChainResult());
    }
}

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    public sealed class AuthenticationResultInfo
    {
        public string AuthServId { get; set; } = string.Empty;
        public int? Instance { get; set; }
        public IReadOnlyList<AuthenticationResultEntry> Results { get; set; } = new AuthenticationResultEntry[0];
        public static AuthenticationResultInfo? Parse(string header, bool arc) => null;
    }
    public sealed class AuthenticationResultEntry
    {
        public string Method { get; set; } = string.Empty;
        public string Result { get; set; } = string.Empty;
        public string? Reason { get; set; }
        public IReadOnlyDictionary<string, string> Properties { get; set; } = new Dictionary<string, string>();
    }
}
