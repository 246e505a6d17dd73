using System;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>The SES sending state of one account in one region (SESv2 GetAccount), as Get-SesAccount shows it.</summary>
    public sealed class SesAccount
    {
        public string Account { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>True while the account may send only to verified addresses (no production access).</summary>
        public bool Sandbox { get; set; }
        public bool ProductionAccessEnabled { get; set; }
        public bool SendingEnabled { get; set; }
        /// <summary>HEALTHY, PROBATION or SHUTDOWN.</summary>
        public string? EnforcementStatus { get; set; }
        public double Max24HourSend { get; set; }
        public double MaxSendRate { get; set; }
        public double SentLast24Hours { get; set; }
        /// <summary>Production access review: PENDING, FAILED, GRANTED or DENIED.</summary>
        public string? ReviewStatus { get; set; }
        public string? MailType { get; set; }
        public string? WebsiteUrl { get; set; }

        public static SesAccount From(SesAccountDetails details, string account, string region)
        {
            if (details == null) throw new ArgumentNullException(nameof(details));
            return new SesAccount
            {
                Account = account,
                Region = region,
                Sandbox = !details.ProductionAccessEnabled,
                ProductionAccessEnabled = details.ProductionAccessEnabled,
                SendingEnabled = details.SendingEnabled,
                EnforcementStatus = details.EnforcementStatus,
                Max24HourSend = details.Max24HourSend,
                MaxSendRate = details.MaxSendRate,
                SentLast24Hours = details.SentLast24Hours,
                ReviewStatus = details.ReviewStatus,
                MailType = details.MailType,
                WebsiteUrl = details.WebsiteUrl,
            };
        }

        public override string ToString() => $"{Account} {Region} ({(Sandbox ? "sandbox" : "production")})";
    }
}
