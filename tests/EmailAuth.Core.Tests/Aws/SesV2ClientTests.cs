using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Emulator;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>The SESv2 client against the emulator: signed by the SDK, marshalled and read by us.</summary>
    public sealed class SesV2ClientTests : EmulatorTestBase
    {
        [Fact]
        public async Task Creates_gets_and_deletes_an_Easy_DKIM_domain_identity()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            var request = new SesCreateIdentityRequest("example.com") { NextSigningKeyLength = "RSA_1024_BIT", ConfigurationSetName = "transactional" };
            request.Tags.Add(new SesTag("team", "mail"));
            var created = await ses.CreateEmailIdentityAsync(request);
            Assert.Equal("DOMAIN", created.IdentityType);
            Assert.Equal(3, created.Dkim!.Tokens.Count);
            Assert.Equal("AWS_SES", created.Dkim.SigningAttributesOrigin);

            var got = await ses.GetEmailIdentityAsync("example.com");
            Assert.Equal(created.Dkim.Tokens, got.Dkim!.Tokens);
            Assert.Equal("RSA_1024_BIT", got.Dkim.CurrentSigningKeyLength);
            Assert.NotNull(got.Dkim.LastKeyGenerationTimestamp);
            Assert.Equal("PENDING", got.VerificationStatus);
            Assert.Equal("transactional", got.ConfigurationSetName);
            Assert.Equal("team=mail", Assert.Single(got.Tags).ToString());

            await ses.DeleteEmailIdentityAsync("example.com");
            var e = await Assert.ThrowsAsync<AwsException>(() => ses.GetEmailIdentityAsync("example.com"));
            Assert.Equal("NotFoundException", e.ErrorCode);
            Assert.Equal(404, e.StatusCode);
            Assert.True(e.IsNotFound);
            Assert.Contains("GetEmailIdentity", e.Message);
        }

        [Fact]
        public async Task An_address_identity_travels_in_the_path_encoded_once()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("user+tag@example.com"));
            var got = await ses.GetEmailIdentityAsync("user+tag@example.com");
            Assert.Equal("EMAIL_ADDRESS", got.IdentityType);
            var get = Emulator.Requests.Last(r => r.Method == "GET");
            Assert.Equal("/v2/email/identities/user%2Btag%40example.com", get.RawPath);
        }

        [Fact]
        public async Task BYODKIM_sends_the_selector_and_key_and_never_shows_the_key()
        {
            using var rsa = RSA.Create(1024);
            var key = Convert.ToBase64String(rsa.ExportRSAPrivateKey());
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            var request = new SesCreateIdentityRequest("byo.example.com") { DkimSelector = "sel1", DkimPrivateKey = key };
            Assert.DoesNotContain(key, request.ToString());
            var created = await ses.CreateEmailIdentityAsync(request);
            Assert.Equal("EXTERNAL", created.Dkim!.SigningAttributesOrigin);
            Assert.Equal("sel1", Assert.Single(created.Dkim.Tokens));

            var bad = new SesCreateIdentityRequest("bad.example.com") { DkimSelector = "sel1", DkimPrivateKey = Convert.ToBase64String(new byte[] { 1, 2, 3 }) };
            var e = await Assert.ThrowsAsync<AwsException>(() => ses.CreateEmailIdentityAsync(bad));
            Assert.Equal("BadRequestException", e.ErrorCode);
        }

        [Fact]
        public async Task Creating_twice_is_AlreadyExists()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com"));
            var e = await Assert.ThrowsAsync<AwsException>(() => ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com")));
            Assert.True(e.IsAlreadyExists);
            Assert.Equal(400, e.StatusCode);
        }

        [Fact]
        public async Task Lists_every_identity_across_small_pages()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            var names = Enumerable.Range(1, 7).Select(i => $"d{i}.example.com").ToList();
            foreach (var n in names) await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest(n));
            var all = await ses.ListEmailIdentitiesAsync();
            Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), all.Select(i => i.IdentityName));
            // Page size 2: four list calls, the last three with the token of the one before.
            var lists = Emulator.Requests.Where(r => r.RawPath == "/v2/email/identities" && r.Method == "GET").ToList();
            Assert.Equal(4, lists.Count);
            Assert.All(lists.Skip(1), r => Assert.StartsWith("NextToken=", r.RawQuery));

            var page = await ses.ListEmailIdentitiesPageAsync(null, 5);
            Assert.Equal(5, page.Identities.Count);
            Assert.NotNull(page.NextToken);
        }

        [Fact]
        public async Task Sets_and_removes_a_custom_MAIL_FROM_domain()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com"));
            await ses.PutEmailIdentityMailFromAttributesAsync("example.com", "bounce.example.com", "REJECT_MESSAGE");
            var got = await ses.GetEmailIdentityAsync("example.com");
            Assert.Equal("bounce.example.com", got.MailFrom!.MailFromDomain);
            Assert.Equal("REJECT_MESSAGE", got.MailFrom.BehaviorOnMxFailure);

            var e = await Assert.ThrowsAsync<AwsException>(() => ses.PutEmailIdentityMailFromAttributesAsync("example.com", "bounce.example.org", null));
            Assert.Equal("BadRequestException", e.ErrorCode);

            await ses.PutEmailIdentityMailFromAttributesAsync("example.com", null, null);
            Assert.Null((await ses.GetEmailIdentityAsync("example.com")).MailFrom!.MailFromDomain);
        }

        [Fact]
        public async Task Manages_sending_authorization_policies()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com"));
            const string policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":[\"ses:SendEmail\",\"ses:SendRawEmail\"],\"Resource\":\"*\"}]}";
            await ses.CreateEmailIdentityPolicyAsync("example.com", "allow-b", policy);
            Assert.Equal(policy, (await ses.GetEmailIdentityPoliciesAsync("example.com"))["allow-b"]);
            Assert.True((await Assert.ThrowsAsync<AwsException>(() => ses.CreateEmailIdentityPolicyAsync("example.com", "allow-b", policy))).IsAlreadyExists);

            var updated = policy.Replace("222222222222", "333333333333");
            await ses.UpdateEmailIdentityPolicyAsync("example.com", "allow-b", updated);
            Assert.Equal(updated, (await ses.GetEmailIdentityAsync("example.com")).Policies["allow-b"]);

            await ses.DeleteEmailIdentityPolicyAsync("example.com", "allow-b");
            Assert.Empty(await ses.GetEmailIdentityPoliciesAsync("example.com"));
            Assert.True((await Assert.ThrowsAsync<AwsException>(() => ses.UpdateEmailIdentityPolicyAsync("example.com", "allow-b", policy))).IsNotFound);
        }

        [Fact]
        public async Task Reads_the_account_sandbox_or_production()
        {
            using var a = Context(Emulator.AccountA).CreateSesV2Client();
            using var b = Context(Emulator.AccountB).CreateSesV2Client();
            var sandbox = await a.GetAccountAsync();
            var production = await b.GetAccountAsync();
            Assert.False(sandbox.ProductionAccessEnabled);
            Assert.Equal(200, sandbox.Max24HourSend);
            Assert.True(production.ProductionAccessEnabled);
            Assert.Equal("HEALTHY", production.EnforcementStatus);
            Assert.Equal("GRANTED", production.ReviewStatus);
        }

        [Fact]
        public async Task Regions_and_accounts_are_separate()
        {
            var context = Context(Emulator.AccountA);
            using var west = context.CreateSesV2Client();
            using var east = context.CreateSesV2Client("us-east-1");
            await west.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com"));
            Assert.Empty(await east.ListEmailIdentitiesAsync());
            using var other = Context(Emulator.AccountB).CreateSesV2Client();
            Assert.Empty(await other.ListEmailIdentitiesAsync());
            Assert.Contains(Emulator.Requests, r => r.SigningRegion == "us-east-1" && r.Service == "ses");
        }

        [Fact]
        public async Task Throttling_is_retried_by_the_SDK()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            Emulator.Faults.Enqueue("ses", FaultKind.Throttle, 2);
            var account = await ses.GetAccountAsync();
            Assert.False(account.ProductionAccessEnabled);
            Assert.Equal(new[] { 429, 429, 200 }, Emulator.Requests.Select(r => r.Status));
        }

        [Fact]
        public async Task Server_errors_are_retried_and_then_reported_with_their_code()
        {
            using var ses = Context(Emulator.AccountA).CreateSesV2Client();
            Emulator.Faults.Enqueue("ses", FaultKind.ServerError, 1);
            Emulator.Faults.Enqueue("ses", FaultKind.Unavailable, 1);
            await ses.GetAccountAsync();
            Assert.Equal(new[] { 500, 503, 200 }, Emulator.Requests.Select(r => r.Status));

            Emulator.Faults.Enqueue("ses", FaultKind.ServerError, 10);
            var e = await Assert.ThrowsAsync<AwsException>(() => ses.GetAccountAsync());
            Assert.Equal("InternalFailure", e.ErrorCode);
            Assert.Equal(500, e.StatusCode);
            // Standard retry mode: three attempts in all.
            Assert.Equal(3, Emulator.Requests.Skip(3).Count());
        }

        [Fact]
        public async Task A_wrong_secret_is_refused_and_no_secret_appears_in_the_error()
        {
            const string secret = "wrong/secret/Zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
            var options = Options(Emulator.AccountA);
            options.SecretAccessKey = secret;
            var context = AwsContext.Create(options);
            using var ses = context.CreateSesV2Client();
            var e = await Assert.ThrowsAsync<AwsException>(() => ses.GetAccountAsync());
            Assert.Equal("InvalidSignatureException", e.ErrorCode);
            Assert.Equal(403, e.StatusCode);
            foreach (var text in new[] { e.ToString(), e.Message, context.ToString(), options.ToString() })
            {
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(Emulator.AccountA.SecretAccessKey, text);
            }
            Assert.Null(e.InnerException);
        }
    }
}
