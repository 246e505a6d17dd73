namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// The grade of a domain at a glance; the rule is <see cref="PostureGrader"/> (and about_EmailAuth).
    /// TempError: a DNS lookup failed, so the report is incomplete and no grade is given.
    /// </summary>
    public enum PostureGrade
    {
        A,
        B,
        C,
        D,
        F,
        TempError,
    }
}
