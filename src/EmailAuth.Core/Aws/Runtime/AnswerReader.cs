using System;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>An answer we cannot read is an <see cref="AwsException"/> naming the operation, never a parser's exception.</summary>
    internal static class AnswerReader
    {
        public static T Read<T>(string service, string operation, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (Exception e) when (e is FormatException || e is System.Text.Json.JsonException || e is System.Xml.XmlException
                                      || e is InvalidOperationException || e is ArgumentException)
            {
                throw new AwsException(service, operation, null, null, null, $"{service} {operation}: the answer could not be read ({e.Message}).");
            }
        }
    }
}
