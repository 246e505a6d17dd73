using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// Identifier alignment (RFC 7489 §3.1; RFC 9989 "Identifier Alignment"): strict needs the exact From domain,
    /// relaxed the same Organizational Domain, found by the same resolver DMARC discovery uses (tree walk by
    /// default, or the Public Suffix List). Bounded: at most two Organizational Domain look-ups per check (8
    /// queries each, cached per aligner) plus one policy discovery when the mode is not given.
    /// </summary>
    public sealed class IdentifierAligner
    {
        private readonly IDnsResolver? _resolver;
        private readonly PublicSuffixList? _list;
        private readonly OrganizationalDomainResolver _orgDomains;
        // Made on the first lookup: a posture audit aligns the domain with itself and never looks one up.
        private Dictionary<string, OrganizationalDomainInfo>? _cache;

        /// <param name="resolver">DNS for the tree walk and policy discovery; may be null with the PSL method and a given mode.</param>
        public IdentifierAligner(IDnsResolver? resolver, OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk, PublicSuffixList? list = null)
        {
            _resolver = resolver;
            _list = list;
            Method = method;
            _orgDomains = new OrganizationalDomainResolver(resolver, list);
        }

        public OrganizationalDomainMethod Method { get; }

        /// <summary>
        /// Checks <paramref name="authenticatedDomain"/> against <paramref name="fromDomain"/>. Without
        /// <paramref name="mode"/>, the aspf=/adkim= of the DMARC record that applies to the From domain (relaxed when none).
        /// </summary>
        public async Task<AlignmentResult> CheckAsync(AlignmentIdentifier identifier, string fromDomain, string authenticatedDomain,
                                                      DmarcAlignmentMode? mode, CancellationToken cancellationToken = default)
        {
            var from = Require(fromDomain, nameof(fromDomain));
            var auth = Require(authenticatedDomain, nameof(authenticatedDomain));
            if (mode != null) return await CheckAsync(identifier, from, auth, mode.Value, "-Mode", cancellationToken).ConfigureAwait(false);
            if (_resolver == null) throw new InvalidOperationException("Reading the published alignment mode needs a DNS resolver.");
            var options = new DmarcDiscoveryOptions { Method = Method, CheckReportDestinations = false };
            var policy = await new DmarcPolicyInspector(_resolver, _list).InspectAsync(from, options, cancellationToken).ConfigureAwait(false);
            var (published, source) = PublishedMode(identifier, policy);
            return await CheckAsync(identifier, from, auth, published, source, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The mode a DMARC policy sets for the identifier, and where it came from, in words.</summary>
        internal static (DmarcAlignmentMode Mode, string Source) PublishedMode(AlignmentIdentifier identifier, DmarcPolicyInfo policy)
        {
            var tag = TagName(identifier);
            var published = identifier == AlignmentIdentifier.Spf ? policy.AlignmentSpf : policy.AlignmentDkim;
            if (published == null || policy.ParsedRecord == null || !policy.ParsedRecord.IsDmarcRecord)
                return (DmarcAlignmentMode.Relaxed, $"default (no DMARC record applies to {policy.Domain}: {tag}=r)");
            var written = policy.ParsedRecord.Tags.Count > 0 && HasTag(policy.ParsedRecord, tag);
            return (published.Value, $"{tag}={(published == DmarcAlignmentMode.Strict ? "s" : "r")}{(written ? string.Empty : " (default)")} at _dmarc.{policy.PolicyDomain}");
        }

        private static bool HasTag(DmarcRecord record, string tag)
        {
            foreach (var t in record.Tags) if (string.Equals(t.Name, tag, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        /// <summary>The check itself, on normalized names (lower-case A-labels without a trailing dot).</summary>
        internal async Task<AlignmentResult> CheckAsync(AlignmentIdentifier identifier, string from, string auth, DmarcAlignmentMode mode,
                                                        string modeSource, CancellationToken cancellationToken)
        {
            var result = new AlignmentResult
            {
                Identifier = identifier, FromDomain = from, AuthenticatedDomain = auth, Mode = mode, ModeSource = modeSource,
            };
            var what = identifier == AlignmentIdentifier.Spf ? "The MAIL FROM domain" : "The DKIM signing domain (d=)";
            if (from == auth)
            {
                result.Aligned = true;
                result.Reason = $"{what} {auth} is the From domain itself: aligned in strict and relaxed mode.";
                return result;
            }

            // Both modes look the Organizational Domains up: relaxed decides by them, strict uses them to say
            // whether relaxed alignment would have passed.
            var fromOrg = await OrganizationalDomainAsync(from, cancellationToken).ConfigureAwait(false);
            var authOrg = await OrganizationalDomainAsync(auth, cancellationToken).ConfigureAwait(false);
            result.FromOrganizationalDomain = fromOrg.OrganizationalDomain;
            result.AuthenticatedOrganizationalDomain = authOrg.OrganizationalDomain;
            var sameOrg = fromOrg.OrganizationalDomain != null && fromOrg.OrganizationalDomain == authOrg.OrganizationalDomain;

            if (mode == DmarcAlignmentMode.Strict)
            {
                // RFC 7489 §3.1.1/§3.1.2: strict mode needs identical domains.
                result.Reason = $"{what} {auth} is not {from}, and strict alignment ({TagName(identifier)}=s) needs the exact From domain"
                    + (sameOrg ? $"; both are under the Organizational Domain {fromOrg.OrganizationalDomain}, so relaxed alignment would pass." : ".");
                return result;
            }

            var failed = fromOrg.OrganizationalDomain == null ? fromOrg : authOrg.OrganizationalDomain == null ? authOrg : null;
            if (failed != null)
            {
                result.Error = $"the Organizational Domain of {failed.Domain} is unknown ({failed.Error})";
                result.Reason = $"Cannot tell whether {auth} aligns with {from}: {result.Error}. This is a temporary DNS failure.";
                return result;
            }
            result.Aligned = sameOrg;
            result.Reason = sameOrg
                ? $"{what} {auth} and the From domain {from} share the Organizational Domain {fromOrg.OrganizationalDomain}: aligned in relaxed mode."
                : $"{what} {auth} (Organizational Domain {authOrg.OrganizationalDomain}) is not under the From domain's Organizational Domain {fromOrg.OrganizationalDomain}: not aligned.";
            return result;
        }

        internal static string TagName(AlignmentIdentifier identifier) => identifier == AlignmentIdentifier.Spf ? "aspf" : "adkim";

        private async Task<OrganizationalDomainInfo> OrganizationalDomainAsync(string domain, CancellationToken cancellationToken)
        {
            if (_cache != null && _cache.TryGetValue(domain, out var known)) return known;
            var info = Method == OrganizationalDomainMethod.TreeWalk && _resolver == null
                ? throw new InvalidOperationException("The tree walk needs a DNS resolver.")
                : await _orgDomains.ResolveAsync(domain, Method, cancellationToken).ConfigureAwait(false);
            (_cache ??= new Dictionary<string, OrganizationalDomainInfo>(StringComparer.Ordinal))[domain] = info;
            return info;
        }

        private static string Require(string input, string parameter) =>
            AlignmentDomainInput.Normalize(input, out var error) ?? throw new ArgumentException(error, parameter);
    }
}
