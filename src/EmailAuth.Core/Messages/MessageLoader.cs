using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MimeKit;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Reads a message with MimeKit (RFC 5322, RFC 2045) within <see cref="MaxBytes"/>: a larger input is refused
    /// before parsing, so a mistaken multi-gigabyte file costs nothing. Input without any header field is refused too
    /// (MimeKit reads almost any bytes as a body).
    /// </summary>
    internal static class MessageLoader
    {
        /// <summary>50 MB: above the largest messages common providers accept (Gmail 25 MB, Exchange Online up to 150 MB as MIME is rare).</summary>
        public const long MaxBytes = 50L * 1024 * 1024;

        public static async Task<MimeMessage> LoadFileAsync(string path, CancellationToken cancellationToken)
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new MessageLoadException($"The message file '{path}' does not exist.");
            if (info.Length > MaxBytes)
                throw new MessageLoadException($"The message file '{path}' is {info.Length / (1024 * 1024)} MB; at most {MaxBytes / (1024 * 1024)} MB is read.");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
            return await LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        public static Task<MimeMessage> LoadTextAsync(string raw, CancellationToken cancellationToken)
        {
            // Header fields are ASCII (RFC 5322) or UTF-8 (RFC 6532); a pasted message round-trips through UTF-8.
            var bytes = Encoding.UTF8.GetBytes(raw ?? string.Empty);
            if (bytes.LongLength > MaxBytes)
                throw new MessageLoadException($"The message is {bytes.LongLength / (1024 * 1024)} MB; at most {MaxBytes / (1024 * 1024)} MB is read.");
            return LoadAsync(new MemoryStream(bytes, writable: false), cancellationToken);
        }

        private static async Task<MimeMessage> LoadAsync(Stream stream, CancellationToken cancellationToken)
        {
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                throw new MessageLoadException($"It is not an RFC 5322 message: {e.Message}", e);
            }
            if (message.Headers.Count == 0 || !message.Headers.Any(h => h.Id == HeaderId.From || h.Id == HeaderId.Received || h.Id == HeaderId.Date
                                                                      || h.Id == HeaderId.MessageId || h.Id == HeaderId.DkimSignature || h.Id == HeaderId.Subject))
                throw new MessageLoadException("It is not an RFC 5322 message: it has none of the header fields a message carries (From, Date, Received, Message-ID, Subject, DKIM-Signature).");
            return message;
        }
    }
}
