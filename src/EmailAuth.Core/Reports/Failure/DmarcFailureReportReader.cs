using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using EmailAuth.Core.Reports.Input;
using MimeKit;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// Reads DMARC failure reports from files: an .eml (the report message as received), a gzip of one, or a .zip of
    /// them (every entry). Opening, archives and caps are the shared input layer's (<see cref="ReportInputReader.OpenMessages"/>,
    /// <see cref="ReportInputLimits"/>); a damaged file or entry is an exception in the result stream and the next one is read.
    /// </summary>
    public sealed class DmarcFailureReportReader
    {
        private readonly ReportInputLimits _limits;
        private readonly ReportInputReader _input;
        private readonly ParserOptions _parserOptions;

        public DmarcFailureReportReader(ReportInputLimits? limits = null)
        {
            _limits = limits ?? ReportInputLimits.Default;
            _input = new ReportInputReader(_limits);
            _parserOptions = ParserOptions.Default.Clone();
            _parserOptions.MaxMimeDepth = _limits.MaxMimeDepth;
        }

        /// <summary>
        /// The reports in <paramref name="path"/>, each either a report or the <see cref="DmarcFailureReportInputException"/>
        /// of the file or zip entry that gave none.
        /// </summary>
        public IEnumerable<DmarcFailureReportResult> Read(string path, CancellationToken cancellationToken = default)
        {
            // An error of the file as a whole (missing, too many entries, broken zip) ends it; an entry's error does not.
            IEnumerator<ReportPart>? parts = null;
            try
            {
                while (true)
                {
                    ReportPart part;
                    DmarcFailureReportResult? failed = null;
                    try
                    {
                        parts ??= _input.OpenMessages(path, cancellationToken).GetEnumerator();
                        if (!parts.MoveNext()) yield break;
                        part = parts.Current;
                    }
                    catch (Exception e) when (e is ReportInputException || e is IOException || e is UnauthorizedAccessException)
                    {
                        part = null!;
                        failed = Classify(path, e);
                    }
                    if (failed != null)
                    {
                        yield return failed;
                        yield break;
                    }
                    using (part)
                        yield return Parse(part, cancellationToken);
                }
            }
            finally
            {
                parts?.Dispose();
            }
        }

        /// <summary>MimeKit parses the message (never by hand); the input layer's caps apply while it reads.</summary>
        private DmarcFailureReportResult Parse(ReportPart part, CancellationToken cancellationToken)
        {
            var name = part.DisplayName;
            if (part.Error != null) return Classify(name, part.Error);
            try
            {
                var message = MimeMessage.Load(_parserOptions, part.Stream, cancellationToken);
                var report = DmarcFailureReportParser.Parse(message, name, _limits);
                // Runs the end-of-data checks (a gzip cut after the message's last line is still an error).
                part.ReadToEnd();
                return new DmarcFailureReportResult(name, report, null);
            }
            catch (DmarcFailureReportInputException e)
            {
                return new DmarcFailureReportResult(name, null, e);
            }
            catch (Exception e) when (e is ReportInputException || e is FormatException || e is InvalidDataException || e is IOException)
            {
                return Classify(name, e);
            }
        }

        /// <summary>The input layer's kind of problem, or (for MimeKit and I/O errors) Invalid / Unreadable.</summary>
        private static DmarcFailureReportResult Classify(string name, Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
                if (x is ReportInputException input)
                    return new DmarcFailureReportResult(name, null, new DmarcFailureReportInputException(name, Problem(input.Problem), input));
            var (problem, message) = e switch
            {
                FormatException _ => (DmarcFailureReportProblem.Invalid, "not a readable message (" + e.Message + ")."),
                InvalidDataException _ => (DmarcFailureReportProblem.Invalid, "damaged compressed data (" + e.Message + ")."),
                _ => (DmarcFailureReportProblem.Unreadable, e.Message),
            };
            return new DmarcFailureReportResult(name, null, new DmarcFailureReportInputException(name, problem, message, e));
        }

        private static DmarcFailureReportProblem Problem(ReportInputProblem problem) => problem switch
        {
            ReportInputProblem.TooLarge => DmarcFailureReportProblem.TooLarge,
            ReportInputProblem.Unreadable => DmarcFailureReportProblem.Unreadable,
            _ => DmarcFailureReportProblem.Invalid,
        };
    }

    /// <summary>One report read from a file, or why the file (or zip entry) gave none.</summary>
    public sealed class DmarcFailureReportResult
    {
        internal DmarcFailureReportResult(string source, DmarcFailureReport? report, DmarcFailureReportInputException? error)
        {
            Source = source;
            Report = report;
            Error = error;
        }

        public string Source { get; }
        public DmarcFailureReport? Report { get; }
        public DmarcFailureReportInputException? Error { get; }
    }
}
