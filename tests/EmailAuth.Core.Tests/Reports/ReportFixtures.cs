using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>Sample and hostile report files: the shipped samples, the static hostile fixtures, and the binary ones made at test time.</summary>
    internal sealed class ReportFixtures : IDisposable
    {
        public ReportFixtures()
        {
            Directory = Path.Combine(Path.GetTempPath(), "emailauth-reports-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
        }

        /// <summary>A scratch directory removed on Dispose.</summary>
        public string Directory { get; }

        public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", "reports", name);
        public static string Hostile(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "reports", "hostile", name);

        public string Write(string name, byte[] content)
        {
            var path = Path.Combine(Directory, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

        public static byte[] Gzip(byte[] data)
        {
            using var output = new MemoryStream();
            using (var gz = new GZipStream(output, CompressionLevel.Optimal)) gz.Write(data, 0, data.Length);
            return output.ToArray();
        }

        /// <summary>A gzip of <paramref name="megabytes"/> MiB of one repeated XML-looking byte (about 1000:1), written without holding it in memory.</summary>
        public string GzipBomb(string name, int megabytes)
        {
            var path = Path.Combine(Directory, name);
            var chunk = new byte[1024 * 1024];
            Encoding.ASCII.GetBytes("<feedback>").CopyTo(chunk, 0);
            for (var i = 10; i < chunk.Length; i++) chunk[i] = (byte)' ';
            using (var file = File.Create(path))
            using (var gz = new GZipStream(file, CompressionLevel.Optimal))
            {
                gz.Write(chunk, 0, chunk.Length);
                Array.Fill(chunk, (byte)' ');
                for (var i = 1; i < megabytes; i++) gz.Write(chunk, 0, chunk.Length);
            }
            return path;
        }

        public string Zip(string name, Action<ZipArchive> fill)
        {
            var path = Path.Combine(Directory, name);
            using (var file = File.Create(path))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
                fill(zip);
            return path;
        }

        public static void AddEntry(ZipArchive zip, string name, byte[] content)
        {
            var entry = zip.CreateEntry(name);
            using var s = entry.Open();
            s.Write(content, 0, content.Length);
        }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }
}
