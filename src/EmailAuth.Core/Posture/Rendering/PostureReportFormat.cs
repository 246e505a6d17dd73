namespace EmailAuth.Core.Posture.Rendering
{
    public enum PostureReportFormat
    {
        Html,
        Markdown,
    }
}
