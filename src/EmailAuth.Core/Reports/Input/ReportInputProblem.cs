namespace EmailAuth.Core.Reports.Input
{
    /// <summary>What kind of problem a <see cref="ReportInputException"/> is: lets a cmdlet pick its ErrorId and ErrorCategory.</summary>
    public enum ReportInputProblem
    {
        /// <summary>Readable, but damaged or not what was expected (bad compressed data, a nested archive, no report inside).</summary>
        Invalid,
        /// <summary>Over a size, ratio or count cap of <see cref="ReportInputLimits"/>.</summary>
        TooLarge,
        /// <summary>The file or archive as a whole could not be read (I/O, a broken zip directory).</summary>
        Unreadable,
    }
}
