using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Internal;

namespace EmailAuth
{
    /// <summary>
    /// Cmdlets that act on existing SES identities (Remove-SesIdentity, Set-SesMailFromDomain, the policy
    /// cmdlets). -Identity, -Region and -Account bind from SesIdentity objects by property name, so
    /// <c>Get-SesIdentity -Region a, b | Remove-SesIdentity</c> acts in each object's own region; -Account
    /// guards against acting on a same-named identity of another account (the credentials must be that
    /// account's). Per record: reads and writes run per region concurrently, ShouldProcess and all output
    /// stay on the pipeline thread.
    /// </summary>
    public abstract class SesIdentityCmdlet : AwsCmdlet
    {
        private readonly Dictionary<string, (string? Account, bool Reported)> _accounts = new Dictionary<string, (string?, bool)>(StringComparer.Ordinal);
        private bool _deferred;
        private bool _targetsFromRecord;

        /// <summary>Domains or email addresses.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdentityName", "EmailIdentity")]
        [ValidateNotNullOrEmpty]
        public string[] Identity { get; set; } = Array.Empty<string>();

        /// <summary>As the base's -Region, and also bound from the Region property of piped objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsRegionCompleter))]
        public new string[]? Region
        {
            get => base.Region;
            set => base.Region = value;
        }

        /// <summary>The account the identity belongs to: anything else is refused (SesIdentityAccountMismatch). Piped SesIdentity objects carry it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(@"^\d{12}$")]
        public string? Account { get; set; }

        protected override void BeginProcessing()
        {
            // Piped objects may bring their own Region: set up AWS with the first record's, so a shell
            // without a default region can still run Get-SesIdentity -Region a, b | Remove-SesIdentity.
            if (Region == null && MyInvocation.ExpectingInput) { _deferred = true; return; }
            base.BeginProcessing();
        }

        /// <summary>The regions of this record: -Region (command line or piped object), else the default region; each with its account id.</summary>
        protected IReadOnlyList<SesTarget> ResolveTargets()
        {
            if (_deferred)
            {
                _deferred = false;
                _targetsFromRecord = Region != null;
                base.BeginProcessing();
            }
            if (Region == null && _targetsFromRecord)
            {
                WriteItemError($"No region for {string.Join(", ", IdentityNames())}: the objects before it had a Region, this one has none.",
                    "SesRegionMissing", ErrorCategory.InvalidArgument, Identity, "Pass -Region, or pipe objects that have a Region property.");
                return Array.Empty<SesTarget>();
            }
            var regionTargets = Region == null ? Targets : Region.Distinct(StringComparer.Ordinal).Select(TargetFor).ToList();
            var result = new List<SesTarget>();
            foreach (var target in regionTargets)
            {
                if (_accounts.TryGetValue(target.Region, out var known))
                {
                    if (known.Account != null) result.Add(new SesTarget(target.Region, target.Context!, known.Account));
                    continue;
                }
                if (target.Context == null)
                {
                    WriteRegionError(target.Region, target.Error!);
                    _accounts[target.Region] = (null, true);
                    continue;
                }
                try
                {
                    var account = RunCore(token => target.Context.GetAccountIdAsync(token));
                    _accounts[target.Region] = (account, false);
                    result.Add(new SesTarget(target.Region, target.Context, account));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    // Once per region: the credentials or the region failed, not this identity.
                    WriteRegionError(target.Region, e);
                    _accounts[target.Region] = (null, true);
                }
            }
            return result;
        }

        /// <summary>The identities of this record, trimmed, without a trailing dot, each once.</summary>
        protected IReadOnlyList<string> IdentityNames() =>
            Identity.Select(n => (n ?? "").Trim().TrimEnd('.')).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Every identity × region of this record whose account matches -Account; mismatches are written as SesIdentityAccountMismatch.</summary>
        protected IReadOnlyList<SesItem> Items()
        {
            var names = IdentityNames();
            var targets = ResolveTargets();
            var items = new List<SesItem>();
            foreach (var name in names)
            {
                foreach (var t in targets)
                {
                    if (Account != null && !string.Equals(Account, t.Account, StringComparison.Ordinal))
                    {
                        WriteItemError($"{t.Region}: SES identity '{name}' belongs to account {Account}, but these credentials are account {t.Account}'s; nothing was done.",
                            "SesIdentityAccountMismatch", ErrorCategory.InvalidArgument, name,
                            $"Run it with credentials of account {Account} (-ProfileName, -Credential or -RoleArn).");
                        continue;
                    }
                    items.Add(new SesItem(name, t));
                }
            }
            return items;
        }

