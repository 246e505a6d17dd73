using System;
using System.Net;
using Amazon.Runtime;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>SDK exceptions to <see cref="AwsException"/>: the code and status kept, the SDK type and inner exceptions dropped.</summary>
    internal static class AwsErrors
    {
        public static AwsException From(string service, string operation, Exception e)
        {
            // Our own error from inside the pipeline (e.g. AssumeRole refused while resolving credentials) says more.
            for (var inner = e.InnerException; inner != null; inner = inner.InnerException)
                if (inner is AwsException ours) return ours;
            if (e is AmazonServiceException s && s.StatusCode != 0)
            {
                var code = string.IsNullOrEmpty(s.ErrorCode) ? null : s.ErrorCode;
                return new AwsException(service, operation, code, (int)s.StatusCode, s.RequestId,
                    $"{service} {operation} failed: {code ?? ((int)s.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {s.Message}");
            }
            // No answer from the service: credentials could not be resolved, the network failed, the SDK refused.
            return new AwsException(service, operation, null, null, null, $"{service} {operation} failed: {Describe(e)}");
        }

        private static string Describe(Exception e)
        {
            var inner = e.InnerException;
            var text = e.Message;
            if (inner is WebException || inner is System.Net.Http.HttpRequestException || inner is System.Net.Sockets.SocketException)
                text += " (" + inner.Message + ")";
            // The SDK wraps a service's refusal met while resolving credentials (a profile's role_arn: "Error calling
            // AssumeRole…"): its code and message (AccessDenied: not authorized…) say why. Service messages hold no secrets.
            for (var i = inner; i != null; i = i.InnerException)
                if (i is AmazonServiceException s && (s.StatusCode != 0 || !string.IsNullOrEmpty(s.ErrorCode)))
                    return text + $" ({(string.IsNullOrEmpty(s.ErrorCode) ? "" : s.ErrorCode + ": ")}{s.Message})";
            return text;
        }
    }
}
