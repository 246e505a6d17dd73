using System;

namespace EmailAuth.Core.Dns
{
    /// <summary>One query made during an evaluation, for -Verbose and SpfCheckResult.Trace.</summary>
    public sealed class DnsTraceEntry
    {
        public DnsTraceEntry(DnsAnswer answer, TimeSpan elapsed)
        {
            Answer = answer;
            Elapsed = elapsed;
        }

        public DnsAnswer Answer { get; }
        public TimeSpan Elapsed { get; }

        public override string ToString()
        {
            var a = Answer;
            var what = a.IsError ? $"{a.Status} from {a.Server}: {a.ErrorMessage}"
                     : a.Status == DnsAnswerStatus.Success ? string.Join(" | ", System.Linq.Enumerable.Select(a.Records, r => r.Type == DnsRecordType.MX ? $"{r.Preference} {r.Data}" : r.Data))
                     : a.Status.ToString();
            var chain = a.CnameChain.Count > 0 ? " via CNAME " + string.Join(" -> ", a.CnameChain) : string.Empty;
            var cache = a.FromCache ? " (cached)" : $" ({a.Server}, {Elapsed.TotalMilliseconds:0} ms)";
            return $"DNS {a.QueryType} {a.QueryName}{chain}: {what}{cache}";
        }
    }
}
