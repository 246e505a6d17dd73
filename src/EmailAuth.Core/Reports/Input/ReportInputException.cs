using System;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>A report file or entry that cannot be read safely: a cap was hit, an archive is damaged or nested, the content is no report.</summary>
    public sealed class ReportInputException : Exception
    {
        public ReportInputException(string message, Exception? inner = null, ReportInputProblem problem = ReportInputProblem.Invalid)
            : base(message, inner) => Problem = problem;

        /// <summary>Why: damaged, over a cap, or unreadable.</summary>
        public ReportInputProblem Problem { get; }
    }
}
