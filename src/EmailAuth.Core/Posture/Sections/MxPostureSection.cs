using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Mx;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>The MX records and their targets (RFC 5321 §5.1, null MX RFC 7505), through <see cref="MxInspector"/>.</summary>
    public sealed class MxPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Mx;

        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            SectionTasks.Then(new MxInspector(context.Resolver).InspectAsync(context.Domain, cancellationToken), Result);

        // Static: the delegate is made once, not per domain.
        private static PostureSectionResult Result(MxRecordInfo info)
        {
            var summary = info.IsNullMx ? "null MX: accepts no mail (RFC 7505)"
                        : info.IsImplicit ? "no MX (implicit MX: the domain's own address)"
                        : info.Hosts.Count == 0 ? "no MX"
                        : Hosts(info.Hosts);
            return new PostureSectionResult(PostureSectionNames.Mx, info, info.Findings, info.IsValid || info.IsNullMx, summary);
        }

        /// <summary>"10 mx.example.com, 20 mx2.example.com" (as string.Join of the hosts' texts); one host, the usual case, is its text.</summary>
        private static string Hosts(IReadOnlyList<MxHost> hosts)
        {
            if (hosts.Count == 1) return hosts[0].ToString();
            var texts = new string[hosts.Count];
            for (var i = 0; i < texts.Length; i++) texts[i] = hosts[i].ToString();
            return string.Join(", ", texts);
        }
    }
}
