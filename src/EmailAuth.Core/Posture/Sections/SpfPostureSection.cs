using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>The domain's SPF record and its include/redirect tree (RFC 7208), through <see cref="SpfRecordInspector"/>.</summary>
    public sealed class SpfPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Spf;

        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            SectionTasks.Then(new SpfRecordInspector(context.Resolver).InspectAsync(context.Domain, cancellationToken), Result);

        // Static: the delegate is made once, not per domain.
        private static PostureSectionResult Result(SpfRecordInfo info)
        {
            var findings = new List<Finding>();
            Collect(info, findings, 0);
            var present = info.Record != null;
            var summary = !present ? "no SPF record"
                        : $"{(info.IsValid ? "valid" : "invalid")}, {info.DnsLookupCount} DNS lookup(s): {info.Record}";
            return new PostureSectionResult(PostureSectionNames.Spf, info, findings, present, summary);
        }

        private static bool Contains(List<Finding> findings, Finding f)
        {
            for (var i = 0; i < findings.Count; i++) if (findings[i].Code == f.Code && findings[i].Message == f.Message) return true;
            return false;
        }

        /// <summary>Findings of the whole tree (the inspector bounds it to <see cref="SpfRecordInspector.MaxRecords"/> records).</summary>
        private static void Collect(SpfRecordInfo node, List<Finding> into, int depth)
        {
            // By index: foreach over the interfaces would box an enumerator per record of the tree, twice.
            for (var i = 0; i < node.Findings.Count; i++)
                if (!Contains(into, node.Findings[i])) into.Add(node.Findings[i]);
            if (depth > SpfRecordInspector.MaxRecords) return;
            for (var i = 0; i < node.Includes.Count; i++) Collect(node.Includes[i], into, depth + 1);
        }
    }
}
