using System.Management.Automation;

namespace EmailAuth.Internal
{
    /// <summary>
    /// Write-Progress for cmdlets that take a list of domains: shown from the second domain on, so a single
    /// lookup stays quiet, and completed in EndProcessing. One activity per cmdlet.
    /// </summary>
    internal sealed class DomainProgress
    {
        private readonly Cmdlet _cmdlet;
        private readonly string _activity;
        private readonly string _doing;
        private readonly string _unit;
        private int _processed;
        private string? _last;

        public DomainProgress(Cmdlet cmdlet, string activity, string doing, string unit = "domain(s)")
        {
            _unit = unit;
            _cmdlet = cmdlet;
            _activity = activity;
            _doing = doing;
        }

        /// <summary>Call as each domain starts.</summary>
        public void Next(string domain)
        {
            _processed++;
            _last = domain;
            if (_processed >= 2) _cmdlet.WriteProgress(NewRecord(domain, ProgressRecordType.Processing));
        }

        /// <summary>Call from EndProcessing.</summary>
        public void Complete()
        {
            if (_processed >= 2) _cmdlet.WriteProgress(NewRecord(_last, ProgressRecordType.Completed));
        }

        // A new record per write: hosts may keep the records they are given, so mutating one
        // already written would rewrite the history they show.
        private ProgressRecord NewRecord(string? current, ProgressRecordType type) =>
            new ProgressRecord(1, _activity, _doing)
            {
                StatusDescription = $"{(type == ProgressRecordType.Completed ? _processed : _processed - 1)} {_unit} done",
                CurrentOperation = current ?? string.Empty,
                RecordType = type,
            };
    }
}
