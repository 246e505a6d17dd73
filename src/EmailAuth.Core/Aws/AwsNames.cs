using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime.CredentialManagement;

namespace EmailAuth.Core.Aws
{
    /// <summary>Names for tab completion: the regions the SDK knows and the profiles of the shared files. Never throws.</summary>
    public static class AwsNames
    {
        public static IReadOnlyList<string> Regions()
        {
            try
            {
                return Amazon.RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName)
                    .Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            }
            catch (Exception) { return Array.Empty<string>(); }
        }

        /// <summary>Names of profiles that yield credentials (keys, assume-role, SSO, process; never the keys themselves), from ~/.aws/config and ~/.aws/credentials or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.</summary>
        public static IReadOnlyList<string> Profiles()
        {
            try
            {
                return new CredentialProfileStoreChain().ListProfiles().Select(p => p.Name)
                    .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            }
            catch (Exception) { return Array.Empty<string>(); }
        }
    }
}
