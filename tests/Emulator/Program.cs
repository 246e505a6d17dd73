using System;
using System.Text.Json;
using System.Threading.Tasks;

namespace EmailAuth.Emulator
{
    /// <summary>
    /// Runs the emulator as a process (Pester starts it): prints one JSON line with the endpoint,
    /// the accounts' keys and the cross-account role, then serves until stdin closes.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main()
        {
            await using var emulator = await AwsEmulator.StartAsync().ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Endpoint = emulator.Endpoint.ToString().TrimEnd('/'),
                AccountA = new { emulator.AccountA.Id, emulator.AccountA.AccessKeyId, emulator.AccountA.SecretAccessKey },
                AccountB = new { emulator.AccountB.Id, emulator.AccountB.AccessKeyId, emulator.AccountB.SecretAccessKey },
                RoleArn = emulator.DnsRoleArn,
                ExternalId = AwsEmulator.DnsRoleExternalId,
            }));
            Console.Out.Flush();
            // Bounded by the caller: closing stdin (or killing the process) stops it.
            await Console.In.ReadToEndAsync().ConfigureAwait(false);
            return 0;
        }
    }
}
