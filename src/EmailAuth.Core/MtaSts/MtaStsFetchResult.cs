namespace EmailAuth.Core.MtaSts
{
    /// <summary>The result of one HTTPS fetch of a policy.</summary>
    public sealed class MtaStsFetchResult
    {
        public MtaStsFetchResult(MtaStsFetchOutcome outcome, string? body = null, string? detail = null,
                                 int statusCode = 0, string? contentType = null, string? address = null)
        {
            Outcome = outcome;
            Body = body;
            Detail = detail;
            StatusCode = statusCode;
            ContentType = contentType;
            Address = address;
        }

        public MtaStsFetchOutcome Outcome { get; }
        /// <summary>The policy text (UTF-8) on success.</summary>
        public string? Body { get; }
        /// <summary>What went wrong, in words (certificate errors, status line, Location of a redirect).</summary>
        public string? Detail { get; }
        public int StatusCode { get; }
        public string? ContentType { get; }
        /// <summary>The address connected to, "ip:port".</summary>
        public string? Address { get; }
    }
}
