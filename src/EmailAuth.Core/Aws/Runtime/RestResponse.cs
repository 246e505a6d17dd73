using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>A successful answer: its headers and body, parsed afterwards by the typed client.</summary>
    internal sealed class RestResponse : AmazonWebServiceResponse
    {
        /// <summary>Bound on a body we read into memory; the answers we ask for are a few kilobytes.</summary>
        public const int MaxBodyBytes = 16 * 1024 * 1024;

        public byte[] Body { get; private set; } = Array.Empty<byte>();

        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public static RestResponse From(IWebResponseData data, Stream? body)
        {
            var response = new RestResponse { Body = ReadBody(body), HttpStatusCode = data.StatusCode };
            foreach (var name in data.GetHeaderNames()) response.Headers[name] = data.GetHeaderValue(name);
            return response;
        }

        public static byte[] ReadBody(Stream? body)
        {
            if (body == null) return Array.Empty<byte>();
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = body.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                    throw new InvalidDataException($"The response body is larger than {MaxBodyBytes} bytes.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
