using System;

namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>
    /// The sending services recognised in aggregate report rows, by the domain they authenticate with (DKIM d= or the
    /// SPF MAIL FROM domain) when the customer has not set up a custom one. Matched on the domain or any subdomain of it
    /// (bounce.amazonses.com, us-east-1.amazonses.com). The table is small on purpose: a name appears only when the
    /// domain belongs to that service alone.
    /// </summary>
    public static class SendingServiceCatalog
    {
        /// <summary>Authenticated-domain suffix → service name.</summary>
        public static readonly (string Suffix, string Service)[] Entries =
        {
            ("amazonses.com", "Amazon SES"),
            ("google.com", "Google"),
            ("googlemail.com", "Google"),
            ("outlook.com", "Microsoft 365"),
            ("onmicrosoft.com", "Microsoft 365"),
            ("sendgrid.net", "SendGrid"),
            ("mailgun.org", "Mailgun"),
            ("mailgun.net", "Mailgun"),
            ("sparkpostmail.com", "SparkPost"),
            ("mandrillapp.com", "Mailchimp Transactional (Mandrill)"),
            ("mcsv.net", "Mailchimp"),
            ("rsgsv.net", "Mailchimp"),
            ("mktomail.com", "Adobe Marketo"),
            ("exacttarget.com", "Salesforce Marketing Cloud"),
            ("salesforce.com", "Salesforce"),
            ("zendesk.com", "Zendesk"),
            ("mtasv.net", "Postmark"),
            ("postmarkapp.com", "Postmark"),
            ("hubspotemail.net", "HubSpot"),
            ("freshdesk.com", "Freshdesk"),
        };

        /// <summary>The service <paramref name="domain"/> belongs to, or null.</summary>
        public static string? Match(string? domain)
        {
            if (string.IsNullOrEmpty(domain)) return null;
            var d = domain!.TrimEnd('.');
            foreach (var (suffix, service) in Entries)
            {
                if (d.Length == suffix.Length ? string.Equals(d, suffix, StringComparison.OrdinalIgnoreCase)
                    : d.Length > suffix.Length && d[d.Length - suffix.Length - 1] == '.' && d.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    return service;
            }
            return null;
        }

        /// <summary>The service of a row: a passing DKIM d= first, then a passing SPF domain, then any of them.</summary>
        public static string? ForRecord(DmarcReportRecord row)
        {
            foreach (var pass in new[] { true, false })
            {
                foreach (var d in row.DkimResults)
                    if ((!pass || d.Result == "pass") && Match(d.Domain) is string s1) return s1;
                foreach (var s in row.SpfResults)
                    if ((!pass || s.Result == "pass") && Match(s.Domain) is string s2) return s2;
            }
            return Match(row.EnvelopeFrom);
        }
    }
}
