namespace EmailAuth.Core.Audit
{
    public enum FindingSeverity
    {
        Info,
        Warning,
        Error,
        Critical,
    }
}
