using System.Collections.Generic;

namespace EmailAuth.Core.Spf
{
    /// <summary>A parsed SPF record (immutable; shared through <see cref="SpfRecordCache"/>).</summary>
    internal sealed class SpfRecord
    {
        public SpfRecord(string text, IReadOnlyList<SpfTerm> terms, IReadOnlyList<SpfSyntaxError> errors)
        {
            Text = text;
            Terms = terms;
            Errors = errors;
            var mechanisms = new List<SpfTerm>(terms.Count);
            foreach (var t in terms)
            {
                if (t.Type.IsMechanism()) mechanisms.Add(t);
                if (t.Type == SpfTermType.All) HasAll = true;
                else if (t.Type == SpfTermType.Redirect && Redirect == null) Redirect = t;
                else if (t.Type == SpfTermType.Exp && Exp == null) Exp = t;
            }
            Mechanisms = mechanisms.ToArray();
        }

        public string Text { get; }
        /// <summary>The well-formed terms, in record order (terms with errors are left out).</summary>
        public IReadOnlyList<SpfTerm> Terms { get; }
        /// <summary>Mechanisms in order of evaluation.</summary>
        public SpfTerm[] Mechanisms { get; }
        public SpfTerm? Redirect { get; }
        public SpfTerm? Exp { get; }
        public bool HasAll { get; }
        /// <summary>Every syntax error found (check_host stops at the first: §4.6 permerror).</summary>
        public IReadOnlyList<SpfSyntaxError> Errors { get; }
        public SpfSyntaxError? Error => Errors.Count > 0 ? Errors[0] : null;
        public bool IsValid => Errors.Count == 0;

        private SpfRedundantTerms? _redundancy;

        /// <summary>
        /// The duplicate/shadowed-term analysis, made once per record: a parsed record is shared by every domain that
        /// publishes or includes the same text (a bulk audit lints the same include records over and over).
        /// </summary>
        public SpfRedundantTerms Redundancy => _redundancy ??= SpfRedundantTerms.Analyse(Terms);
    }
}
