using System;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth
{
    /// <summary>
    /// DNS cmdlets that need Organizational Domains (DMARC discovery, alignment, the verdict): -Method and
    /// -PublicSuffixListPath, and the list loaded once in BeginProcessing.
    /// </summary>
    public abstract class OrganizationalDomainCmdlet : DnsCmdlet
    {
        /// <summary>How the Organizational Domain is found: TreeWalk (RFC 9989, DNS; default) or PublicSuffixList (RFC 7489).</summary>
        [Parameter]
        public virtual OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;

        /// <summary>A Public Suffix List file to use instead of the embedded copy.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PublicSuffixListPath { get; set; }

        /// <summary>The list -Method PublicSuffixList (and the tree walk's checks) use; set in BeginProcessing.</summary>
        protected PublicSuffixList SuffixList { get; private set; } = PublicSuffixList.Embedded;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            SuffixList = LoadList(this, PublicSuffixListPath);
        }

        /// <summary>The embedded list, or -PublicSuffixListPath resolved against $PWD (terminating error when unreadable).</summary>
        private static PublicSuffixList LoadList(DnsCmdlet cmdlet, string? path)
        {
            if (path == null) return PublicSuffixList.Embedded;
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new EmailAuthException($"'{path}' is not a file-system path: {e.Message}", e),
                    "PublicSuffixListNotFound", ErrorCategory.InvalidArgument, path));
                throw; // not reached
            }
            try
            {
                return PublicSuffixListLoader.Load(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                var id = e is FileNotFoundException ? "PublicSuffixListNotFound" : "PublicSuffixListUnreadable";
                var category = e is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
                cmdlet.ThrowTerminatingError(new ErrorRecord(new EmailAuthException($"Cannot use the Public Suffix List '{full}': {e.Message}", e), id, category, path)
                {
                    ErrorDetails = new ErrorDetails($"Cannot use the Public Suffix List '{full}': {e.Message}")
                    {
                        RecommendedAction = "Download https://publicsuffix.org/list/public_suffix_list.dat, or omit -PublicSuffixListPath to use the embedded list.",
                    },
                });
                throw; // not reached
            }
        }
    }
}
