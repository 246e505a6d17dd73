namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>SESv2 GetAccount: sandbox or production, quotas and enforcement.</summary>
    public sealed class SesAccountDetails
    {
        public bool SendingEnabled { get; set; }
        /// <summary>False while the account is in the sandbox.</summary>
        public bool ProductionAccessEnabled { get; set; }
        /// <summary>HEALTHY, PROBATION or SHUTDOWN.</summary>
        public string? EnforcementStatus { get; set; }
        public bool DedicatedIpAutoWarmupEnabled { get; set; }
        public double Max24HourSend { get; set; }
        public double MaxSendRate { get; set; }
        public double SentLast24Hours { get; set; }
        public string? MailType { get; set; }
        public string? WebsiteUrl { get; set; }
        /// <summary>Production access review: PENDING, FAILED, GRANTED or DENIED.</summary>
        public string? ReviewStatus { get; set; }
    }
}
