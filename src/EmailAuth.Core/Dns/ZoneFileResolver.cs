using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>Answers only from RFC 1035 master files (offline audits, pre-flight checks). (Skeleton.)</summary>
    public sealed class ZoneFileResolver : IDnsResolver
    {
        private readonly RecordSetResolver _records;

        private ZoneFileResolver(RecordSetResolver records) => _records = records;

        /// <summary>Reads the files; a syntax error throws <see cref="ZoneFileException"/> naming file and line.</summary>
        public static ZoneFileResolver Load(IEnumerable<string> paths) => throw new NotImplementedException();

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
            => _records.QueryAsync(name, type, cancellationToken);
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
    }
}
