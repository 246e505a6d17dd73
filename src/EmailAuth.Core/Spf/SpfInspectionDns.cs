using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// The DNS side of one inspection: every query goes through here, counted against the
    /// <see cref="SpfInspectionBudget"/> and the deadline. Once a limit is reached nothing more is sent and
    /// <see cref="Stopped"/> says why. Not thread-safe; one per inspection.
    /// </summary>
    internal sealed class SpfInspectionDns
    {
        private readonly IDnsResolver _resolver;
        private readonly SpfInspectionBudget _budget;
        private readonly SpfDeadline _deadline;
        private readonly CancellationToken _token;

        public SpfInspectionDns(IDnsResolver resolver, SpfInspectionBudget budget, SpfDeadline deadline, CancellationToken token)
        {
            _resolver = resolver;
            _budget = budget;
            _deadline = deadline;
            _token = token;
        }

        /// <summary>Queries counted so far (see <see cref="SpfInspectionBudget.MaxQueries"/>).</summary>
        public int Queries { get; private set; }

        /// <summary>Void lookups of the tree, described for the SPF_TOO_MANY_VOID_LOOKUPS finding.</summary>
        public List<string> Voids { get; } = new List<string>();

        /// <summary>Why the walk stopped asking, or null while it goes on.</summary>
        public string? Stopped { get; private set; }

        /// <summary>The answer, or null when a limit forbids the query (then <see cref="Stopped"/> is set).</summary>
        public async Task<DnsAnswer?> QueryAsync(string name, DnsRecordType type)
        {
            _token.ThrowIfCancellationRequested();
            if (!MayQuery(type, name)) return null;
            try
            {
                var answer = await _deadline.QueryAsync(_resolver, name, type).ConfigureAwait(false);
                Queries += Math.Max(1, answer.QueriesSent);
                return answer;
            }
            catch (SpfTimeoutException) when (!_token.IsCancellationRequested)
            {
                Queries++; // It was sent.
                Stop($"reached its time limit of {_deadline.Limit.TotalSeconds:0.###} s waiting for {type} {name}");
                return null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                Queries++;
                return new DnsAnswer(name, type, DnsAnswerStatus.Error, server: _resolver.GetType().Name, errorMessage: ex.Message);
            }
        }

        /// <summary>The name budget of one record: false (walk stopped) for the name past it.</summary>
        public bool MayLookUpName(int namesInRecord, string term, string domain)
        {
            if (Stopped != null) return false;
            if (namesInRecord < _budget.MaxNamesPerRecord) return true;
            Stop($"reached its limit of {_budget.MaxNamesPerRecord} a/mx/exists names in one record at \"{term}\" in the record of {domain}");
            return false;
        }

        /// <summary>False (walk stopped) past a limit; the message names the query, built only then (not per query).</summary>
        private bool MayQuery(DnsRecordType type, string name)
        {
            if (Stopped != null) return false;
            if (Queries >= _budget.MaxQueries) Stop($"reached its limit of {_budget.MaxQueries} DNS queries before {type} {name}");
            else if (Voids.Count >= _budget.MaxVoidNames) Stop($"reached its limit of {_budget.MaxVoidNames} void lookups before {type} {name}");
            else if (_deadline.HasPassed) Stop($"reached its time limit of {_deadline.Limit.TotalSeconds:0.###} s before {type} {name}");
            return Stopped == null;
        }

        private void Stop(string why) => Stopped ??= why;

        /// <summary>SPF_INSPECTION_INCOMPLETE when the walk stopped or left targets unvisited, else null.</summary>
        public Finding? IncompleteFinding(string domain, int records, int lookups, int notFollowed)
        {
            if (Stopped == null && notFollowed == 0) return null;
            var what = Stopped != null ? $"the inspection {Stopped}" : string.Empty;
            if (notFollowed > 0)
                what += (what.Length > 0 ? "; " : string.Empty) +
                        $"{notFollowed} include/redirect target(s) not followed (at most {SpfRecordInspector.MaxRecords} records, none after {SpfRecordInspector.StopDescendingAfterLookups} DNS-querying terms)";
            return SpfLinter.F(SpfFindingCodes.InspectionIncomplete, FindingSeverity.Error,
                $"{domain}: {what}. Counted up to there: {Queries} DNS queries, {records} record(s), {lookups} DNS-querying terms, " +
                $"{Voids.Count} void lookups; the tree was not fully checked, so these counts are lower bounds.",
                "Fix the errors reported so far and run again; with -Server, ask a recursive resolver, and raise -TimeoutSec for slow servers.",
                "4.6.4", domain);
        }
    }
}
