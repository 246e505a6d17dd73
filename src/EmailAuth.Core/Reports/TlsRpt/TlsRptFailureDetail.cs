namespace EmailAuth.Core.Reports.TlsRpt
{
    /// <summary>One failure-details entry of a TLS report policy (RFC 8460 §4.4, result types §4.3).</summary>
    public sealed class TlsRptFailureDetail
    {
        /// <summary>result-type, e.g. starttls-not-supported, certificate-expired, validation-failure, sts-policy-fetch-error.</summary>
        public string ResultType { get; set; } = string.Empty;
        public string? SendingMtaIp { get; set; }
        public string? ReceivingMxHostname { get; set; }
        public string? ReceivingMxHelo { get; set; }
        public string? ReceivingIp { get; set; }
        public long FailedSessionCount { get; set; }
        public string? AdditionalInformation { get; set; }
        public string? FailureReasonCode { get; set; }

        public override string ToString() => $"{ResultType} x{FailedSessionCount}" + (ReceivingMxHostname is null ? string.Empty : $" at {ReceivingMxHostname}");
    }
}
