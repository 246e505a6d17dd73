using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// Generated clients put an auth-scheme resolver in the pipeline; without one every call fails
    /// with a NullReferenceException (AWS-NOTES.md). Both services sign with SigV4 only.
    /// </summary>
    internal sealed class SigV4AuthResolver : BaseAuthResolverHandler
    {
        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
            AuthSchemeOption.DEFAULT_SIGV4;
    }
}
