using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// What kind of file system object a path names. Only regular files are read: a character device
    /// (/dev/zero, /dev/urandom) reports length 0 and never ends, and opening a FIFO blocks until a
    /// writer appears, so neither may reach the reader. .NET reports both as FileAttributes.Normal,
    /// hence stat(2) through the runtime's own System.Native shim on Unix.
    /// </summary>
    internal static class ZoneFileKind
    {
        /// <summary>Null for a regular file, a missing path or a type that cannot be told; else e.g. "a FIFO (named pipe)".</summary>
        public static string? NotRegular(string fullPath)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return NotRegularWindows(fullPath);
            var mode = UnixMode(fullPath);
            if (mode == null) return null;
            switch (mode.Value & S_IFMT)
            {
                case S_IFREG: return null;
                case S_IFDIR: return "a directory";
                case S_IFCHR: return "a character device";
                case S_IFBLK: return "a block device";
                case S_IFIFO: return "a FIFO (named pipe)";
                case S_IFSOCK: return "a socket";
                default: return $"file type 0x{mode.Value & S_IFMT:x}";
            }
        }

        private static string? NotRegularWindows(string fullPath)
        {
            // Device names (NUL, CON, \\.\pipe\x) do not exist as files; directories do.
            if (Directory.Exists(fullPath)) return "a directory";
            try
            {
                return File.Exists(fullPath) && (File.GetAttributes(fullPath) & FileAttributes.Device) != 0 ? "a device" : null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null; // the reader reports it when opening
            }
        }

        // POSIX file-type bits of st_mode; System.Native returns them unchanged (its PAL_S_IF* equal these).
        private const int S_IFMT = 0xF000, S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000,
                          S_IFBLK = 0x6000, S_IFREG = 0x8000, S_IFSOCK = 0xC000;

        private static bool _noShim;

        /// <summary>st_mode after following symbolic links, or null when stat fails or the shim is missing.</summary>
        private static int? UnixMode(string path)
        {
            if (_noShim) return null;
            // FileStatus starts { int32 Flags; int32 Mode; ... } in every .NET Core/.NET release; the
            // buffer is larger than the whole struct so fields added at its end cannot overrun it.
            var status = new byte[512];
            try
            {
                return SystemNativeStat(path, status) == 0 ? BitConverter.ToInt32(status, 4) : (int?)null;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                // Not .NET (Core) on Unix: the capped reader still bounds devices; FIFOs stay cancellable.
                _noShim = true;
                return null;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false)]
        private static extern int SystemNativeStat(string path, byte[] status);
    }
}
