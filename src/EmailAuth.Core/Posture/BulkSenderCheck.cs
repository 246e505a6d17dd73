namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// One requirement Gmail and Yahoo set for bulk senders from February 2024 (Google: "Email sender guidelines";
    /// Yahoo: "Sender Best Practices"): SPF and DKIM published, a DMARC record (p=none is enough), and From
    /// alignment achievable through SPF or DKIM.
    /// </summary>
    public sealed class BulkSenderCheck
    {
        public BulkSenderCheck(string name, bool passed, string detail)
        {
            Name = name;
            Passed = passed;
            Detail = detail;
        }

        /// <summary>SpfPublished, DkimPublished, DmarcPublished or AlignmentAchievable.</summary>
        public string Name { get; }
        public bool Passed { get; }
        public string Detail { get; }

        public override string ToString() => $"{(Passed ? "pass" : "FAIL")} {Name}: {Detail}";
    }
}
