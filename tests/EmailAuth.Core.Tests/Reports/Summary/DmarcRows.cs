using System;
using System.Linq;
using EmailAuth.Core.Reports.Dmarc;

namespace EmailAuth.Core.Tests.Reports.Summary
{
    /// <summary>Aggregate-report rows built in code, shaped as Import-DmarcReport writes them (derived fields set).</summary>
    internal static class DmarcRows
    {
        public static readonly DateTimeOffset Day0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        public static DmarcReportRecord Row(
            string ip, long count, bool dkimAligned, bool spfAligned,
            string headerFrom = "example.com", string org = "google.com", string? reportId = null, int day = 0,
            (string Domain, string Result)? spf = null, (string Domain, string? Selector, string Result)[]? dkim = null,
            string? service = null, string policy = "none", string file = "a.xml", string? entry = null, string? overrideType = null)
        {
            var r = new DmarcReportRecord
            {
                SourceFile = file,
                SourceEntry = entry,
                OrgName = org,
                ReportId = reportId ?? $"{org}-{day}",
                Begin = Day0.AddDays(day),
                End = Day0.AddDays(day + 1).AddSeconds(-1),
                PolicyDomain = headerFrom,
                PublishedPolicy = new DmarcReportPublishedPolicy { Domain = headerFrom, Policy = policy },
                SourceIP = ip,
                Count = count,
                Disposition = "none",
                DkimEvaluated = dkimAligned ? "pass" : "fail",
                SpfEvaluated = spfAligned ? "pass" : "fail",
                HeaderFrom = headerFrom,
                EnvelopeFrom = spf?.Domain,
                SpfResults = spf == null ? Array.Empty<DmarcReportSpfResult>()
                    : new[] { new DmarcReportSpfResult { Domain = spf.Value.Domain, Scope = "mfrom", Result = spf.Value.Result } },
                DkimResults = (dkim ?? Array.Empty<(string, string?, string)>())
                    .Select(d => new DmarcReportDkimResult { Domain = d.Domain, Selector = d.Selector, Result = d.Result }).ToList(),
                Aligned = dkimAligned || spfAligned,
                DkimAligned = dkimAligned,
                SpfAligned = spfAligned,
                SendingService = service,
            };
            if (overrideType != null) r.PolicyOverrides = new[] { new DmarcReportPolicyOverride { Type = overrideType } };
            return r;
        }

        /// <summary>The domain's own servers: SPF and DKIM pass aligned, signing with selector s1.</summary>
        public static DmarcReportRecord Own(long count, int day = 0, string org = "google.com", string domain = "example.com", string policy = "none") =>
            Row("192.0.2.10", count, true, true, domain, org, day: day, spf: (domain, "pass"), dkim: new[] { (domain, (string?)"s1", "pass") }, policy: policy);

        /// <summary>Amazon SES with the default MAIL FROM and amazonses.com DKIM: nothing aligns.</summary>
        public static DmarcReportRecord SesDefault(long count, int day = 0, string org = "google.com") =>
            Row("54.240.0.1", count, false, false, org: org, day: day, spf: ("eu-west-1.amazonses.com", "pass"),
                dkim: new[] { ("amazonses.com", (string?)"224i4yxa5dv7c2xz3womw6peuasteono", "pass") }, service: "Amazon SES");

        /// <summary>A stranger: SPF fails for the spoofed domain, no DKIM.</summary>
        public static DmarcReportRecord Spoof(long count, int day = 0, string org = "google.com", string ip = "203.0.113.9") =>
            Row(ip, count, false, false, org: org, day: day, spf: ("example.com", "fail"));

        /// <summary>A forwarder that kept the body: SPF fails (the forwarder's IP), DKIM still passes aligned.</summary>
        public static DmarcReportRecord ForwardedIntact(long count, int day = 0, string org = "google.com") =>
            Row("198.51.100.7", count, true, false, org: org, day: day, spf: ("example.com", "fail"), dkim: new[] { ("example.com", (string?)"s1", "pass") });

        /// <summary>A mailing list that changed the body: SPF passes for the list's domain, the domain's DKIM signature fails.</summary>
        public static DmarcReportRecord MailingList(long count, int day = 0, string org = "google.com") =>
            Row("198.51.100.8", count, false, false, org: org, day: day, spf: ("lists.example.org", "pass"), dkim: new[] { ("example.com", (string?)"s1", "fail") });
    }
}
