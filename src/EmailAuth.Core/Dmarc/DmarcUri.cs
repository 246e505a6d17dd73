namespace EmailAuth.Core.Dmarc
{
    /// <summary>One report destination of rua= or ruf= (RFC 7489 §6.2, RFC 9989: a URI; mailto: is the one receivers must support).</summary>
    public sealed class DmarcUri
    {
        public DmarcUri(string text, string? scheme, string? address, string? domain, string? sizeLimit, string? error)
        {
            Text = text;
            Scheme = scheme;
            Address = address;
            Domain = domain;
            SizeLimit = sizeLimit;
            Error = error;
        }

        /// <summary>As written in the record.</summary>
        public string Text { get; }
        /// <summary>"mailto", "https", ...; null when the text is not a URI.</summary>
        public string? Scheme { get; }
        /// <summary>The mailbox of a mailto: URI (local@domain), percent-decoded.</summary>
        public string? Address { get; }
        /// <summary>The domain that receives the reports (mailbox domain or URI host), lower-case A-labels.</summary>
        public string? Domain { get; }
        /// <summary>The "!size" suffix of RFC 7489 (e.g. "10m"); obsolete in RFC 9989.</summary>
        public string? SizeLimit { get; }
        /// <summary>Why the URI is malformed; null when it is usable.</summary>
        public string? Error { get; }
        public bool IsValid => Error == null;

        public override string ToString() => Text;
    }
}
