using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// Answers only from RFC 1035 master files (offline audits, pre-flight checks), as an authoritative
    /// server for the loaded zones would: NXDOMAIN for a name with no records at or below it, NODATA for an
    /// existing name without the asked type. A name outside every loaded zone is NXDOMAIN too: offline there
    /// is no other source to ask, and the files are the whole DNS the audit is allowed to see.
    /// </summary>
    public sealed class ZoneFileResolver : IDnsResolver
    {
        private readonly RecordSetResolver _records;
        private readonly string _source;

        private ZoneFileResolver(IReadOnlyList<DnsRecord> records, string source, IReadOnlyList<string> zones,
                                 IReadOnlyList<ZoneFileSoa> soas, IReadOnlyList<string> warnings)
        {
            _records = new RecordSetResolver(records, source);
            _source = source;
            Records = records;
            Zones = zones;
            Soas = soas;
            Warnings = warnings;
        }

        /// <summary>The apex of each loaded file's zone (<see cref="ZoneFileContent.Zone"/>).</summary>
        public IReadOnlyList<string> Zones { get; }

        /// <summary>Every record read, duplicates across files removed.</summary>
        public IReadOnlyList<DnsRecord> Records { get; }

        /// <summary>The SOA of each loaded zone.</summary>
        public IReadOnlyList<ZoneFileSoa> Soas { get; }

        /// <summary>"file:line: ..." notes, e.g. records of types EmailAuth does not model, which were skipped, or "file: no records"
        /// for an empty file. Hosts show them once per load (the cmdlets write them as warnings).</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>
        /// Reads the files; a syntax error throws <see cref="ZoneFileException"/> naming file and line. Each file's
        /// initial origin comes from its name (<see cref="ZoneFileParser.OriginFromFileName"/>) unless it sets $ORIGIN.
        /// </summary>
        public static ZoneFileResolver Load(IEnumerable<string> paths) => Load(paths, CancellationToken.None);

        /// <summary>As <see cref="Load(IEnumerable{string})"/>; cancellation ends the reading with <see cref="OperationCanceledException"/>.</summary>
        public static ZoneFileResolver Load(IEnumerable<string> paths, CancellationToken cancellationToken)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            var list = paths.ToList();
            if (list.Count == 0) throw new ArgumentException("at least one zone file is needed", nameof(paths));
            var contents = list.Select(p => ZoneFileParser.ParseFile(p, null, cancellationToken)).ToList();
            var zones = contents.Select(c => c.Zone).Distinct(DnsName.Comparer).ToList();
            return new ZoneFileResolver(ZoneFileRecordKey.Distinct(contents.SelectMany(c => c.Records)),
                                        "zonefile:" + string.Join(", ", list), zones,
                                        contents.SelectMany(c => c.Soas).ToList(), contents.SelectMany(c => c.Warnings).ToList());
        }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            cancellationToken.ThrowIfCancellationRequested();
            var query = DnsName.Normalize(name);
            // Ancestors of a zone apex ("com" above "example.com") exist only as empty non-terminals of the
            // record set; they are outside every loaded zone, so NXDOMAIN like any other outside name.
            if (!Zones.Any(z => ZoneFileName.IsAtOrBelow(query, z)))
                return Task.FromResult(new DnsAnswer(query, type, DnsAnswerStatus.NxDomain, server: _source));
            return _records.QueryAsync(query, type, cancellationToken);
        }
    }

    /// <summary>A master file that cannot be read; the message names the file and line.</summary>
    public sealed class ZoneFileException : Exception
    {
        public ZoneFileException(string message, string? path = null, int line = 0) : base(message)
        {
            Path = path;
            Line = line;
        }

        public string? Path { get; }
        public int Line { get; }

        /// <summary>"path:line: message".</summary>
        internal static ZoneFileException At(string path, int line, string message) =>
            new ZoneFileException($"{path}:{line}: {message}", path, line);
    }
}
