using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>Waits for the pacer before each attempt; sits inside the SDK's retry handler so retries are paced too.</summary>
    internal sealed class PacingHandler : PipelineHandler
    {
        private readonly RequestPacer _pacer;

        public PacingHandler(RequestPacer pacer) => _pacer = pacer;

        public override void InvokeSync(IExecutionContext executionContext)
        {
            _pacer.WaitAsync(executionContext.RequestContext.CancellationToken).GetAwaiter().GetResult();
            base.InvokeSync(executionContext);
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            await _pacer.WaitAsync(executionContext.RequestContext.CancellationToken).ConfigureAwait(false);
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
    }
}
