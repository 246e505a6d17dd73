namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>Why an SES identity needs a DNS record.</summary>
    public enum SesDnsRecordPurpose
    {
        /// <summary>Easy DKIM: &lt;token&gt;._domainkey.&lt;domain&gt; CNAME &lt;token&gt;.&lt;DKIM domain&gt;.</summary>
        DkimCname,
        /// <summary>BYODKIM: the public key TXT at &lt;selector&gt;._domainkey.&lt;domain&gt; (RFC 6376 §3.6.2.1).</summary>
        DkimTxt,
        /// <summary>Custom MAIL FROM: MX 10 feedback-smtp.&lt;region&gt;.amazonses.com.</summary>
        MailFromMx,
        /// <summary>Custom MAIL FROM: TXT "v=spf1 include:amazonses.com ~all" (RFC 7208 §3).</summary>
        MailFromSpf,
        /// <summary>A DMARC policy at _dmarc.&lt;domain&gt; when none is published (RFC 7489 §6.1).</summary>
        Dmarc,
        /// <summary>The legacy _amazonses.&lt;domain&gt; verification TXT (one value per account and region).</summary>
        Verification,
    }
}
