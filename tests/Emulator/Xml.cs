using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EmailAuth.Emulator
{
    internal static class Xml
    {
        private static readonly XmlReaderSettings Safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

        public static XDocument Load(byte[] body)
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Safe);
            return XDocument.Load(reader);
        }

        public static EmulatorResponse Answer(XElement root, int status = 200)
        {
            var text = root.ToString(SaveOptions.DisableFormatting);
            return new EmulatorResponse { Status = status, Body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n" + text), ContentType = "text/xml" };
        }

        /// <summary>The REST-XML / query error shape: ErrorResponse/Error/{Type,Code,Message}, RequestId.</summary>
        public static EmulatorResponse Error(XNamespace ns, int status, string code, string message, string requestId)
        {
            var root = new XElement(ns + "ErrorResponse",
                new XElement(ns + "Error",
                    new XElement(ns + "Type", status >= 500 ? "Receiver" : "Sender"),
                    new XElement(ns + "Code", code),
                    new XElement(ns + "Message", message)),
                new XElement(ns + "RequestId", requestId));
            var r = Answer(root, status);
            return new EmulatorResponse { Status = status, Body = r.Body, ContentType = r.ContentType, ErrorCode = code };
        }
    }
}
