namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// Route 53's limits on one ChangeResourceRecordSets request (Route 53 developer guide, "Quotas on API
    /// requests"): 1000 ResourceRecord elements and 32,000 characters of Value elements; an UPSERT counts twice.
    /// </summary>
    public sealed class Route53BatchLimits
    {
        public static readonly Route53BatchLimits Default = new Route53BatchLimits(1000, 32000);

        public Route53BatchLimits(int maxRecords, int maxValueCharacters)
        {
            if (maxRecords < 1 || maxValueCharacters < 1) throw new System.ArgumentOutOfRangeException(nameof(maxRecords), "Limits are positive.");
            MaxRecords = maxRecords;
            MaxValueCharacters = maxValueCharacters;
        }

        public int MaxRecords { get; }
        public int MaxValueCharacters { get; }
    }
}
