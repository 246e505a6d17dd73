using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Domain names as text and as octets. A label may hold any octet (RFC 2181 §11); in text, names use the
    /// master-file escapes of RFC 1035 §5.1 ("\." for a dot inside a label, "\DDD" for any octet), printed as
    /// BIND prints them ("a\032b" for a space). Records, answers and resolver queries use this presentation
    /// form; SPF macro expansions are raw text (every character one octet) and convert at the resolver boundary.
    /// </summary>
    internal static class DnsNameText
    {
        public const int MaxLabelOctets = 63;   // RFC 1035 §2.3.4
        public const int MaxNameOctets = 255;   // RFC 1035 §2.3.4, wire form with the length octets and the root

        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>Presentation form of wire labels, without the trailing dot; the root is ".".</summary>
        public static string Format(IReadOnlyList<byte[]> labels)
        {
            if (labels.Count == 0) return ".";
            // Most names need no escape: their text is their octets and the dots (one string, no builder).
            // Index loops: foreach over the interface would box an enumerator per call (once per query).
            var length = labels.Count - 1;
            for (var l = 0; l < labels.Count; l++)
            {
                var label = labels[l];
                foreach (var b in label)
                    if (!IsPlain(b)) return FormatEscaped(labels);
                length += label.Length;
            }
            var chars = new char[length];
            var at = 0;
            for (var l = 0; l < labels.Count; l++)
            {
                if (at > 0) chars[at++] = '.';
                foreach (var b in labels[l]) chars[at++] = (char)b;
            }
            return new string(chars);
        }

        /// <summary>
        /// True when <paramref name="name"/> (already parsed by <see cref="TryParse"/>) is its own presentation form:
        /// only plain octets and dots, no trailing dot. Then <see cref="Format"/> of its labels gives it back.
        /// </summary>
        public static bool IsPlainText(string name)
        {
            if (name.Length > 1 && name[name.Length - 1] == '.') return false;
            foreach (var c in name)
                if (c != '.' && (c >= 0x80 || !IsPlain((byte)c))) return false;
            return true;
        }

        /// <summary>An octet printed as itself: printable ASCII other than the master-file specials (see AppendOctet).</summary>
        public static bool IsPlain(byte b) =>
            b > 0x20 && b < 0x7F && b != '.' && b != '\\' && b != '"' && b != '(' && b != ')' && b != ';' && b != '@' && b != '$';

        private static string FormatEscaped(IReadOnlyList<byte[]> labels)
        {
            var sb = new StringBuilder();
            foreach (var label in labels)
            {
                if (sb.Length > 0) sb.Append('.');
                foreach (var b in label) AppendOctet(sb, b);
            }
            return sb.ToString();
        }

        /// <summary>
        /// Raw text (each character below U+0080 is one octet, "." separates labels) in presentation form.
        /// Other characters are kept: they become IDNA A-labels when the name is put on the wire.
        /// </summary>
        public static string FromRaw(string raw)
        {
            var sb = new StringBuilder(raw.Length + 8);
            foreach (var c in raw)
            {
                if (c == '.' || c >= 0x80) sb.Append(c);
                else AppendOctet(sb, (byte)c);
            }
            return sb.ToString();
        }

        /// <summary>Raw text of a presentation name: escapes decoded ("\." becomes a plain dot, so that rare name reads as more labels).</summary>
        public static string ToRaw(string name)
        {
            if (name.IndexOf('\\') < 0) return name;
            var sb = new StringBuilder(name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                if (name[i] == '\\' && TryReadEscape(name, ref i, out var b)) sb.Append((char)b);
                else sb.Append(name[i]);
            }
            return sb.ToString();
        }

        /// <summary>
        /// The wire labels of a presentation name (one trailing dot allowed; "." or "" is the root): escapes decoded,
        /// non-ASCII labels converted to IDNA A-labels ("xn--"), RFC 1035 §2.3.4 lengths checked in octets.
        /// Returns null, or why the name cannot be put on the wire.
        /// </summary>
        public static string? TryParse(string name, out List<byte[]> labels)
        {
            labels = new List<byte[]>();
            if (name.Length == 0 || name == ".") return null;
            // The current label's octets: never more than its characters, so one array the name's length (no growing list).
            var octets = new byte[name.Length];
            var count = 0;
            var start = 0; // first character of the current label
            var nonAscii = false; // the current label has a character >= U+0080
            var wire = 1;
            for (var i = 0; i <= name.Length; i++)
            {
                // No label of 63 octets takes more than 4 characters per octet ("\DDD"), and an A-label is never
                // shorter than its Unicode form: a label still going on here is too long (stops early on huge input).
                if (i < name.Length && name[i] != '.' && i - start >= 4 * MaxLabelOctets)
                    return $"label longer than {MaxLabelOctets} octets (RFC 1035 §2.3.4)";
                if (i < name.Length && name[i] == '\\')
                {
                    if (!TryReadEscape(name, ref i, out var b)) return "bad escape (\\X, or \\DDD up to 255)";
                    octets[count++] = b;
                }
                else if (i < name.Length && name[i] != '.')
                {
                    octets[count++] = (byte)name[i]; // a character >= U+0080 is replaced below by the label's A-label
                    if (name[i] >= 0x80) nonAscii = true;
                }
                else
                {
                    if (i == name.Length && start == i && labels.Count > 0) break; // the trailing dot
                    if (start == i) return "empty label";
                    string? idnaError = null; // the label's text is cut out only for IDNA (not per ASCII label)
                    var label = nonAscii ? ToALabel(name.Substring(start, i - start), out idnaError) : Copy(octets, count);
                    if (label == null) return idnaError;
                    if (label.Length > MaxLabelOctets) return $"label longer than {MaxLabelOctets} octets (RFC 1035 §2.3.4)";
                    wire += 1 + label.Length;
                    if (wire > MaxNameOctets) return $"longer than {MaxNameOctets} octets on the wire (RFC 1035 §2.3.4)";
                    labels.Add(label);
                    count = 0;
                    nonAscii = false;
                    start = i + 1;
                }
            }
            return null;
        }

        private static byte[] Copy(byte[] octets, int count)
        {
            var label = new byte[count];
            Array.Copy(octets, label, count);
            return label;
        }

        /// <summary>
        /// Decodes the escape whose backslash is at <paramref name="i"/>: "\X" is X itself, "\DDD" the octet with that
        /// decimal value (RFC 1035 §5.1). Leaves <paramref name="i"/> on the escape's last character; false when malformed.
        /// </summary>
        public static bool TryReadEscape(string s, ref int i, out byte value)
        {
            value = 0;
            if (i + 1 >= s.Length) return false;
            if (!IsDigit(s[i + 1]))
            {
                if (s[i + 1] >= 0x80) return false;
                value = (byte)s[i + 1];
                i++;
                return true;
            }
            if (i + 3 >= s.Length || !IsDigit(s[i + 2]) || !IsDigit(s[i + 3])) return false;
            var n = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (n > 255) return false;
            value = (byte)n;
            i += 3;
            return true;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>As BIND: "\DDD" for controls, space, DEL and non-ASCII octets; "\X" for the master-file specials.</summary>
        private static void AppendOctet(StringBuilder sb, byte b)
        {
            if (b <= 0x20 || b >= 0x7F) sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            else if (".\\\"();@$".IndexOf((char)b) >= 0) sb.Append('\\').Append((char)b);
            else sb.Append((char)b);
        }

        /// <summary>The IDNA A-label of a label with non-ASCII characters (as DnsClient and browsers send such names).</summary>
        private static byte[]? ToALabel(string label, out string? error)
        {
            error = null;
            if (label.IndexOf('\\') >= 0)
            {
                error = "a label cannot mix escapes with non-ASCII characters";
                return null;
            }
            try
            {
                return Encoding.ASCII.GetBytes(Idn.GetAscii(label));
            }
            catch (ArgumentException e)
            {
                error = $"not a valid internationalized label: {e.Message}";
                return null;
            }
        }
    }
}
