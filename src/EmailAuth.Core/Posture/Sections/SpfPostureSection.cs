using System.Collections.Generic;
using System.Linq;
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
            foreach (var g in findings) if (g.Code == f.Code && g.Message == f.Message) return true;
            return false;
        }

        /// <summary>Findings of the whole tree (the inspector bounds it to <see cref="SpfRecordInspector.MaxRecords"/> records).</summary>
        private static void Collect(SpfRecordInfo node, List<Finding> into, int depth)
        {
            foreach (var f in node.Findings)
                if (!Contains(into, f)) into.Add(f);
            if (depth > SpfRecordInspector.MaxRecords) return;
            foreach (var child in node.Includes) Collect(child, into, depth + 1);
        }
    }
}