        /// <summary>Where an item is: "example.com in account 111111111111, us-east-1", the ShouldProcess target.</summary>
        protected static string Place(SesItem item) => $"{item.Identity} in account {item.Target.Account}, {item.Target.Region}";

        /// <summary>
        /// Runs <paramref name="work"/> for each item: regions concurrently, one SESv2 client and one call
        /// at a time per region (SES management calls have low per-account rates). Results in item order.
        /// </summary>
        protected IReadOnlyList<SesOutcome<TItem, TResult>> Run<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, SesItem> itemOf,
            Func<TItem, SesV2Client, CancellationToken, Task<TResult>> work)
        {
            if (items.Count == 0) return Array.Empty<SesOutcome<TItem, TResult>>();
            var results = new SesOutcome<TItem, TResult>[items.Count];
            RunCore(async token =>
            {
                var groups = Enumerable.Range(0, items.Count).GroupBy(i => itemOf(items[i]).Target.Region, StringComparer.Ordinal);
                await Task.WhenAll(groups.Select(async group =>
                {
                    using var ses = itemOf(items[group.First()]).Target.Context.CreateSesV2Client();
                    foreach (var i in group)
                    {
                        token.ThrowIfCancellationRequested();
                        try { results[i] = new SesOutcome<TItem, TResult>(items[i], await work(items[i], ses, token).ConfigureAwait(false), null); }
                        catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
                        {
                            results[i] = new SesOutcome<TItem, TResult>(items[i], default!, e);
                        }
                    }
                })).ConfigureAwait(false);
                return true;
            });
            return results;
        }

        /// <summary>
        /// A failed item: SesIdentityNotFound when SES does not know the identity, else <paramref name="failedId"/>.
        /// Messages are the service's (they never hold a secret).
        /// </summary>
        protected void WriteItemFailure(SesItem item, Exception error, string failedId)
        {
            if (!(error is AwsException aws))
            {
                WriteUnexpectedError(error, failedId, item.Identity);
                return;
            }
            if (aws.IsNotFound)
                WriteItemError($"{item.Target.Region}: SES identity '{item.Identity}' does not exist in account {item.Target.Account}.",
                    "SesIdentityNotFound", ErrorCategory.ObjectNotFound, item.Identity,
                    $"List the region's identities with Get-SesIdentity -Region {item.Target.Region}.", aws);
            else
                WriteError(NewError(new EmailAuthException($"{item.Target.Region}: {item.Identity}: {aws.Message}", aws), failedId, Category(aws), item.Identity));
        }

        /// <summary>A region of this record, with its context and the account its credentials belong to.</summary>
        protected sealed class SesTarget
        {
            public SesTarget(string region, AwsContext context, string account)
            {
                Region = region;
                Context = context;
                Account = account;
            }

            public string Region { get; }
            public AwsContext Context { get; }
            public string Account { get; }
        }

        /// <summary>One identity in one region.</summary>
        protected sealed class SesItem
        {
            public SesItem(string identity, SesTarget target)
            {
                Identity = identity;
                Target = target;
            }

            public string Identity { get; }
            public SesTarget Target { get; }

            /// <summary>The domain of the identity: itself, or the part of an address after the '@'.</summary>
            public string Domain => (Identity.LastIndexOf('@') is var at && at >= 0 ? Identity.Substring(at + 1) : Identity).ToLowerInvariant();

            public SesIdentity ToIdentity(SesIdentityDetails details) => SesIdentity.From(details, Target.Account, Target.Region);
        }

        /// <summary>What one item's work gave: a result or the exception it met.</summary>
        protected sealed class SesOutcome<TItem, TResult>
        {
            public SesOutcome(TItem item, TResult result, Exception? error)
            {
                Item = item;
                Result = result;
                Error = error;
            }

            public TItem Item { get; }
            public TResult Result { get; }
            public Exception? Error { get; }
        }
    }
}
