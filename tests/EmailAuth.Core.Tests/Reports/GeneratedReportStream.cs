using System;
using System.IO;
using System.Text;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>An aggregate report of N rows produced on demand, never held whole (for memory tests and the benchmark).</summary>
    internal sealed class GeneratedReportStream : Stream
    {
        private readonly int _rows;
        private int _next;
        private byte[] _pending;
        private int _offset;
        private bool _closed;

        public GeneratedReportStream(int rows, string reportId = "gen-1")
        {
            _rows = rows;
            _pending = Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\"?>\n<feedback xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\"><version>1.0</version><report_metadata><org_name>gen.example</org_name>" +
                "<email>r@gen.example</email><report_id>" + reportId + "</report_id><date_range><begin>1793491200</begin><end>1793577599</end></date_range>" +
                "</report_metadata><policy_published><domain>example.com</domain><p>none</p><sp>none</sp><adkim>r</adkim><aspf>r</aspf></policy_published>\n");
        }

        public long BytesProduced { get; private set; }

        private byte[] NextChunk()
        {
            if (_next >= _rows)
            {
                if (_closed) return Array.Empty<byte>();
                _closed = true;
                return Encoding.UTF8.GetBytes("</feedback>\n");
            }
            var i = _next++;
            return Encoding.UTF8.GetBytes(
                $"<record><row><source_ip>198.51.{(i >> 8) & 255}.{i & 255}</source_ip><count>{i % 97 + 1}</count><policy_evaluated><disposition>none</disposition>" +
                $"<dkim>{(i % 3 == 0 ? "fail" : "pass")}</dkim><spf>pass</spf></policy_evaluated></row><identifiers><envelope_from>bounce.example.com</envelope_from>" +
                "<header_from>example.com</header_from></identifiers><auth_results><dkim><domain>example.com</domain><selector>s1</selector>" +
                "<result>pass</result></dkim><spf><domain>bounce.example.com</domain><result>pass</result></spf></auth_results></record>\n");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = NextChunk();
                _offset = 0;
                if (_pending.Length == 0) return 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Buffer.BlockCopy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesProduced += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesProduced; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
