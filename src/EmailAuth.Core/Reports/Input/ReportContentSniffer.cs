namespace EmailAuth.Core.Reports.Input
{
    /// <summary>Tells formats by their first bytes: gzip and zip by magic number, XML and JSON by their first character.</summary>
    internal static class ReportContentSniffer
    {
        /// <summary>Bytes read ahead to decide.</summary>
        public const int HeadLength = 512;

        /// <summary>RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b.</summary>
        public static bool IsGzip(byte[] head, int length) => length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

        /// <summary>PKWARE APPNOTE 4.3.7 local file header "PK\x03\x04", or the end record "PK\x05\x06" of an empty archive.</summary>
        public static bool IsZip(byte[] head, int length) =>
            length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' &&
            ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));

        public static ReportContentKind Kind(byte[] head, int length)
        {
            int i = 0, step = 1;
            if (length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) i = 3;           // UTF-8 BOM
            else if (length >= 2 && head[0] == 0xFF && head[1] == 0xFE) { i = 2; step = 2; }           // UTF-16LE: ASCII at even offsets
            else if (length >= 2 && head[0] == 0xFE && head[1] == 0xFF) { i = 3; step = 2; }           // UTF-16BE: ASCII at odd offsets
            for (; i < length; i += step)
            {
                var b = head[i];
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                if (b == '<') return ReportContentKind.Xml;
                if (b == '{' || b == '[') return ReportContentKind.Json;
                return ReportContentKind.Unknown;
            }
            return ReportContentKind.Unknown;
        }

        /// <summary>
        /// An Internet message: its first line is a header field, "Name: value" (RFC 5322 §2.2; names restricted here to
        /// letters, digits and '-', as real header names are, so that JSON or XML is never taken for one); used when the
        /// name does not end in .eml.
        /// </summary>
        public static bool LooksLikeMessage(byte[] head, int length)
        {
            for (var i = 0; i < length; i++)
            {
                var b = head[i];
                if (b == ':') return i > 0 && i + 1 < length && (head[i + 1] == ' ' || head[i + 1] == '\t');
                var letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
                if (!(letter || (i > 0 && (b == '-' || (b >= '0' && b <= '9'))))) return false;
            }
            return false;
        }
    }
}
