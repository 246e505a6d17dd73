using System;
using EmailAuth.Core.Reports.Input;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>Why one file (or zip entry) gave no report; the message names it and says what to do.</summary>
    public enum DmarcFailureReportProblem
    {
        /// <summary>Readable, but not an ARF failure report (no message/feedback-report part), or damaged.</summary>
        Invalid,
        /// <summary>Over a size or count limit (<see cref="ReportInputLimits"/>).</summary>
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
            SourceFile = source;
            Problem = problem;
        }

        /// <summary>From the shared input layer, whose message already names the file or entry.</summary>
        internal DmarcFailureReportInputException(string source, DmarcFailureReportProblem problem, ReportInputException inner)
            : base(inner.Message, inner)
        {
            SourceFile = source;
            Problem = problem;
        }

        /// <summary>The file, and " › entry" inside a .zip.</summary>
        public string SourceFile { get; }
        public DmarcFailureReportProblem Problem { get; }
    }
}
