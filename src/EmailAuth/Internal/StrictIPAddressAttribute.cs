using System.Management.Automation;
using System.Net;
using EmailAuth.Core.Dns;

namespace EmailAuth.Internal
{
    /// <summary>
    /// Binds an IPAddress parameter from text strictly (<see cref="IPAddressText"/>): PowerShell's own
    /// conversion goes through IPAddress.Parse, which reads "192.0.2" as 192.0.0.2. A refused value is a
    /// parameter-binding error; for pipeline input PowerShell writes it per item and goes on.
    /// </summary>
    internal sealed class StrictIPAddressAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is IPAddress address) return address;
            var text = value?.ToString();
            if (IPAddressText.TryParse(text, out var parsed)) return parsed!;
            throw new ArgumentTransformationMetadataException(IPAddressText.Describe(text));
        }
    }
}
