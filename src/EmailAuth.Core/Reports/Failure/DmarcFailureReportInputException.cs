using System;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>Why one file (or zip entry) gave no report; the message names it and says what to do.</summary>
    public enum DmarcFailureReportProblem
    {
        /// <summary>Readable, but not an ARF failure report (no message/feedback-report part), or damaged.</summary>
        Invalid,
        /// <summary>Over a size or count limit (<see cref="DmarcFailureReportLimits"/>).</summary>
        TooLarge,
        /// <summary>The file could not be read (I/O, a broken archive).</summary>
        Unreadable,
    }

    /// <summary>One file (or zip entry) that gave no report; the reader goes on with the next.</summary>
    public sealed class DmarcFailureReportInputException : Exception
    {
        public DmarcFailureReportInputException(string source, DmarcFailureReportProblem problem, string message, Exception? inner = null)
            : base($"{source}: {message}", inner)
        {
            Source = source;
            Problem = problem;
        }

        /// <summary>The file, and " › entry" inside a .zip.</summary>
        public new string Source { get; }
        public DmarcFailureReportProblem Problem { get; }
    }
}
