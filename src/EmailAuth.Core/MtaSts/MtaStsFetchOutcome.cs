namespace EmailAuth.Core.MtaSts
{
    /// <summary>How a policy fetch ended; each failure has its own finding code.</summary>
    public enum MtaStsFetchOutcome
    {
        Success,
        DnsFailed,
        ConnectFailed,
        TlsFailed,
        CertificateInvalid,
        Redirect,
        HttpStatus,
        ContentType,
        TooLarge,
        Timeout,
        ProtocolError,
    }
}
