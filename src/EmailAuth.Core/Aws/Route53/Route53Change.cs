using System;

namespace EmailAuth.Core.Aws.Route53
{
    public enum Route53ChangeAction { Create, Upsert, Delete }

    /// <summary>One change of a ChangeResourceRecordSets batch.</summary>
    public sealed class Route53Change
    {
        public Route53Change(Route53ChangeAction action, Route53RecordSet recordSet)
        {
            Action = action;
            RecordSet = recordSet ?? throw new ArgumentNullException(nameof(recordSet));
        }

        public Route53ChangeAction Action { get; }
        public Route53RecordSet RecordSet { get; }

        public override string ToString() => $"{Action.ToString().ToUpperInvariant()} {RecordSet}";
    }

    /// <summary>ChangeInfo: PENDING until the change reached every Route 53 server, then INSYNC.</summary>
    public sealed class Route53ChangeInfo
    {
        /// <summary>Without the "/change/" prefix.</summary>
        public string Id { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset? SubmittedAt { get; set; }
        public string? Comment { get; set; }

        public bool IsInSync => string.Equals(Status, "INSYNC", StringComparison.Ordinal);

        public override string ToString() => $"{Id} {Status}";
    }
}
