using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// The decompressed side of a report: stops with <see cref="ReportInputException"/> once it has produced more than
    /// <c>maxBytes</c>, or (after the grace bytes) more than ratio × the compressed bytes consumed so far. The check runs
    /// on every read, so a bomb is stopped after at most one buffer past the cap, never after it has been inflated.
    /// </summary>
    internal sealed class BoundedReadStream : ForwardReadStream
    {
        private readonly string _name;
        private readonly ReportInputLimits _limits;
        private readonly long _maxBytes;
        private readonly Func<long>? _compressedBytes;
        private readonly ArchiveBudget? _budget;

        /// <param name="compressedBytes">How many compressed bytes have been consumed so far; null for uncompressed content (size cap only).</param>
        /// <param name="maxBytes">The size cap: <see cref="ReportInputLimits.MaxDecompressedBytes"/> for a report, <see cref="ReportInputLimits.MaxMessageBytes"/> for a message.</param>
        /// <param name="budget">The zip this entry belongs to, whose entries share <see cref="ReportInputLimits.MaxArchiveBytes"/>.</param>
        public BoundedReadStream(Stream inner, string name, ReportInputLimits limits, long maxBytes, Func<long>? compressedBytes,
                                 ArchiveBudget? budget = null) : base(inner)
        {
            _maxBytes = maxBytes;
            _budget = budget;
            _name = name;
            _limits = limits;
            _compressedBytes = compressedBytes;
        }

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n;
            try
            {
                n = Inner.Read(buffer, offset, count);
            }
            catch (InvalidDataException e)
            {
                throw new ReportInputException($"{_name}: the compressed data is damaged ({e.Message}).", e, ReportInputProblem.Invalid);
            }
            BytesRead += n;
            if (BytesRead > _maxBytes)
                throw new ReportInputException(
                    $"{_name}: decompresses to more than {_maxBytes:N0} bytes; stopped (the cap on a report's size).", null, ReportInputProblem.TooLarge);
            _budget?.Add(n);
            if (_compressedBytes != null && BytesRead > _limits.RatioGraceBytes)
            {
                var compressed = Math.Max(1, _compressedBytes());
                if (BytesRead > compressed * _limits.MaxCompressionRatio)
                    throw new ReportInputException(
                        $"{_name}: {compressed:N0} compressed bytes expand to more than {BytesRead:N0} (over {_limits.MaxCompressionRatio}:1); stopped as a decompression bomb.",
                        null, ReportInputProblem.TooLarge);
            }
            return n;
        }

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    }
}
