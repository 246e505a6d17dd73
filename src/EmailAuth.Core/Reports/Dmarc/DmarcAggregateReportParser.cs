using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using System.Xml;

namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>
    /// Streams the rows of a DMARC aggregate report (RFC 7489 appendix C; RFC 9990 §3 and its schema, namespace
    /// urn:ietf:params:xml:ns:dmarc-2.0) one &lt;record&gt; at a time with an XmlReader, so memory stays flat whatever
    /// the report's size. Element names are matched whatever their namespace (reporters use none, the old
    /// dmarc.org one and the RFC 9990 one). Hostile input: no DTD (so no entity expansion, no external entity),
    /// no resolver, bounded characters and depth. A row with a bad source_ip or count is skipped with a warning; the
    /// document failing (not well-formed, cut short) throws after the rows before it were yielded.
    /// </summary>
    public sealed class DmarcAggregateReportParser
    {
        /// <summary>RFC 9990 §3 (appendix A schema) target namespace.</summary>
        public const string Rfc9990Namespace = "urn:ietf:params:xml:ns:dmarc-2.0";

        private readonly DmarcReportParserOptions _options;

        public DmarcAggregateReportParser(DmarcReportParserOptions? options = null) => _options = options ?? new DmarcReportParserOptions();

        /// <summary>
        /// Some reporters declare encoding="windows-1252"; .NET (Core) knows only the Unicode encodings and Latin-1 unless
        /// the code-page provider is registered (pwsh registers it; other hosts may not). It ships with the runtime,
        /// so it is registered here by name, with no package reference; on .NET Framework every code page is built in.
        /// </summary>
        static DmarcAggregateReportParser()
        {
            try
            {
                var type = Type.GetType("System.Text.CodePagesEncodingProvider, System.Text.Encoding.CodePages", throwOnError: false);
                if (type?.GetProperty("Instance")?.GetValue(null) is System.Text.EncodingProvider provider)
                    System.Text.Encoding.RegisterProvider(provider);
            }
            catch (Exception e) when (e is System.IO.FileLoadException || e is System.Reflection.TargetInvocationException || e is TypeLoadException)
            {
                // Without it a windows-1252 report is an XmlException naming the encoding, reported as unreadable.
            }
        }

        /// <summary>Report metadata and policy_published, shared by every row of one report.</summary>
        private sealed class Header
        {
            public bool HasMetadata, HasPolicy;
            public string? Version, Namespace;
            public string OrgName = string.Empty, ReportId = string.Empty;
            public string? Email, ExtraContactInfo, Generator;
            public DateTimeOffset Begin, End;
            public List<string> Errors = new List<string>();
            public DmarcReportPublishedPolicy Policy = new DmarcReportPublishedPolicy();
        }

        /// <summary>Warnings of one report: the first few written, the rest counted.</summary>
        private sealed class Warnings
        {
            private readonly Action<string>? _sink;
            private readonly int _max;
            private readonly string _name;
            public int Count;
            public Warnings(Action<string>? sink, int max, string name) { _sink = sink; _max = max; _name = name; }
            public void Add(string message)
            {
                if (++Count <= _max) _sink?.Invoke($"{_name}: {message}");
            }
            public void Flush()
            {
                if (Count > _max) _sink?.Invoke($"{_name}: {Count - _max} more warnings not shown ({Count} in all).");
            }
        }

        /// <summary>
        /// The rows of one report, lazily. <paramref name="warning"/> receives notes on skipped rows and odd values
        /// (on the caller's thread, during enumeration). Throws <see cref="DmarcReportFormatException"/> when the
        /// document cannot be read on; rows already yielded stay valid.
        /// </summary>
        public IEnumerable<DmarcReportRecord> Parse(Stream xml, string sourceFile, string? sourceEntry = null,
                                                    Action<string>? warning = null, CancellationToken cancellationToken = default)
        {
            var name = sourceEntry is null ? sourceFile : $"{sourceFile} › {sourceEntry}";
            var settings = new XmlReaderSettings
            {
                // XXE and "billion laughs": a DOCTYPE is an error, nothing is resolved, no entity is expanded.
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
                MaxCharactersInDocument = _options.MaxCharactersInDocument,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = true,
                CloseInput = false,
            };
            var warnings = new Warnings(warning, _options.MaxWarningsPerReport, name);
            using var reader = XmlReader.Create(xml, settings);
            using var rows = Rows(reader, sourceFile, sourceEntry, name, warnings, cancellationToken).GetEnumerator();
            while (true)
            {
                try
                {
                    if (!rows.MoveNext()) break;
                }
                catch (XmlException e)
                {
                    throw new DmarcReportFormatException($"{name}: not a readable aggregate report: {Describe(e)}", e);
                }
                yield return rows.Current;
            }
            warnings.Flush();
        }

        private static string Describe(XmlException e)
        {
            if (e.Message.IndexOf("DTD", StringComparison.OrdinalIgnoreCase) >= 0)
                return "it has a DTD (<!DOCTYPE>), which reports never have and which is refused (entity expansion, external entities)" +
                       (e.LineNumber > 0 ? $" (line {e.LineNumber})." : ".");
            return e.Message;
        }

        private IEnumerable<DmarcReportRecord> Rows(XmlReader r, string sourceFile, string? sourceEntry, string name,
                                                   Warnings warnings, CancellationToken cancellationToken)
        {
            r.MoveToContent();
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "feedback")
                throw new DmarcReportFormatException(
                    $"{name}: the root element is <{r.Name}>, not <feedback>: not a DMARC aggregate report (RFC 7489 appendix C, RFC 9990).");
            var header = new Header { Namespace = r.NamespaceURI.Length == 0 ? null : r.NamespaceURI };
            var buffered = new List<DmarcReportRecord>();
            var rowNumber = 0;
            var depth = Enter(r);
            if (depth >= 0)
            {
                while (NextChild(r, depth))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (r.LocalName)
                    {
                        case "version": header.Version = Text(r); break;
                        case "report_metadata": ReadMetadata(r, header, warnings); break;
                        case "policy_published": ReadPolicy(r, header, warnings); break;
                        case "record":
                            rowNumber++;
                            var row = ReadRecord(r, rowNumber, warnings);
                            if (row == null) break;
                            row.SourceFile = sourceFile;
                            row.SourceEntry = sourceEntry;
                            if (header.HasMetadata && header.HasPolicy)
                            {
                                foreach (var held in Drain(buffered, header)) yield return held;
                                yield return Complete(row, header);
                            }
                            else
                            {
                                // The schema puts metadata and policy first; a reporter that puts them after gets a bounded wait.
                                if (buffered.Count >= _options.MaxBufferedRows)
                                    throw new DmarcReportFormatException(
                                        $"{name}: more than {_options.MaxBufferedRows:N0} records come before report_metadata and policy_published; the schema puts those first.");
                                buffered.Add(row);
                            }
                            break;
                        default: Skip(r); break;
                    }
                }
            }
            if (!header.HasMetadata) warnings.Add("the report has no <report_metadata> (reporter, report id, date range unknown).");
            if (!header.HasPolicy) warnings.Add("the report has no <policy_published>.");
            if (rowNumber == 0) warnings.Add("the report has no <record> rows.");
            foreach (var held in Drain(buffered, header)) yield return held;
        }

        private static IEnumerable<DmarcReportRecord> Drain(List<DmarcReportRecord> buffered, Header header)
        {
            if (buffered.Count == 0) yield break;
            foreach (var row in buffered) yield return Complete(row, header);
            buffered.Clear();
        }

        private static DmarcReportRecord Complete(DmarcReportRecord row, Header h)
        {
            row.SchemaVersion = h.Version;
            row.SchemaNamespace = h.Namespace;
            row.OrgName = h.OrgName;
            row.Email = h.Email;
            row.ExtraContactInfo = h.ExtraContactInfo;
            row.ReportId = h.ReportId;
            row.Begin = h.Begin;
            row.End = h.End;
            row.Generator = h.Generator;
            row.ReportErrors = h.Errors;
            row.PolicyDomain = h.Policy.Domain;
            row.PublishedPolicy = h.Policy;
            return row;
        }

        // ---- report_metadata, policy_published ----

        private void ReadMetadata(XmlReader r, Header h, Warnings warnings)
        {
            h.HasMetadata = true;
            var depth = Enter(r);
            if (depth < 0) return;
            while (NextChild(r, depth))
            {
                switch (r.LocalName)
                {
                    case "org_name": h.OrgName = Text(r); break;
                    case "email": h.Email = NullIfEmpty(Text(r)); break;
                    case "extra_contact_info": h.ExtraContactInfo = NullIfEmpty(Text(r)); break;
                    case "report_id": h.ReportId = Text(r); break;
                    case "generator": h.Generator = NullIfEmpty(Text(r)); break;
                    case "error":
                        var error = Text(r);
                        if (h.Errors.Count < _options.MaxResultsPerRow) h.Errors.Add(error);
                        break;
                    case "date_range":
                        var d = Enter(r);
                        if (d < 0) break;
                        while (NextChild(r, d))
                        {
                            switch (r.LocalName)
                            {
                                case "begin": h.Begin = EpochSeconds(Text(r), "begin", warnings); break;
                                case "end": h.End = EpochSeconds(Text(r), "end", warnings); break;
                                default: Skip(r); break;
                            }
                        }
                        break;
                    default: Skip(r); break;
                }
            }
            if (h.OrgName.Length == 0) warnings.Add("report_metadata has no <org_name>.");
            if (h.ReportId.Length == 0) warnings.Add("report_metadata has no <report_id>.");
        }

        /// <summary>date_range begin/end: seconds since the epoch, UTC (RFC 7489 appendix C DateRangeType).</summary>
        private static DateTimeOffset EpochSeconds(string text, string what, Warnings warnings)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            warnings.Add($"date_range <{what}> '{Clip(text)}' is not seconds since the epoch; left empty.");
            return default;
        }

        private void ReadPolicy(XmlReader r, Header h, Warnings warnings)
        {
            h.HasPolicy = true;
            var p = h.Policy;
            var depth = Enter(r);
            if (depth < 0) return;
            while (NextChild(r, depth))
            {
                switch (r.LocalName)
                {
                    case "domain": p.Domain = Domain(Text(r)); break;
                    case "adkim": p.AlignmentDkim = Enumeration(Text(r)); break;
                    case "aspf": p.AlignmentSpf = Enumeration(Text(r)); break;
                    case "p": p.Policy = Enumeration(Text(r)) ?? string.Empty; break;
                    case "sp": p.SubdomainPolicy = Enumeration(Text(r)); break;
                    case "np": p.NonexistentDomainPolicy = Enumeration(Text(r)); break;
                    case "fo": p.FailureOptions = NullIfEmpty(Text(r)); break;
                    case "testing": p.Testing = Enumeration(Text(r)); break;
                    case "discovery_method": p.DiscoveryMethod = Enumeration(Text(r)); break;
                    case "pct":
                        var pct = Text(r);
                        if (int.TryParse(pct, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100) p.Pct = value;
                        else if (pct.Length > 0) warnings.Add($"policy_published <pct> '{Clip(pct)}' is not 0-100; left empty.");
                        break;
                    default: Skip(r); break;
                }
            }
            if (p.Domain.Length == 0) warnings.Add("policy_published has no <domain>.");
        }

        // ---- record ----

        /// <summary>One &lt;record&gt;, or null (with a warning) when its source_ip or count is unusable.</summary>
        private DmarcReportRecord? ReadRecord(XmlReader r, int rowNumber, Warnings warnings)
        {
            var row = new DmarcReportRecord();
            string? ip = null, count = null;
            var reasons = new List<DmarcReportPolicyOverride>();
            var dkim = new List<DmarcReportDkimResult>();
            var spf = new List<DmarcReportSpfResult>();
            var depth = Enter(r);
            if (depth >= 0)
            {
                while (NextChild(r, depth))
                {
                    switch (r.LocalName)
                    {
                        case "row":
                            var rowDepth = Enter(r);
                            if (rowDepth < 0) break;
                            while (NextChild(r, rowDepth))
                            {
                                switch (r.LocalName)
                                {
                                    case "source_ip": ip = Text(r); break;
                                    case "count": count = Text(r); break;
                                    case "policy_evaluated": ReadPolicyEvaluated(r, row, reasons); break;
                                    default: Skip(r); break;
                                }
                            }
                            break;
                        case "identifiers":
                            var idDepth = Enter(r);
                            if (idDepth < 0) break;
                            while (NextChild(r, idDepth))
                            {
                                switch (r.LocalName)
                                {
                                    case "header_from": row.HeaderFrom = Domain(Text(r)); break;
                                    case "envelope_from": row.EnvelopeFrom = NullIfEmpty(Domain(Text(r))); break;
                                    case "envelope_to": row.EnvelopeTo = NullIfEmpty(Domain(Text(r))); break;
                                    default: Skip(r); break;
                                }
                            }
                            break;
                        case "auth_results":
                            var authDepth = Enter(r);
                            if (authDepth < 0) break;
                            while (NextChild(r, authDepth))
                            {
                                switch (r.LocalName)
                                {
                                    case "dkim":
                                        var dk = ReadDkim(r);
                                        if (dkim.Count < _options.MaxResultsPerRow) dkim.Add(dk);
                                        break;
                                    case "spf":
                                        var sp = ReadSpf(r);
                                        if (spf.Count < _options.MaxResultsPerRow) spf.Add(sp);
                                        break;
                                    default: Skip(r); break;
                                }
                            }
                            break;
                        default: Skip(r); break;
                    }
                }
            }

            if (!TryCanonicalIp(ip, out var canonical))
            {
                warnings.Add($"record {rowNumber}: source_ip '{Clip(ip ?? string.Empty)}' is not an IP address; row skipped.");
                return null;
            }
            if (!long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                warnings.Add($"record {rowNumber} ({canonical}): count '{Clip(count ?? string.Empty)}' is not a whole number; row skipped.");
                return null;
            }
            if (row.HeaderFrom.Length == 0) warnings.Add($"record {rowNumber} ({canonical}): no identifiers <header_from>.");
            row.SourceIP = canonical;
            row.Count = n;
            // envelope_from is optional in RFC 7489; the mfrom SPF result's domain is the same MAIL FROM domain
            // (appendix C SPFAuthResultType: "the checked domain"), so rows still bind to Test-SpfHost -Sender.
            if (row.EnvelopeFrom == null)
                foreach (var s in spf)
                    if ((s.Scope == null || s.Scope == "mfrom") && s.Domain.Length > 0) { row.EnvelopeFrom = s.Domain; break; }
            row.PolicyOverrides = reasons;
            row.DkimResults = dkim;
            row.SpfResults = spf;

            // Derived. RFC 7489 §3 / RFC 9989 §4.4: DMARC passes when an aligned DKIM or SPF passes, which is what
            // policy_evaluated dkim/spf report (RFC 7489 appendix C: "the DMARC-aligned authentication result").
            row.DkimAligned = row.DkimEvaluated == "pass";
            row.SpfAligned = row.SpfEvaluated == "pass";
            row.Aligned = row.DkimAligned || row.SpfAligned;
            row.SendingService = SendingServiceCatalog.ForRecord(row);
            return row;
        }

        private void ReadPolicyEvaluated(XmlReader r, DmarcReportRecord row, List<DmarcReportPolicyOverride> reasons)
        {
            var depth = Enter(r);
            if (depth < 0) return;
            while (NextChild(r, depth))
            {
                switch (r.LocalName)
                {
                    case "disposition": row.Disposition = Enumeration(Text(r)) ?? string.Empty; break;
                    case "dkim": row.DkimEvaluated = Enumeration(Text(r)) ?? string.Empty; break;
                    case "spf": row.SpfEvaluated = Enumeration(Text(r)) ?? string.Empty; break;
                    case "reason":
                        var reason = new DmarcReportPolicyOverride();
                        var d = Enter(r);
                        if (d >= 0)
                            while (NextChild(r, d))
                            {
                                switch (r.LocalName)
                                {
                                    case "type": reason.Type = Enumeration(Text(r)) ?? string.Empty; break;
                                    case "comment": reason.Comment = NullIfEmpty(Text(r)); break;
                                    default: Skip(r); break;
                                }
                            }
                        if (reasons.Count < _options.MaxResultsPerRow) reasons.Add(reason);
                        break;
                    default: Skip(r); break;
                }
            }
        }

        private DmarcReportDkimResult ReadDkim(XmlReader r)
        {
            var result = new DmarcReportDkimResult();
            var d = Enter(r);
            if (d < 0) return result;
            while (NextChild(r, d))
            {
                switch (r.LocalName)
                {
                    case "domain": result.Domain = Domain(Text(r)); break;
                    case "selector": result.Selector = NullIfEmpty(Text(r).ToLowerInvariant()); break;
                    case "result": result.Result = Enumeration(Text(r)) ?? string.Empty; break;
                    case "human_result": result.HumanResult = NullIfEmpty(Text(r)); break;
                    default: Skip(r); break;
                }
            }
            return result;
        }

        private DmarcReportSpfResult ReadSpf(XmlReader r)
        {
            var result = new DmarcReportSpfResult();
            var d = Enter(r);
            if (d < 0) return result;
            while (NextChild(r, d))
            {
                switch (r.LocalName)
                {
                    case "domain": result.Domain = Domain(Text(r)); break;
                    case "scope": result.Scope = Enumeration(Text(r)); break;
                    case "result": result.Result = Enumeration(Text(r)) ?? string.Empty; break;
                    case "human_result": result.HumanResult = NullIfEmpty(Text(r)); break;
                    default: Skip(r); break;
                }
            }
            return result;
        }

        // ---- values ----

        /// <summary>
        /// An address as written, in canonical text (RFC 5952 for IPv6): four dotted decimals or an IPv6 literal only,
        /// not the "1" or "0x7f.1" forms IPAddress.Parse also accepts, and no zone index.
        /// </summary>
        internal static bool TryCanonicalIp(string? text, out string canonical)
        {
            canonical = string.Empty;
            if (string.IsNullOrEmpty(text) || text!.IndexOf('%') >= 0) return false;
            if (text.IndexOf(':') < 0)
            {
                var parts = text.Split('.');
                if (parts.Length != 4) return false;
                foreach (var part in parts)
                {
                    if (part.Length == 0 || part.Length > 3) return false;
                    foreach (var c in part) if (c < '0' || c > '9') return false;
                }
            }
            if (!IPAddress.TryParse(text, out var address)) return false;
            canonical = address.ToString();
            return true;
        }

        private static string Domain(string text) => text.TrimEnd('.').ToLowerInvariant();

        /// <summary>Schema enumerations (disposition, results, p, adkim ...) are compared lower-case.</summary>
        private static string? Enumeration(string text) => text.Length == 0 ? null : text.ToLowerInvariant();

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

        private static string Clip(string text) => text.Length <= 64 ? text : text.Substring(0, 64) + "…";

        // ---- reader helpers: iterative, so depth costs no stack ----

        /// <summary>Steps into the element the reader is on; its depth, or -1 for an empty element (already stepped over).</summary>
        private int Enter(XmlReader r)
        {
            var depth = r.Depth;
            if (depth >= _options.MaxDepth) throw TooDeep(r);
            if (r.IsEmptyElement) { r.Read(); return -1; }
            r.Read();
            return depth;
        }

        /// <summary>Moves to the next child element of the element at <paramref name="parentDepth"/>; false (past its end tag) when there is none.</summary>
        private bool NextChild(XmlReader r, int parentDepth)
        {
            while (true)
            {
                if (r.NodeType == XmlNodeType.Element)
                {
                    if (r.Depth == parentDepth + 1) return true;
                    Skip(r);
                    continue;
                }
                if (r.NodeType == XmlNodeType.EndElement && r.Depth == parentDepth)
                {
                    r.Read();
                    return false;
                }
                if (!r.Read()) throw new XmlException("the document ends inside an element (cut short?).");
            }
        }

        /// <summary>Skips an element we do not read (extension, unknown), refusing nesting deeper than the bound.</summary>
        private void Skip(XmlReader r)
        {
            var start = r.Depth;
            if (r.IsEmptyElement) { r.Read(); return; }
            while (r.Read())
            {
                if (r.Depth >= _options.MaxDepth) throw TooDeep(r);
                if (r.NodeType == XmlNodeType.EndElement && r.Depth == start) { r.Read(); return; }
            }
            throw new XmlException("the document ends inside an element (cut short?).");
        }

        /// <summary>An XmlException, so <see cref="Parse"/> names the file in the error like any other XML failure.</summary>
        private XmlException TooDeep(XmlReader r)
        {
            var line = r is IXmlLineInfo info && info.HasLineInfo() ? $" (line {info.LineNumber})" : string.Empty;
            return new XmlException(
                $"elements are nested deeper than {_options.MaxDepth} levels{line}; the aggregate report schema needs 5.");
        }

        /// <summary>A text-only element's trimmed content.</summary>
        private static string Text(XmlReader r)
        {
            var name = r.Name;
            try
            {
                return r.ReadElementContentAsString().Trim();
            }
            catch (XmlException e) when (r.NodeType == XmlNodeType.Element)
            {
                throw new XmlException($"<{name}> holds elements where text is expected ({e.Message})", e);
            }
        }
    }
}
