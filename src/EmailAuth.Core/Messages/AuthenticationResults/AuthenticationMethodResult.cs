using System.Collections.Specialized;
using System.Text;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// One resinfo of an Authentication-Results header (RFC 8601 §2.2): "method[/version]=result
    /// [reason=...] ptype.property=value ...", e.g. <c>spf=pass smtp.mailfrom=example.net</c>.
    /// </summary>
    public sealed class AuthenticationMethodResult
    {
        internal AuthenticationMethodResult(string method, int? methodVersion, string result, string? reason,
                                            OrderedDictionary properties, string? comment)
        {
            Method = method;
            MethodVersion = methodVersion;
            Result = result;
            Reason = reason;
            Properties = properties.AsReadOnly();
            Comment = comment;
        }

        /// <summary>The method in lower case (keywords are case-insensitive, RFC 8601 §2.2): spf, dkim, dmarc, arc, ...</summary>
        public string Method { get; }
        /// <summary>The "/1" after the method, or null when absent (version 1 is then implied, RFC 8601 §2.2).</summary>
        public int? MethodVersion { get; }
        /// <summary>The result keyword in lower case: pass, fail, softfail, neutral, none, temperror, permerror, policy, ...</summary>
        public string Result { get; }
        /// <summary>The reason= value (RFC 8601 §2.2 reasonspec), unquoted.</summary>
        public string? Reason { get; }
        /// <summary>
        /// "ptype.property" (lower case) → value in header order, e.g. smtp.mailfrom, header.d, header.i,
        /// header.s, header.from, policy.dmarc. Keys are case-insensitive. A name=value without a ptype
        /// (written by some receivers) is kept under its bare name.
        /// </summary>
        public OrderedDictionary Properties { get; }
        /// <summary>The comments inside this resinfo (e.g. "(good signature)"), joined with "; ".</summary>
        public string? Comment { get; }

        /// <summary>The value of one "ptype.property" (case-insensitive), or null.</summary>
        public string? GetProperty(string name) => Properties[name] as string;

        /// <summary>The resinfo in canonical form: <c>dkim=pass reason="..." header.d=example.com</c>.</summary>
        public override string ToString()
        {
            var text = new StringBuilder(Method);
            if (MethodVersion != null) text.Append('/').Append(MethodVersion.Value);
            text.Append('=').Append(Result);
            if (Reason != null) text.Append(" reason=").Append(AuthResValue.Format(Reason));
            foreach (System.Collections.DictionaryEntry p in Properties)
                text.Append(' ').Append(p.Key).Append('=').Append(AuthResValue.Format((string)p.Value!));
            return text.ToString();
        }
    }
}
