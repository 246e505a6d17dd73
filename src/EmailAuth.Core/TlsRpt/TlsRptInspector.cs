using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.TlsRpt
{
    /// <summary>Looks up and audits the TLS-RPT record at _smtp._tls.&lt;domain&gt; (RFC 8460 §3): one TXT query.</summary>
    public sealed class TlsRptInspector
    {
        private const string Reference = "RFC 8460 §3";
        private readonly IDnsResolver _resolver;

        public TlsRptInspector(IDnsResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

        public async Task<TlsRptRecordInfo> InspectAsync(string domain, CancellationToken cancellationToken = default)
        {
            var name = DnsName.Normalize(domain).ToLowerInvariant();
            var info = new TlsRptRecordInfo { Domain = name, QueryName = "_smtp._tls." + name };
            var findings = new List<Finding>();
            if (info.QueryName.Length > 253)
            {
                findings.Add(new Finding(TlsRptFindingCodes.NoRecord, FindingSeverity.Info,
                    $"{info.QueryName} is longer than a DNS name may be: no TLS-RPT record can exist.", null, "RFC 1035 §2.3.4", name));
                return Finish(info, findings);
            }
            var answer = await _resolver.QueryAsync(info.QueryName, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false);
            if (answer.IsError)
            {
                findings.Add(new Finding(TlsRptFindingCodes.DnsError, FindingSeverity.Error,
                    $"The TXT query for {info.QueryName} failed: {answer.Status} from {answer.Server ?? "the resolver"}{(answer.ErrorMessage != null ? " (" + answer.ErrorMessage + ")" : string.Empty)}. This is a temporary error, not a missing record.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", Reference, info.QueryName));
                return Finish(info, findings);
            }
            // §3: records that do not begin with "v=TLSRPTv1;" are discarded; not exactly one left = no reporting.
            var texts = new List<string>(answer.Records.Count);
            var candidates = new List<string>(1);
            for (var i = 0; i < answer.Records.Count; i++)
            {
                if (answer.Records[i].Type != DnsRecordType.TXT) continue;
                texts.Add(answer.Records[i].Data);
                if (TlsRptParser.IsTlsRptRecord(answer.Records[i].Data)) candidates.Add(answer.Records[i].Data);
            }
            if (candidates.Count > 1)
            {
                findings.Add(new Finding(TlsRptFindingCodes.MultipleRecords, FindingSeverity.Error,
                    $"{info.QueryName} has {candidates.Count} v=TLSRPTv1 records: senders assume the domain does not implement TLS-RPT.",
                    $"Keep exactly one TLS-RPT record at {info.QueryName}, with every destination in its rua= list.", Reference, info.QueryName));
                return Finish(info, findings);
            }
            // A single lookalike (wrong case, a typo in the version) is shown with why it is discarded.
            var text = candidates.Count == 1 ? candidates[0]
                : texts.Count(t => t.TrimStart().StartsWith("v=", StringComparison.OrdinalIgnoreCase)) == 1
                    ? texts.First(t => t.TrimStart().StartsWith("v=", StringComparison.OrdinalIgnoreCase)) : null;
            if (text == null)
            {
                findings.Add(new Finding(TlsRptFindingCodes.NoRecord, FindingSeverity.Info,
                    $"No TLS-RPT record at {info.QueryName}: sending servers do not report TLS failures (MTA-STS or DANE problems go unnoticed).",
                    $"Publish TXT \"v=TLSRPTv1; rua=mailto:tls-reports@{name}\" at {info.QueryName}.", "RFC 8460 §3", name));
                return Finish(info, findings);
            }
            var record = TlsRptParser.Parse(text, info.QueryName);
            info.ParsedRecord = record;
            info.Record = record.Text;
            info.Version = record.Version;
            info.Rua = record.Rua;
            findings.AddRange(record.Findings);
            return Finish(info, findings);
        }

        private static TlsRptRecordInfo Finish(TlsRptRecordInfo info, List<Finding> findings)
        {
            info.Findings = findings;
            info.IsValid = info.ParsedRecord != null && info.ParsedRecord.IsUsable && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return info;
        }
    }
}
