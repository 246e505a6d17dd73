using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Input;
using EmailAuth.Core.Tests.Reports;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// "ingest [--mb N] [--file-mb M] [--xml-only] [--keep]": generates a set of DMARC aggregate reports of about N MB of XML
    /// (files of about M MB, every other one gzip-compressed) in a temporary folder, then reads them the way
    /// Import-DmarcReport does (ReportInputReader → DmarcAggregateReportParser, every row touched) and prints MB/s over
    /// the XML bytes, rows/s, the peak working set and the largest managed heap seen. Run it at 200 and 400 MB in two
    /// processes to see memory stay flat as the size doubles. The files are deleted afterwards unless --keep (to time
    /// Import-DmarcReport itself on them).
    /// </summary>
    internal static class ReportIngestBenchmark
    {
        /// <summary>Bytes of one generated row (GeneratedReportStream), to size the files.</summary>
        private const int RowBytes = 420;

        public static int Run(string[] args)
        {
            var totalMb = Int(args, "--mb", 200);
            var fileMb = Int(args, "--file-mb", 4);
            var dir = Path.Combine(Path.GetTempPath(), "emailauth-ingest-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var files = Math.Max(1, totalMb / fileMb);
                var rowsPerFile = fileMb * 1024 * 1024 / RowBytes;
                long xmlBytes = 0;
                for (var i = 0; i < files; i++)
                {
                    var gzip = i % 2 == 1;
                    var path = Path.Combine(dir, $"report{i:D4}.xml" + (gzip ? ".gz" : string.Empty));
                    using var source = new GeneratedReportStream(rowsPerFile, $"gen-{i}");
                    using (var file = File.Create(path))
                    {
                        if (gzip)
                            using (var gz = new GZipStream(file, CompressionLevel.Fastest)) source.CopyTo(gz);
                        else source.CopyTo(file);
                    }
                    xmlBytes += source.BytesProduced;
                }
                var onDisk = Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length);
                Console.WriteLine($"generated {files} files ({files / 2} gzip): {xmlBytes / 1e6:F1} MB of XML, {onDisk / 1e6:F1} MB on disk");

                // Warm-up: JIT on one file, not counted.
                Ingest(Directory.GetFiles(dir).Take(1).ToArray(), out _, out _);
                GC.Collect();

                if (Array.IndexOf(args, "--xml-only") >= 0)
                {
                    // The floor: the same files through ReportInputReader and a bare XmlReader.Read() loop, no rows built.
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var sw0 = Stopwatch.StartNew();
                    long nodes = 0;
                    foreach (var path in Directory.GetFiles(dir))
                        foreach (var part in new ReportInputReader().Open(path))
                            using (part)
                            using (var x = System.Xml.XmlReader.Create(part.Stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreWhitespace = true }))
                                while (x.Read()) nodes++;
                    var cpuXml = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "XmlReader alone: {0:N0} nodes in {1:F2} s, {2:F1} MB/s wall, {3:F1} MB per CPU-second",
                        nodes, sw0.Elapsed.TotalSeconds, xmlBytes / 1e6 / sw0.Elapsed.TotalSeconds, xmlBytes / 1e6 / cpuXml));
                }

                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var rows = Ingest(Directory.GetFiles(dir).OrderBy(f => f, StringComparer.Ordinal).ToArray(), out var messages, out var maxHeap);
                sw.Stop();
                var seconds = sw.Elapsed.TotalSeconds;
                // CPU time too: on a shared machine the wall clock also counts the time other processes had the cores.
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var peak = Process.GetCurrentProcess().PeakWorkingSet64;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "ingested {0:N0} rows ({1:N0} messages) in {2:F2} s: {3:F1} MB/s of XML, {4:N0} rows/s",
                    rows, messages, seconds, xmlBytes / 1e6 / seconds, rows / seconds));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "CPU time {0:F2} s (all threads, GC included): {1:F1} MB of XML per CPU-second", cpu, xmlBytes / 1e6 / cpu));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "peak working set {0:F1} MB, largest managed heap after a file {1:F1} MB", peak / 1e6, maxHeap / 1e6));
                return 0;
            }
            finally
            {
                if (Array.IndexOf(args, "--keep") < 0) Directory.Delete(dir, recursive: true);
                else Console.WriteLine($"kept {dir}");
            }
        }

        /// <summary>Every row of every file, read as the cmdlet reads them; fields touched so nothing is optimised away.</summary>
        private static long Ingest(string[] files, out long messages, out long maxHeap)
        {
            var reader = new ReportInputReader();
            var parser = new DmarcAggregateReportParser();
            long rows = 0;
            messages = 0;
            maxHeap = 0;
            foreach (var path in files)
            {
                foreach (var part in reader.Open(path))
                {
                    using (part)
                    {
                        foreach (var row in parser.Parse(part.Stream, part.SourceFile, part.Entry))
                        {
                            rows++;
                            messages += row.Count;
                            if (row.Aligned && row.SourceIP.Length == 0) throw new InvalidOperationException();
                        }
                        part.ReadToEnd();
                    }
                }
                maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
            }
            return rows;
        }

        private static int Int(string[] args, string name, int fallback) =>
            Value(args, name) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        private static string? Value(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
