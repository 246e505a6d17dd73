namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// Decompressed bytes all entries of one zip have produced so far, against <see cref="ReportInputLimits.MaxArchiveBytes"/>:
    /// each entry is capped on its own, but a thousand entries just under that cap would still fill memory or disk.
    /// </summary>
    internal sealed class ArchiveBudget
    {
        public ArchiveBudget(string archive, long max)
        {
            Archive = archive;
            Max = max;
        }

        public string Archive { get; }
        public long Max { get; }
        public long Used { get; private set; }
        public bool Exhausted => Used > Max;

        public ReportInputException Error() => new ReportInputException(
            $"{Archive}: the archive's entries decompress to more than {Max:N0} bytes together; the rest is not read.",
            null, ReportInputProblem.TooLarge);

        public void Add(int bytes)
        {
            Used += bytes;
            if (Exhausted) throw Error();
        }
    }
}
