using System;
using System.Collections.Generic;
using System.IO;
using EmailAuth.Core.Domains;

namespace EmailAuth.Internal
{
    /// <summary>
    /// -PublicSuffixListPath: a list file read once per (path, size, write time) for the session, so a pipeline of
    /// many cmdlets does not parse 300 KB each time, and an edited file is read again.
    /// </summary>
    internal static class PublicSuffixListLoader
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, PublicSuffixList> Loaded = new Dictionary<string, PublicSuffixList>(StringComparer.Ordinal);

        /// <summary>Throws IOException, UnauthorizedAccessException or InvalidDataException with a message naming the file.</summary>
        public static PublicSuffixList Load(string fullPath)
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists) throw new FileNotFoundException($"The Public Suffix List file '{fullPath}' does not exist.", fullPath);
            var key = $"{fullPath}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
            lock (Gate)
            {
                if (Loaded.TryGetValue(key, out var cached)) return cached;
            }
            var list = PublicSuffixList.Load(fullPath); // outside the lock: file I/O
            lock (Gate)
            {
                if (Loaded.Count > 16) Loaded.Clear();
                Loaded[key] = list;
            }
            return list;
        }
    }
}
