namespace EmailAuth.Core.Spf
{
    /// <summary>A directive's qualifier (RFC 7208 §4.6.2); the default when none is written is Pass ("+").</summary>
    internal enum SpfQualifier
    {
        Pass,
        Fail,
        SoftFail,
        Neutral,
    }

    internal static class SpfQualifierExtensions
    {
        public static SpfResult ToResult(this SpfQualifier q) => q switch
        {
            SpfQualifier.Fail => SpfResult.Fail,
            SpfQualifier.SoftFail => SpfResult.SoftFail,
            SpfQualifier.Neutral => SpfResult.Neutral,
            _ => SpfResult.Pass,
        };

        public static string Symbol(this SpfQualifier q) => q switch
        {
            SpfQualifier.Fail => "-",
            SpfQualifier.SoftFail => "~",
            SpfQualifier.Neutral => "?",
            _ => "+",
        };
    }
}
