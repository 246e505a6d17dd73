using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>The STS TXT record at _mta-sts.&lt;domain&gt; (RFC 8461 §3.1), parsed.</summary>
    public sealed class MtaStsTxtRecord
    {
        // RFC 8461 §3.1: sts-id = %s"id=" 1*32(ALPHA / DIGIT); extension names and values.
        private static readonly Regex IdValue = new Regex("^[A-Za-z0-9]{1,32}$", RegexOptions.CultureInvariant);
        private static readonly Regex ExtName = new Regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant);
        private static readonly Regex ExtValue = new Regex(@"^[\x21-\x3A\x3C\x3E-\x7E]+$", RegexOptions.CultureInvariant);

        private MtaStsTxtRecord(string id, IReadOnlyDictionary<string, string> extensions)
        {
            Id = id;
            Extensions = extensions;
        }

        /// <summary>The policy instance id; a change tells senders to fetch the policy again.</summary>
        public string Id { get; }
        /// <summary>Unknown fields, ignored by senders (RFC 8461 §3.1).</summary>
        public IReadOnlyDictionary<string, string> Extensions { get; }

        /// <summary>True when a TXT record is an STS record candidate: it begins with "v=STSv1" (§3.1; others are discarded).</summary>
        public static bool IsStsCandidate(string text) => text.StartsWith("v=STSv1", System.StringComparison.Ordinal);

        /// <summary>Parses one record; null with <paramref name="error"/> when it does not follow the §3.1 grammar.</summary>
        public static MtaStsTxtRecord? Parse(string text, out string? error)
        {
            error = null;
            // sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]; field-delim = *WSP ";" *WSP.
            var fields = text.Split(';');
            if (fields.Length > 64) { error = "more than 64 fields"; return null; }
            if (fields[0].TrimEnd(' ', '\t') != "v=STSv1") { error = "it must begin with \"v=STSv1\" (case-sensitive)"; return null; }
            string? id = null;
            var extensions = new Dictionary<string, string>();
            for (var i = 1; i < fields.Length; i++)
            {
                var field = fields[i].Trim(' ', '\t');
                if (field.Length == 0)
                {
                    if (i == fields.Length - 1) break; // one trailing delimiter is allowed
                    error = "an empty field (\";;\")"; return null;
                }
                var eq = field.IndexOf('=');
                if (eq <= 0) { error = $"field '{field}' is not name=value"; return null; }
                var name = field.Substring(0, eq);
                var value = field.Substring(eq + 1);
                if (name == "id")
                {
                    if (id != null) { error = "id= appears twice"; return null; }
                    if (!IdValue.IsMatch(value)) { error = $"id '{value}' must be 1 to 32 letters and digits"; return null; }
                    id = value;
                }
                else if (name == "v") { error = "v= appears twice"; return null; }
                else
                {
                    if (!ExtName.IsMatch(name) || !ExtValue.IsMatch(value)) { error = $"field '{field}' is not a valid extension"; return null; }
                    extensions[name] = value;
                }
            }
            if (id == null) { error = "the required id= field is missing"; return null; }
            return new MtaStsTxtRecord(id, extensions);
        }
    }
}
