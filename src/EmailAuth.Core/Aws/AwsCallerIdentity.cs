namespace EmailAuth.Core.Aws
{
    /// <summary>STS GetCallerIdentity: who the credentials are.</summary>
    public sealed class AwsCallerIdentity
    {
        public AwsCallerIdentity(string account, string arn, string userId)
        {
            Account = account;
            Arn = arn;
            UserId = userId;
        }

        public string Account { get; }
        public string Arn { get; }
        public string UserId { get; }

        public override string ToString() => $"{Arn} ({Account})";
    }
}
