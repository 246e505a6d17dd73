using System.IO;
using System.Xml;
using System.Xml.Linq;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>XML from the network is read with DTDs prohibited and no resolver (no entity expansion, no fetches).</summary>
    internal static class SafeXml
    {
        private static readonly XmlReaderSettings Settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = RestResponse.MaxBodyBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        public static XDocument Load(byte[] body)
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return XDocument.Load(reader);
        }
    }
}
