using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// check_host() (<see cref="SpfEvaluator"/>) and the tree linter (<see cref="SpfRecordInspector.InspectAsync"/>)
    /// over a generated zone in a <see cref="RecordSetResolver"/> (a third of the time behind a
    /// <see cref="CachingDnsResolver"/>). Properties: a result always comes back (permerror, temperror... never an
    /// exception); the RFC 7208 §4.6.4 counters stop one past their limits; the trace stays bounded; an
    /// explanation only on fail; the inspected tree stays within its record bound.
    /// </summary>
    public sealed class SpfEvaluatorTarget : FuzzTarget<SpfZoneInput>
    {
        public override string Name => "spf-eval";

        protected override SpfZoneInput Create(Random random) => new SpfZoneGenerator(random).Next();

        protected override async Task RunAsync(SpfZoneInput input, CancellationToken cancellationToken)
        {
            IDnsResolver resolver = new RecordSetResolver(input.Records, "fuzz");
            if (input.Cached) resolver = new CachingDnsResolver(resolver);
            var options = new SpfEvaluationOptions { IncludeTrace = input.Trace };
            var result = await new SpfEvaluator(resolver, options)
                .CheckHostAsync(IPAddress.Parse(input.Ip), input.Domain, input.Sender, input.Helo, cancellationToken).ConfigureAwait(false);

            FuzzPropertyException.Check(Enum.IsDefined(typeof(SpfResult), result.Result), $"undefined result {(int)result.Result}");
            if (result.Result == SpfResult.PermError || result.Result == SpfResult.TempError)
                FuzzPropertyException.Check(!string.IsNullOrEmpty(result.Reason), $"{result.Result} without a reason");
            FuzzPropertyException.Check(result.DnsLookupCount <= options.MaxDnsLookups + 1, $"{result.DnsLookupCount} DNS-querying terms evaluated");
            FuzzPropertyException.Check(result.VoidLookupCount <= options.MaxVoidLookups + 1, $"{result.VoidLookupCount} void lookups counted");
            FuzzPropertyException.Check(result.Trace.Count <= SpfEvaluation.MaxTraceLines + 1, $"trace of {result.Trace.Count} lines");
            FuzzPropertyException.Check(result.Explanation == null || result.Result == SpfResult.Fail, $"explanation with {result.Result}");
            FuzzPropertyException.Check(result.Result == SpfResult.Neutral || result.Result == SpfResult.Pass || result.Result == SpfResult.Fail ||
                                        result.Result == SpfResult.SoftFail || result.MatchedTerm == null, $"{result.Result} with a matched term");

            var inspector = new SpfRecordInspector(resolver);
            var info = await inspector.InspectAsync(input.Domain ?? SpfZoneGenerator.Apex, cancellationToken).ConfigureAwait(false);
            var nodes = Count(info);
            FuzzPropertyException.Check(nodes <= SpfRecordInspector.MaxRecords + 1, $"the inspected tree has {nodes} records");
            FuzzPropertyException.Check(info.Findings != null, "no findings list");
            if (info.Record == null)
                FuzzPropertyException.Check(!info.IsValid && info.Findings!.Any(f => f.Severity >= FindingSeverity.Error),
                    "no record, yet valid or without an error finding");
            else if (!SpfParser.Parse(info.Record).IsValid)
                FuzzPropertyException.Check(!info.IsValid, "an invalid root record inspected as valid");
        }

        private static int Count(SpfRecordInfo node) => 1 + node.Includes.Sum(Count);

        protected override string Describe(SpfZoneInput input) =>
            $"check_host(ip {input.Ip}, domain {FuzzText.Literal(input.Domain)}, sender {FuzzText.Literal(input.Sender)}, helo {FuzzText.Literal(input.Helo)}) " +
            $"trace={input.Trace} cached={input.Cached}\nzone:\n{SpfZoneGenerator.Describe(input.Records)}";
    }
}
