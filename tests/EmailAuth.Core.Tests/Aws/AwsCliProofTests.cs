using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Emulator;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>
    /// The emulator speaks the real protocol: the official AWS CLI signs every operation EmailAuth
    /// uses against it, and parses every answer, errors included.
    /// </summary>
    public sealed class AwsCliProofTests : EmulatorTestBase
    {
        private AwsCli.Result Cli(EmulatorAccount account, params string[] args) =>
            AwsCli.Run(Emulator.Endpoint, account.AccessKeyId, account.SecretAccessKey, null, "eu-west-1", args);

        private JsonElement Ok(EmulatorAccount account, params string[] args)
        {
            var r = Cli(account, args);
            Assert.True(r.ExitCode == 0, $"aws {string.Join(" ", args)} exited {r.ExitCode}: {r.Stderr}");
            return r.Stdout.Trim().Length == 0 ? default : r.Json;
        }

        private void Fails(EmulatorAccount account, string code, params string[] args)
        {
            var r = Cli(account, args);
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains($"({code})", r.Stderr);
        }

        [PeerFact(AwsCli.Path)]
        public void STS_GetCallerIdentity_and_AssumeRole_into_the_other_account()
        {
            Assert.Equal("111111111111", Ok(Emulator.AccountA, "sts", "get-caller-identity").GetProperty("Account").GetString());
            var assumed = Ok(Emulator.AccountA, "sts", "assume-role", "--role-arn", Emulator.DnsRoleArn, "--role-session-name", "cli",
                "--external-id", AwsEmulator.DnsRoleExternalId).GetProperty("Credentials");
            Assert.True(assumed.GetProperty("Expiration").GetString()!.Length > 0);
            var asB = AwsCli.Run(Emulator.Endpoint, assumed.GetProperty("AccessKeyId").GetString()!, assumed.GetProperty("SecretAccessKey").GetString()!,
                assumed.GetProperty("SessionToken").GetString(), "eu-west-1", "sts", "get-caller-identity");
            Assert.True(asB.ExitCode == 0, asB.Stderr);
            Assert.Equal("arn:aws:sts::222222222222:assumed-role/EmailAuthDns/cli", asB.Json.GetProperty("Arn").GetString());
            Fails(Emulator.AccountA, "AccessDenied", "sts", "assume-role", "--role-arn", Emulator.DnsRoleArn, "--role-session-name", "cli");
        }

        [PeerFact(AwsCli.Path)]
        public void SESv2_identities_MAIL_FROM_policies_and_account()
        {
            var a = Emulator.AccountA;
            var easy = Ok(a, "sesv2", "create-email-identity", "--email-identity", "example.com",
                "--dkim-signing-attributes", "NextSigningKeyLength=RSA_1024_BIT", "--tags", "Key=team,Value=mail", "--configuration-set-name", "cs");
            Assert.Equal(3, easy.GetProperty("DkimAttributes").GetProperty("Tokens").GetArrayLength());
            using var rsa = RSA.Create(1024);
            var byo = Ok(a, "sesv2", "create-email-identity", "--email-identity", "byo.example.com", "--dkim-signing-attributes",
                JsonSerializer.Serialize(new { DomainSigningSelector = "s1", DomainSigningPrivateKey = Convert.ToBase64String(rsa.ExportRSAPrivateKey()) }));
            Assert.Equal("EXTERNAL", byo.GetProperty("DkimAttributes").GetProperty("SigningAttributesOrigin").GetString());
            Ok(a, "sesv2", "create-email-identity", "--email-identity", "user@example.com");
            Fails(a, "AlreadyExistsException", "sesv2", "create-email-identity", "--email-identity", "example.com");

            var page = Ok(a, "sesv2", "list-email-identities", "--page-size", "2");
            Assert.Equal(2, page.GetProperty("EmailIdentities").GetArrayLength());
            var rest = Ok(a, "sesv2", "list-email-identities", "--page-size", "2", "--next-token", page.GetProperty("NextToken").GetString()!);
            Assert.Equal("user@example.com", rest.GetProperty("EmailIdentities")[0].GetProperty("IdentityName").GetString());

            Ok(a, "sesv2", "put-email-identity-mail-from-attributes", "--email-identity", "example.com", "--mail-from-domain", "bounce.example.com", "--behavior-on-mx-failure", "REJECT_MESSAGE");
            var got = Ok(a, "sesv2", "get-email-identity", "--email-identity", "example.com");
            Assert.Equal("bounce.example.com", got.GetProperty("MailFromAttributes").GetProperty("MailFromDomain").GetString());
            Assert.Equal("cs", got.GetProperty("ConfigurationSetName").GetString());
            Assert.Equal("mail", got.GetProperty("Tags")[0].GetProperty("Value").GetString());
            Assert.Equal("EMAIL_ADDRESS", Ok(a, "sesv2", "get-email-identity", "--email-identity", "user@example.com").GetProperty("IdentityType").GetString());

            Ok(a, "sesv2", "create-email-identity-policy", "--email-identity", "example.com", "--policy-name", "p", "--policy", "{\"Version\":\"2012-10-17\"}");
            Ok(a, "sesv2", "update-email-identity-policy", "--email-identity", "example.com", "--policy-name", "p", "--policy", "{\"Version\":\"2008-10-17\"}");
            Assert.Equal("{\"Version\":\"2008-10-17\"}", Ok(a, "sesv2", "get-email-identity-policies", "--email-identity", "example.com").GetProperty("Policies").GetProperty("p").GetString());
            Ok(a, "sesv2", "delete-email-identity-policy", "--email-identity", "example.com", "--policy-name", "p");
            Fails(a, "NotFoundException", "sesv2", "delete-email-identity-policy", "--email-identity", "example.com", "--policy-name", "p");

            Ok(a, "sesv2", "delete-email-identity", "--email-identity", "user@example.com");
            Fails(a, "NotFoundException", "sesv2", "get-email-identity", "--email-identity", "user@example.com");
            Assert.False(Ok(a, "sesv2", "get-account").GetProperty("ProductionAccessEnabled").GetBoolean());

            // The CLI signs host, x-amz-date (and content-type) only; the emulator verified each of these.
            var cli = Emulator.Requests.Where(r => r.Service == "ses").ToList();
            Assert.All(cli, r => Assert.DoesNotContain("x-amz-content-sha256", r.SignedHeaders));
            Assert.Contains(cli, r => r.RawPath == "/v2/email/identities/user%40example.com");
        }

        [PeerFact(AwsCli.Path)]
        public void Route53_zones_record_sets_changes_and_errors()
        {
            var a = Emulator.AccountA;
            foreach (var name in new[] { "example.com", "example.org", "example.net", "sub.example.com" }) Emulator.AddHostedZone(a, name);
            var zone = Emulator.AddHostedZone(a, "mail.example");
            // The CLI pages by itself (marker, name/id, name/type/identifier): each answer must parse for it to get everything.
            Assert.Equal(5, Ok(a, "route53", "list-hosted-zones").GetProperty("HostedZones").GetArrayLength());
            var byName = Ok(a, "route53", "list-hosted-zones-by-name", "--dns-name", "example.net", "--max-items", "2");
            Assert.Equal("example.net.", byName.GetProperty("HostedZones")[0].GetProperty("Name").GetString());

            var batch = JsonSerializer.Serialize(new
            {
                Comment = "cli",
                Changes = new object[]
                {
                    new { Action = "CREATE", ResourceRecordSet = new { Name = "tok1._domainkey.mail.example.", Type = "CNAME", TTL = 1800, ResourceRecords = new[] { new { Value = "tok1.dkim.amazonses.com" } } } },
                    new { Action = "UPSERT", ResourceRecordSet = new { Name = "bounce.mail.example.", Type = "MX", TTL = 300, ResourceRecords = new[] { new { Value = "10 feedback-smtp.eu-west-1.amazonses.com" } } } },
                    new { Action = "UPSERT", ResourceRecordSet = new { Name = "bounce.mail.example.", Type = "TXT", TTL = 300, ResourceRecords = new[] { new { Value = "\"v=spf1 include:amazonses.com ~all\"" } } } },
                    new { Action = "UPSERT", ResourceRecordSet = new { Name = "_amazonses.mail.example.", Type = "TXT", TTL = 300, ResourceRecords = new[] { new { Value = "\"a\"" }, new { Value = "\"b\"" } } } },
                },
            });
            var change = Ok(a, "route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", batch).GetProperty("ChangeInfo");
            Assert.Equal("PENDING", change.GetProperty("Status").GetString());
            var changeId = change.GetProperty("Id").GetString()!;
            Assert.StartsWith("/change/", changeId);
            Ok(a, "route53", "get-change", "--id", changeId);
            Assert.Equal("INSYNC", Ok(a, "route53", "get-change", "--id", changeId).GetProperty("ChangeInfo").GetProperty("Status").GetString());

            var sets = Ok(a, "route53", "list-resource-record-sets", "--hosted-zone-id", zone).GetProperty("ResourceRecordSets");
            Assert.Equal(6, sets.GetArrayLength());
            Assert.Contains(sets.EnumerateArray(), s => s.GetProperty("Type").GetString() == "TXT" && s.GetProperty("ResourceRecords").GetArrayLength() == 2);

            Fails(a, "InvalidChangeBatch", "route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", batch);
            Fails(a, "NoSuchHostedZone", "route53", "list-resource-record-sets", "--hosted-zone-id", "ZNOTHERE");
            // With --endpoint-url the CLI signs Route 53 in the configured region, not us-east-1: accepted too.
            Assert.Contains(Emulator.Requests, r => r.Service == "route53" && r.SigningRegion == "eu-west-1" && r.Status == 200);
        }
    }
}
