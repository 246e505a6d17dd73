using System.Globalization;
using System.Net;
using System.Text;

namespace EmailAuth.Core.Rendering
{
    /// <summary>
    /// What every HTML page EmailAuth writes shares: the head (charset, a Content-Security-Policy that forbids
    /// script and every external resource, inline CSS), the base style, and the one encoder of text, since record
    /// and report text is hostile input.
    /// </summary>
    internal static class HtmlPage
    {
        /// <summary>The base style: tables, severities, pass/fail marks, findings with their fix.</summary>
        public const string BaseCss = @"
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2430;background:#fafbfc;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #d8dee8;padding-bottom:.3rem}h3{margin-bottom:.4rem}
.meta{color:#5a6576;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:#fff}
th,td{border:1px solid #d8dee8;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f6}
td.data,code{font-family:ui-monospace,Consolas,monospace;font-size:.85rem;word-break:break-all}
.grade{display:inline-block;min-width:2rem;text-align:center;font-weight:700;border-radius:.3rem;padding:.1rem .45rem;color:#fff}
.grade-A{background:#1a7f37}.grade-B{background:#4d8f1f}.grade-C{background:#b08800}.grade-D{background:#d1600f}.grade-F{background:#cf222e}.grade-TempError{background:#6e7781}
.sev{font-weight:700;text-transform:uppercase;font-size:.75rem;border-radius:.25rem;padding:.05rem .35rem;color:#fff}
.sev-Critical{background:#82071e}.sev-Error{background:#cf222e}.sev-Warning{background:#b08800}.sev-Info{background:#57606a}
.pass{color:#1a7f37;font-weight:700}td.mark{text-align:center}.fail{color:#cf222e;font-weight:700}
ul.findings{list-style:none;padding-left:0}ul.findings li{background:#fff;border:1px solid #d8dee8;border-radius:.3rem;margin:.4rem 0;padding:.5rem .7rem}
.fix{margin-top:.25rem}.fix b{color:#1a7f37}.ref{color:#5a6576;font-size:.85rem}";

        /// <summary>Doctype, head with the CSP (no script, no network: default-src 'none'; inline style only) and the opening body tag.</summary>
        public static StringBuilder Begin(string title, string extraCss = "")
        {
            var h = new StringBuilder();
            h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
             .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
             .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
             .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(BaseCss).Append(extraCss).Append("\n</style>\n</head>\n<body>\n");
            return h;
        }

        public static string End(StringBuilder h) => h.Append("</body>\n</html>\n").ToString();

        /// <summary>HTML-encodes text for element content and quoted attributes (&lt; &gt; &amp; &quot; &#39;).</summary>
        public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

        public static string Generated(System.DateTimeOffset generated) =>
            generated.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture);
    }
}
