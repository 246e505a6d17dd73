using System.Collections.Generic;

namespace EmailAuth.Core.Dkim
{
    /// <summary>
    /// Selectors tried when none is given. DNS cannot list a domain's selectors (RFC 6376 §3.1), so this is a guess:
    /// the defaults of common providers. SES Easy DKIM selectors are per-identity tokens and cannot be guessed.
    /// Keep the list in step with Get-DkimRecord's help.
    /// </summary>
    public static class DkimCommonSelectors
    {
        public static readonly IReadOnlyList<string> All = new[]
        {
            "google",                    // Google Workspace
            "selector1", "selector2",    // Microsoft 365
            "default", "dkim", "mail",   // cPanel, Plesk, common MTA set-ups
            "k1", "k2", "k3",            // Mailchimp / Mandrill, Klaviyo
            "s1", "s2",                  // SendGrid
            "smtp", "mx", "email",
            "key1", "key2",
            "sig1",                      // iCloud custom domains
            "fm1", "fm2", "fm3",         // Fastmail
            "protonmail", "protonmail2", "protonmail3",
            "zendesk1", "zendesk2",
            "mandrill", "everlytickey1", "cm", "pm",
        };
    }
}
