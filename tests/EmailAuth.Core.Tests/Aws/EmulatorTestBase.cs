using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Emulator;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>A fresh emulator on 127.0.0.1 per test, and contexts that sign with its accounts' keys.</summary>
    public abstract class EmulatorTestBase : IAsyncLifetime
    {
        protected AwsEmulator Emulator { get; private set; } = null!;

        public async Task InitializeAsync() => Emulator = await AwsEmulator.StartAsync();

        public async Task DisposeAsync() => await Emulator.DisposeAsync();

        protected AwsContextOptions Options(EmulatorAccount account, string region = "eu-west-1") => new AwsContextOptions
        {
            AccessKeyId = account.AccessKeyId,
            SecretAccessKey = account.SecretAccessKey,
            Region = region,
            EndpointUrl = Emulator.Endpoint.ToString(),
        };

        protected AwsContext Context(EmulatorAccount account, string region = "eu-west-1") => AwsContext.Create(Options(account, region));
    }
}
