using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;

namespace EmailAuth.Emulator
{
    /// <summary>STS (query protocol: form-encoded POST, XML answers): GetCallerIdentity and AssumeRole.</summary>
    internal sealed class StsService
    {
        public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        private readonly AwsEmulator _emulator;

        public StsService(AwsEmulator emulator) => _emulator = emulator;

        public EmulatorResponse Handle(EmulatorRequest request, string requestId)
        {
            var form = EmulatorRequest.ParseForm(Encoding.UTF8.GetString(request.Body), plusIsSpace: true).Concat(request.Query).ToList();
            string? Param(string name) => form.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
            switch (Param("Action"))
            {
                case "GetCallerIdentity":
                    return Xml.Answer(new XElement(Ns + "GetCallerIdentityResponse",
                        new XElement(Ns + "GetCallerIdentityResult",
                            new XElement(Ns + "Arn", request.Principal.Arn),
                            new XElement(Ns + "UserId", request.Principal.UserId),
                            new XElement(Ns + "Account", request.Principal.Account.Id)),
                        Metadata(requestId)));
                case "AssumeRole":
                    return AssumeRole(request, Param("RoleArn"), Param("RoleSessionName"), Param("ExternalId"), Param("DurationSeconds"), requestId);
                default:
                    return Xml.Error(Ns, 400, "InvalidAction", $"Could not find operation {Param("Action")} for version 2011-06-15", requestId);
            }
        }

        private EmulatorResponse AssumeRole(EmulatorRequest request, string? roleArn, string? sessionName, string? externalId, string? duration, string requestId)
        {
            if (string.IsNullOrEmpty(roleArn) || string.IsNullOrEmpty(sessionName))
                return Xml.Error(Ns, 400, "ValidationError", "RoleArn and RoleSessionName are required.", requestId);
            var target = _emulator.Accounts.FirstOrDefault(a => a.Roles.ContainsKey(roleArn));
            var caller = request.Principal.Account.Id;
            var denied = $"User: {request.Principal.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}";
            if (target == null) return Xml.Error(Ns, 403, "AccessDenied", denied, requestId);
            var (trusted, requiredExternalId) = target.Roles[roleArn];
            if (trusted != caller || (requiredExternalId != null && requiredExternalId != externalId))
                return Xml.Error(Ns, 403, "AccessDenied", denied, requestId);
            var seconds = int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 3600;
            if (seconds < 900 || seconds > 43200)
                return Xml.Error(Ns, 400, "ValidationError", "DurationSeconds must be between 900 and 43200.", requestId);
            var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
            var session = _emulator.IssueSession(target, $"arn:aws:sts::{target.Id}:assumed-role/{roleName}/{sessionName}", $"AROA{target.Id}:{sessionName}", TimeSpan.FromSeconds(seconds));
            return Xml.Answer(new XElement(Ns + "AssumeRoleResponse",
                new XElement(Ns + "AssumeRoleResult",
                    new XElement(Ns + "Credentials",
                        new XElement(Ns + "AccessKeyId", session.AccessKeyId),
                        new XElement(Ns + "SecretAccessKey", session.Principal.Secret),
                        new XElement(Ns + "SessionToken", session.Principal.SessionToken),
                        new XElement(Ns + "Expiration", session.Principal.Expires!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
                    new XElement(Ns + "AssumedRoleUser",
                        new XElement(Ns + "AssumedRoleId", session.Principal.UserId),
                        new XElement(Ns + "Arn", session.Principal.Arn))),
                Metadata(requestId)));
        }

        private static XElement Metadata(string requestId) => new(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId));
    }
}
