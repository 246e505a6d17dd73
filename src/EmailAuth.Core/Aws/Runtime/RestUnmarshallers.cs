using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// REST-JSON answers (SESv2). The error code comes from x-amzn-ErrorType (or the body's
    /// __type/code): the SDK retries throttling only when the code names it (TooManyRequestsException),
    /// a bare 429 is not retried (AWS-NOTES.md). On the error path the body is in the context's stream.
    /// </summary>
    internal sealed class RestJsonUnmarshaller : JsonResponseUnmarshaller
    {
        public static RestJsonUnmarshaller Instance { get; } = new RestJsonUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context) =>
            RestResponse.From(context.ResponseData, context.Stream);

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var body = SafeRead(context.Stream);
            string? code = context.ResponseData.GetHeaderValue("x-amzn-ErrorType");
            string? message = null;
            try
            {
                if (body.Length > 0)
                {
                    using var doc = JsonDocument.Parse(body);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var p in doc.RootElement.EnumerateObject())
                        {
                            if (p.Value.ValueKind != JsonValueKind.String) continue;
                            if (p.NameEquals("message") || p.NameEquals("Message")) message = p.Value.GetString();
                            else if (string.IsNullOrEmpty(code) && (p.NameEquals("__type") || p.NameEquals("code"))) code = p.Value.GetString();
                        }
                    }
                }
            }
            catch (JsonException) { /* not JSON: keep the status code as the only information */ }
            return ErrorMapping.Create(NormalizeCode(code), message, context.ResponseData.GetHeaderValue("x-amzn-RequestId"), statusCode, innerException);
        }

        /// <summary>"NotFoundException:http://..." or "aws.sesv2#NotFoundException" → "NotFoundException".</summary>
        internal static string? NormalizeCode(string? code)
        {
            if (string.IsNullOrEmpty(code)) return null;
            var c = code!;
            var colon = c.IndexOf(':');
            if (colon >= 0) c = c.Substring(0, colon);
            var hash = c.LastIndexOf('#');
            if (hash >= 0) c = c.Substring(hash + 1);
            return c.Trim();
        }

        private static byte[] SafeRead(System.IO.Stream? s)
        {
            try { return RestResponse.ReadBody(s); }
            catch (Exception e) when (e is System.IO.IOException || e is InvalidOperationException || e is NotSupportedException) { return Array.Empty<byte>(); }
        }
    }

    /// <summary>
    /// REST-XML answers (Route 53). Errors are
    /// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;.
    /// </summary>
    internal sealed class RestXmlUnmarshaller : XmlResponseUnmarshaller
    {
        public static RestXmlUnmarshaller Instance { get; } = new RestXmlUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context) =>
            RestResponse.From(context.ResponseData, context.Stream);

        public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            string? code = null, message = null, requestId = context.ResponseData.GetHeaderValue("x-amzn-RequestId");
            try
            {
                var body = RestResponse.ReadBody(context.Stream);
                if (body.Length > 0)
                {
                    var doc = SafeXml.Load(body);
                    var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                    code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                    message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
                    if (error == null && doc.Root != null && doc.Root.Name.LocalName != "ErrorResponse")
                    {
                        // Route 53 may answer a refused batch as <InvalidChangeBatch><Messages><Message/>…: the root names the error.
                        code = doc.Root.Name.LocalName;
                        message = string.Join("; ", doc.Root.Descendants().Where(e => e.Name.LocalName == "Message" && !e.HasElements).Select(e => e.Value));
                    }
                    requestId = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value ?? requestId;
                }
            }
            catch (Exception e) when (e is System.Xml.XmlException || e is System.IO.IOException || e is InvalidOperationException || e is NotSupportedException)
            {
                /* not XML: keep the status code as the only information */
            }
            return ErrorMapping.Create(string.IsNullOrWhiteSpace(code) ? null : code!.Trim(), message, requestId, statusCode, innerException);
        }
    }

    internal static class ErrorMapping
    {
        public static AmazonServiceException Create(string? code, string? message, string? requestId, HttpStatusCode status, Exception inner)
        {
            var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            var text = string.IsNullOrEmpty(message) ? $"HTTP {(int)status} {status}" : message!;
            return new AmazonServiceException(text, inner, type, code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), requestId, status);
        }
    }
}
