using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Internal;

namespace EmailAuth
{
    /// <summary>
    /// Shared AWS parameters (DESIGN.md §2, issue 12 §1): -Region fanned out concurrently, -ProfileName,
    /// -Credential, -RoleArn/-ExternalId/-RoleSessionName, -EndpointUrl. Regions run on the thread pool;
    /// their objects and errors are written afterwards on the pipeline thread, region by region, and a
    /// failing region is a non-terminating error (AwsRegionFailed) while the others complete.
    /// Secrets stay in the SDK's credential objects: messages name a masked key id at most.
    /// </summary>
    public abstract class AwsCmdlet : EmailAuthCmdlet
    {
        /// <summary>Regions to ask, concurrently. Default: AWS_REGION / AWS_DEFAULT_REGION or the profile's region.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        public string[]? Region { get; set; }

        /// <summary>A profile of the shared AWS config and credentials files (SSO and assume-role profiles included).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>An access key: user name = access key id, password = secret access key.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Assume this role (STS AssumeRole) with the credentials above.</summary>
        [Parameter]
        [ValidatePattern(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
        public string? RoleArn { get; set; }

        /// <summary>The external id the role's trust policy requires.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>The session name CloudTrail records for the assumed role. Default: EmailAuth-&lt;unix time&gt;.</summary>
        [Parameter]
        [ValidatePattern(@"^[\w+=,.@-]{2,64}$")]
        public string? RoleSessionName { get; set; }

        /// <summary>One endpoint for SESv2, Route 53 and STS (e.g. a local emulator).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>One context per region asked, in the order given; a region name that is not one is a failed entry.</summary>
        protected IReadOnlyList<RegionTarget> Targets { get; private set; } = Array.Empty<RegionTarget>();

        private AwsContext? _first;
        private readonly Dictionary<string, RegionTarget> _laterTargets = new Dictionary<string, RegionTarget>(StringComparer.Ordinal);

        protected override void BeginProcessing()
        {
            if ((ExternalId != null || RoleSessionName != null) && RoleArn == null)
                ThrowTerminating("-ExternalId and -RoleSessionName apply only with -RoleArn.", "AwsRoleParameterWithoutRole",
                    ErrorCategory.InvalidArgument, null);
            var options = new AwsContextOptions
            {
                ProfileName = ProfileName,
                RoleArn = RoleArn,
                ExternalId = ExternalId,
                RoleSessionName = RoleSessionName,
                EndpointUrl = EndpointUrl,
                Region = Region?.FirstOrDefault(),
            };
            if (Credential != null)
            {
                options.AccessKeyId = Credential.UserName;
                options.SecretAccessKey = Credential.GetNetworkCredential().Password;
            }
            AwsContext first;
            try
            {
                first = AwsContext.Create(options);
            }
            catch (AwsException e)
            {
                ThrowTerminating(e.Message, "AwsConfigurationInvalid", ErrorCategory.InvalidArgument, null, e);
                return;
            }
            RequireSsoToken(first, ProfileName);
            _first = first;
            WriteVerbose("AWS: " + first + (EndpointUrl != null ? ", endpoint " + EndpointUrl : ""));
            var targets = new List<RegionTarget>();
            foreach (var region in (Region ?? new[] { first.Region }).Distinct(StringComparer.Ordinal))
            {
                try { targets.Add(new RegionTarget(region, region == first.Region ? first : first.ForRegion(region), null)); }
                catch (AwsException e) { targets.Add(new RegionTarget(region, null, e)); }
            }
            Targets = targets;
        }

        /// <summary>An SSO profile without a valid cached token is a terminating error naming `aws sso login` (no secret in it).</summary>
        protected void RequireSsoToken(AwsContext context, string? profileName)
        {
            try { RunCore(async token => { await context.CheckSsoTokenAsync().ConfigureAwait(false); return true; }); }
            catch (AwsException e) { ThrowTerminating(e.Message, "AwsSsoLoginRequired", ErrorCategory.AuthenticationError, profileName, e); }
        }

        /// <summary>
        /// The target of a region known only later (a Region property bound from the pipeline): one of
        /// <see cref="Targets"/>, or a context for it made once with the same credentials.
        /// </summary>
        protected RegionTarget TargetFor(string region)
        {
            var known = Targets.FirstOrDefault(t => t.Region == region);
            if (known != null) return known;
            if (_laterTargets.TryGetValue(region, out var later)) return later;
            try { later = new RegionTarget(region, _first!.ForRegion(region), null); }
            catch (AwsException e) { later = new RegionTarget(region, null, e); }
            return _laterTargets[region] = later;
        }

        /// <summary>
        /// Runs <paramref name="work"/> for every region concurrently and waits for all; then (on the
        /// pipeline thread) calls <paramref name="write"/> with each region's result in region order, or
        /// writes the region's failure as an AwsRegionFailed error.
        /// </summary>
        protected void ForEachRegion<T>(Func<AwsContext, CancellationToken, Task<T>> work, Action<RegionTarget, T> write,
            IEnumerable<string>? onlyRegions = null)
        {
            var only = onlyRegions == null ? null : new HashSet<string>(onlyRegions, StringComparer.Ordinal);
            var outcomes = RunCore(async token =>
            {
                var tasks = Targets.Where(t => only == null || only.Contains(t.Region)).Select(async target =>
                {
                    if (target.Context == null) return (target, default(T)!, (Exception?)target.Error);
                    try { return (target, await work(target.Context, token).ConfigureAwait(false), (Exception?)null); }
                    catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
                    {
                        return (target, default(T)!, e);
                    }
                }).ToList();
                return await Task.WhenAll(tasks).ConfigureAwait(false);
            });
            foreach (var (target, value, error) in outcomes)
            {
                if (error != null) WriteRegionError(target.Region, error);
                else write(target, value);
            }
        }

        /// <summary>A region that failed as a whole (credentials refused, region not enabled, endpoint unreachable).</summary>
        protected void WriteRegionError(string region, Exception error)
        {
            var aws = error as AwsException;
            if (aws == null) { WriteUnexpectedError(error, "AwsRegionFailed", region); return; }
            WriteError(NewError(new EmailAuthException($"{region}: {aws.Message}", aws), "AwsRegionFailed", Category(aws), region,
                RecommendedAction(aws)));
        }

        /// <summary>The PowerShell category of an AWS failure.</summary>
        protected static ErrorCategory Category(AwsException e) =>
            e.Operation == "Configure" ? ErrorCategory.InvalidArgument
            : e.IsNotFound ? ErrorCategory.ObjectNotFound
            : e.IsThrottling ? ErrorCategory.LimitsExceeded
            : e.IsAlreadyExists ? ErrorCategory.ResourceExists
            : e.StatusCode == 401 || e.StatusCode == 403 ? ErrorCategory.PermissionDenied
            : e.StatusCode >= 400 && e.StatusCode < 500 ? ErrorCategory.InvalidOperation
            : ErrorCategory.ConnectionError;

        private static string? RecommendedAction(AwsException e) =>
            e.StatusCode == 403 ? "Check the credentials, that the region is enabled for the account, and the IAM permissions (ses:*, sts:AssumeRole)."
            : e.IsThrottling ? "The service kept throttling after the SDK's retries: run again later or ask fewer regions at once."
            : null;

        /// <summary>A region and its context, or why none could be made (a malformed region name).</summary>
        protected sealed class RegionTarget
        {
            public RegionTarget(string region, AwsContext? context, Exception? error)
            {
                Region = region;
                Context = context;
                Error = error;
            }

            public string Region { get; }
            public AwsContext? Context { get; }
            public Exception? Error { get; }
        }
    }
}
