using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// Audits many domains with at most <see cref="ThrottleLimit"/> at once, all through one resolver (so one
    /// shared cache), and hands reports over in the order they finish. Built for a single consumer thread (the
    /// PowerShell pipeline thread, the only one allowed to write output): it calls <see cref="Start"/> while
    /// <see cref="HasFreeSlot"/>, else <see cref="Take"/> to wait for a report; <see cref="TryTake"/> never waits.
    /// One domain's failure never stops the others: an unexpected exception becomes that domain's report.
    /// </summary>
    public sealed class PostureRunner : IDisposable
    {
        private readonly PostureAuditor _auditor;
        private readonly BlockingCollection<EmailAuthReport> _done = new BlockingCollection<EmailAuthReport>();
        private readonly CancellationToken _cancellation;
        private int _running;     // audits in flight (a slot is free again before its report is queued)
        private int _outstanding; // started and not yet taken

        public PostureRunner(PostureAuditor auditor, int throttleLimit, CancellationToken cancellationToken)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least 1.");
            _auditor = auditor ?? throw new ArgumentNullException(nameof(auditor));
            ThrottleLimit = throttleLimit;
            _cancellation = cancellationToken;
        }

        public int ThrottleLimit { get; }
        public bool HasFreeSlot => Volatile.Read(ref _running) < ThrottleLimit;
        /// <summary>Audits started whose report was not taken yet.</summary>
        public int Outstanding => _outstanding;

        public void Start(string domain) => Start(domain, null);

        /// <param name="ses">The SES identity behind <paramref name="domain"/>, or null.</param>
        public void Start(string domain, PostureSesInput? ses) => Start(domain, ses, null);

        /// <param name="auditor">Audits this domain instead of the runner's own (other options, e.g. the selectors a report saw); null for the runner's.</param>
        public void Start(string domain, PostureSesInput? ses, PostureAuditor? auditor)
        {
            if (!HasFreeSlot) throw new InvalidOperationException($"{ThrottleLimit} audits are running; take a report first.");
            Interlocked.Increment(ref _running);
            _outstanding++;
            // On the thread pool (the consumer thread only starts audits), with the audit itself as the work item's
            // state: no closure, delegate and proxy task per domain as Task.Run of a lambda made.
            ThreadPool.QueueUserWorkItem(RunQueued, new QueuedAudit(this, auditor ?? _auditor, domain, ses));
        }

        private static readonly WaitCallback RunQueued = state =>
        {
            var audit = (QueuedAudit)state!;
            _ = audit.Runner.RunAsync(audit.Auditor, audit.Domain, audit.Ses);
        };

        private sealed class QueuedAudit
        {
            // Fields, not properties: nothing more for a fresh process to compile.
            public readonly PostureRunner Runner;
            public readonly PostureAuditor Auditor;
            public readonly string Domain;
            public readonly PostureSesInput? Ses;

            public QueuedAudit(PostureRunner runner, PostureAuditor auditor, string domain, PostureSesInput? ses)
            {
                Runner = runner;
                Auditor = auditor;
                Domain = domain;
                Ses = ses;
            }
        }

        private async Task RunAsync(PostureAuditor auditor, string domain, PostureSesInput? ses)
        {
            EmailAuthReport? report = null;
            try
            {
                report = await auditor.AuditAsync(domain, ses, _cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                // Stopped: the consumer's Take is cancelled by the same token.
            }
            catch (Exception e)
            {
                report = PostureFailure.Report(domain, e);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
            if (report != null) _done.Add(report);
        }

        /// <summary>A finished report, if any, without waiting.</summary>
        public bool TryTake(out EmailAuthReport? report)
        {
            if (_done.TryTake(out report)) { _outstanding--; return true; }
            return false;
        }

        /// <summary>Waits for the next report; null when none is outstanding. Throws OperationCanceledException when stopped.</summary>
        public EmailAuthReport? Take()
        {
            if (_outstanding == 0) return null;
            var report = _done.Take(_cancellation);
            _outstanding--;
            return report;
        }

        public void Dispose() => _done.Dispose();
    }
}
