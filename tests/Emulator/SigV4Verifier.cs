using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EmailAuth.Emulator
{
    /// <summary>
    /// Recomputes the SigV4 signature of a request (AWS Signature Version 4: canonical request,
    /// string to sign, derived key) and compares it. Accepts any set of signed headers that includes
    /// host and x-amz-date: the .NET SDK also signs x-amz-content-sha256 and x-amz-security-token, the
    /// AWS CLI only host, x-amz-date and content-type (AWS-NOTES.md).
    /// </summary>
    internal static class SigV4Verifier
    {
        private static readonly Regex AuthPattern = new(
            @"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/,\s]+)/(?<date>\d{8})/(?<region>[^/,\s]+)/(?<service>[^/,\s]+)/aws4_request,\s*SignedHeaders=(?<headers>[a-z0-9\-;]+),\s*Signature=(?<sig>[0-9a-f]{64})$",
            RegexOptions.CultureInvariant);

        public sealed record Credential(string AccessKeyId, string Date, string Region, string Service, string[] SignedHeaders, string Signature);

        /// <summary>Parses the Authorization header; null with a reason when it is missing or malformed.</summary>
        public static Credential? Parse(EmulatorRequest request, out string? problem)
        {
            problem = null;
            if (!request.Headers.TryGetValue("Authorization", out var auth))
            {
                problem = "Missing Authentication Token";
                return null;
            }
            var m = AuthPattern.Match(auth.Trim());
            if (!m.Success)
            {
                problem = "Authorization header is not a SigV4 (AWS4-HMAC-SHA256) header.";
                return null;
            }
            var headers = m.Groups["headers"].Value.Split(';');
            if (!headers.Contains("host") || !headers.Contains("x-amz-date"))
            {
                problem = "SignedHeaders must include host and x-amz-date.";
                return null;
            }
            return new Credential(m.Groups["key"].Value, m.Groups["date"].Value, m.Groups["region"].Value, m.Groups["service"].Value, headers, m.Groups["sig"].Value);
        }

        /// <summary>Null when the signature is right; otherwise why not.</summary>
        public static string? Verify(EmulatorRequest request, Credential credential, string secret, DateTimeOffset now)
        {
            if (!request.Headers.TryGetValue("x-amz-date", out var amzDate) ||
                !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
                return "x-amz-date is missing or malformed.";
            if (amzDate[..8] != credential.Date) return "The credential scope date does not match x-amz-date.";
            if ((now - signedAt).Duration() > TimeSpan.FromMinutes(15)) return "Signature expired: x-amz-date is more than 15 minutes from the server time.";
            foreach (var h in credential.SignedHeaders)
                if (!request.Headers.ContainsKey(h)) return $"Signed header '{h}' is not in the request.";

            var bodyHash = Hex(SHA256.HashData(request.Body));
            var payloadHash = bodyHash;
            if (request.Headers.TryGetValue("x-amz-content-sha256", out var declared))
            {
                if (declared != "UNSIGNED-PAYLOAD" && !string.Equals(declared, bodyHash, StringComparison.OrdinalIgnoreCase))
                    return "x-amz-content-sha256 does not match the body.";
                payloadHash = declared;
            }

            var canonical = string.Join("\n",
                request.Method,
                CanonicalUri(request.RawPath),
                CanonicalQuery(request.RawQuery),
                string.Concat(credential.SignedHeaders.Select(h => h + ":" + CanonicalHeaderValue(request.Headers[h]) + "\n")),
                string.Join(";", credential.SignedHeaders),
                payloadHash);
            var scope = $"{credential.Date}/{credential.Region}/{credential.Service}/aws4_request";
            var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
            var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), credential.Date);
            key = Hmac(key, credential.Region);
            key = Hmac(key, credential.Service);
            key = Hmac(key, "aws4_request");
            var expected = Hex(Hmac(key, toSign));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credential.Signature))
                ? null
                : "The request signature we calculated does not match the signature you provided.";
        }

        /// <summary>Non-S3 services sign the path encoded twice: the wire form, encoded again segment by segment.</summary>
        internal static string CanonicalUri(string rawPath)
        {
            if (string.IsNullOrEmpty(rawPath)) return "/";
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(rawPath))
            {
                var c = (char)b;
                if (c == '/' || IsUnreserved(c)) sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static string CanonicalQuery(string rawQuery) =>
            string.Join("&", EmulatorRequest.ParseForm(rawQuery, plusIsSpace: false)
                .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
                .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Name + "=" + p.Value));

        private static string CanonicalHeaderValue(string value) => Regex.Replace(value.Trim(), @"\s+", " ");

        private static string Encode(string s)
        {
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(s))
            {
                var c = (char)b;
                if (IsUnreserved(c)) sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        private static bool IsUnreserved(char c) =>
            c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

        private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

        private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
    }
}
