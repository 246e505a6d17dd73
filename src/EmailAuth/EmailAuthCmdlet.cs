using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth
{
    /// <summary>
    /// Base of every EmailAuth cmdlet: cancellation on Ctrl+C (StopProcessing), a bridge that runs
    /// the async core on the pipeline thread, and error records with stable ErrorIds.
    /// </summary>
    public abstract partial class EmailAuthCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
        protected CancellationToken StopToken => _stop.Token;

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// Runs a core operation to completion and returns its result on the pipeline thread, so
        /// WriteObject/WriteError stay on that thread. The operation starts on the thread pool
        /// (no synchronization context to deadlock on) and the wait ends as soon as the pipeline
        /// is stopped, even if the operation ignores its token.
        /// </summary>
        protected T RunCore<T>(Func<CancellationToken, Task<T>> operation)
        {
            var token = _stop.Token;
            var task = Task.Run(() => operation(token), token);
            try
            {
                task.Wait(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (AggregateException)
            {
                // Rethrown unwrapped by GetResult below.
            }
            return task.GetAwaiter().GetResult();
        }

        /// <summary>Writes what an evaluation asked DNS, one verbose line per query (pipeline thread only).</summary>
        protected void WriteDnsTrace(TracingDnsResolver tracer)
        {
            foreach (var entry in tracer.Entries) WriteVerbose(entry.ToString());
        }

        protected static ErrorRecord NewError(Exception exception, string errorId, ErrorCategory category,
                                              object? target, string? recommendedAction = null)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction != null)
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            return record;
        }

        /// <summary>A per-item failure: the pipeline goes on with the next input.</summary>
        protected void WriteItemError(string message, string errorId, ErrorCategory category, object? target,
                                      string? recommendedAction = null, Exception? inner = null)
            => WriteError(NewError(new EmailAuthException(message, inner), errorId, category, target, recommendedAction));

        /// <summary>The per-item error every cmdlet writes for a name <see cref="Core.Domains.DomainNameInput"/> refused.</summary>
        protected void WriteInvalidDomain(string message, object? target) =>
            WriteItemError(message, "InvalidDomainName", ErrorCategory.InvalidArgument, target,
                "Give a domain such as example.com (internationalized names are converted to their xn-- form).");

        /// <summary>
        /// An optional -Domain: null when not given, its A-label form when valid; false (after writing
        /// InvalidDomainName) when it is malformed, so the item is skipped.
        /// </summary>
        protected bool TryNormalizeOptionalDomain(string? input, out string? domain)
        {
            domain = null;
            if (string.IsNullOrWhiteSpace(input)) return true;
            domain = DomainNameInput.Normalize(input, out var error);
            if (domain != null) return true;
            WriteInvalidDomain(error!, input);
            return false;
        }

        /// <summary>An unexpected failure of one item: reported with the original exception, the pipeline goes on.</summary>
        protected void WriteUnexpectedError(Exception exception, string errorId, object? target)
            => WriteError(NewError(exception, errorId, ErrorCategory.NotSpecified, target));

        /// <summary>Nothing more can run (bad -Server, unreadable zone file).</summary>
        protected void ThrowTerminating(string message, string errorId, ErrorCategory category, object? target,
                                        Exception? inner = null)
            => ThrowTerminatingError(NewError(new EmailAuthException(message, inner), errorId, category, target));

        /// <summary>True for exceptions that must stop the pipeline rather than become a per-item error.</summary>
        protected static bool IsFatal(Exception e) =>
            e is PipelineStoppedException || e is OperationCanceledException || e is OutOfMemoryException;

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>The exception behind EmailAuth's own error records (so scripts can catch it by type).</summary>
    public sealed class EmailAuthException : Exception
    {
        public EmailAuthException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
