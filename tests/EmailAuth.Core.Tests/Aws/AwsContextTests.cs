using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>Credentials, region, account id and AssumeRole through the emulated STS.</summary>
    public sealed class AwsContextTests : EmulatorTestBase
    {
        [Fact]
        public async Task Asks_STS_for_the_account_once()
        {
            var context = Context(Emulator.AccountA);
            Assert.Equal("111111111111", await context.GetAccountIdAsync());
            var identity = await context.GetCallerIdentityAsync();
            Assert.Equal(Emulator.AccountA.UserArn, identity.Arn);
            Assert.Single(Emulator.Requests, r => r.Service == "sts");
            Assert.Contains("account 111111111111", context.ToString());
        }

        [Fact]
        public async Task Assumes_a_role_in_the_other_account_with_the_external_id()
        {
            var options = Options(Emulator.AccountA);
            options.RoleArn = Emulator.DnsRoleArn;
            options.ExternalId = EmailAuth.Emulator.AwsEmulator.DnsRoleExternalId;
            options.RoleSessionName = "emailauth-test";
            var context = AwsContext.Create(options);
            var identity = await context.GetCallerIdentityAsync();
            Assert.Equal("222222222222", identity.Account);
            Assert.Equal("arn:aws:sts::222222222222:assumed-role/EmailAuthDns/emailauth-test", identity.Arn);

            using var ses = context.CreateSesV2Client();
            await ses.CreateEmailIdentityAsync(new SesCreateIdentityRequest("example.com"));
            using var asB = Context(Emulator.AccountB).CreateSesV2Client();
            Assert.Equal("example.com", Assert.Single(await asB.ListEmailIdentitiesAsync()).IdentityName);
            using var asA = Context(Emulator.AccountA).CreateSesV2Client();
            Assert.Empty(await asA.ListEmailIdentitiesAsync());

            // Signed with the session's temporary key: the .NET SDK signs its token too.
            var signed = Emulator.Requests.First(r => r.Service == "ses" && r.Account == "222222222222");
            Assert.Contains("x-amz-security-token", signed.SignedHeaders);
            Assert.Single(Emulator.Requests, r => r.Service == "sts" && r.Account == "111111111111");
        }

        [Fact]
        public async Task A_wrong_external_id_is_AccessDenied_without_secrets()
        {
            var options = Options(Emulator.AccountA);
            options.RoleArn = Emulator.DnsRoleArn;
            options.ExternalId = "not-the-right-one";
            var context = AwsContext.Create(options);
            var e = await Assert.ThrowsAnyAsync<Exception>(() => context.GetCallerIdentityAsync());
            var aws = e as AwsException;
            Assert.True(aws != null, e.ToString());
            Assert.Equal("AccessDenied", aws!.ErrorCode);
            Assert.Equal("AssumeRole", aws.Operation);
            Assert.DoesNotContain(Emulator.AccountA.SecretAccessKey, e.ToString());
        }

        [Theory]
        [InlineData("eu-west-1; rm -rf")]
        [InlineData("example.com")]
        [InlineData("")]
        public void Refuses_a_region_that_is_not_a_region_name(string region)
        {
            var options = Options(Emulator.AccountA);
            options.Region = region;
            Assert.Throws<AwsException>(() => AwsContext.Create(options));
        }

        [Fact]
        public void Refuses_half_an_access_key_and_a_profile_with_a_key()
        {
            Assert.Throws<AwsException>(() => AwsContext.Create(new AwsContextOptions { AccessKeyId = "AKIAXXXXXXXXXXXXXXXX", Region = "eu-west-1" }));
            Assert.Throws<AwsException>(() => AwsContext.Create(new AwsContextOptions { AccessKeyId = "AKIAXXXXXXXXXXXXXXXX", SecretAccessKey = "s", ProfileName = "p", Region = "eu-west-1" }));
        }

        [Fact]
        public void Describes_itself_without_the_secret()
        {
            var options = Options(Emulator.AccountA);
            options.SessionToken = "session-token-secret";
            var context = AwsContext.Create(options);
            foreach (var text in new[] { context.ToString(), options.ToString(), context.CredentialSource })
            {
                Assert.DoesNotContain(Emulator.AccountA.SecretAccessKey, text);
                Assert.DoesNotContain("session-token-secret", text);
                Assert.DoesNotContain(Emulator.AccountA.AccessKeyId, text);
            }
            Assert.Contains("AKIA…AAAA", context.CredentialSource);
        }

        [Fact]
        public async Task Without_keys_or_profile_the_SDKs_default_chain_supplies_credentials()
        {
            // The environment is the chain's first source. No other test reads these variables: every
            // other context is given its keys.
            var saved = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE" }
                .ToDictionary(n => n, Environment.GetEnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Emulator.AccountB.AccessKeyId);
                Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Emulator.AccountB.SecretAccessKey);
                Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
                Environment.SetEnvironmentVariable("AWS_PROFILE", null);
                var context = AwsContext.Create(new AwsContextOptions { Region = "eu-west-1", EndpointUrl = Emulator.Endpoint.ToString() });
                Assert.Equal("default credential chain", context.CredentialSource);
                Assert.Equal("222222222222", await context.GetAccountIdAsync());
                using var ses = context.CreateSesV2Client();
                Assert.True((await ses.GetAccountAsync()).ProductionAccessEnabled);
            }
            finally
            {
                foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            }
        }

        [Fact]
        public async Task A_region_fan_out_keeps_the_cached_account()
        {
            var context = Context(Emulator.AccountA);
            await context.GetAccountIdAsync();
            var east = context.ForRegion("us-east-1");
            Assert.Equal("us-east-1", east.Region);
            Assert.Equal("111111111111", await east.GetAccountIdAsync());
            Assert.Single(Emulator.Requests, r => r.Service == "sts");
        }
    }
}
