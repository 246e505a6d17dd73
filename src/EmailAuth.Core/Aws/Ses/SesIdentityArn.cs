using System;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>The ARN of an SES identity, the Resource of its sending authorization policy: arn:&lt;partition&gt;:ses:&lt;region&gt;:&lt;account&gt;:identity/&lt;identity&gt;.</summary>
    public static class SesIdentityArn
    {
        public static string For(string region, string account, string identity)
        {
            if (string.IsNullOrEmpty(region)) throw new ArgumentException("The region must not be empty.", nameof(region));
            if (string.IsNullOrEmpty(account)) throw new ArgumentException("The account must not be empty.", nameof(account));
            if (string.IsNullOrEmpty(identity)) throw new ArgumentException("The identity must not be empty.", nameof(identity));
            return $"arn:{Partition(region)}:ses:{region}:{account}:identity/{identity}";
        }

        /// <summary>China and GovCloud regions have their own partitions; every other region is in "aws".</summary>
        public static string Partition(string region) =>
            region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
    }
}
