using System;
using System.IO;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>A scratch folder of zone files, deleted on dispose.</summary>
    internal sealed class TempZoneDir : IDisposable
    {
        public TempZoneDir()
        {
            Root = Path.Combine(Path.GetTempPath(), "emailauth-zones-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        /// <summary>Writes a file (folders created) and returns its full path.</summary>
        public string Write(string relative, params string[] lines)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return path;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
