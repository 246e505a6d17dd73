using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Posture;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>
    /// How the auditor gathers the sections' results without a wrapper task per section: every section's findings,
    /// worst first and otherwise in order, each (code, severity, message) once; a section that throws, even before
    /// returning a task, costs only its own result; a cancelled audit throws.
    /// </summary>
    public sealed class PostureAuditorFindingsTests
    {
        private static readonly PostureOptions Options = new PostureOptions { Selectors = new[] { "s1" } };

        private sealed class FixedSection : IPostureSection
        {
            private readonly IReadOnlyList<Finding> _findings;
            public FixedSection(string name, IReadOnlyList<Finding> findings) { Name = name; _findings = findings; }
            public string Name { get; }
            public async Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return new PostureSectionResult(Name, null, _findings, true, "fixed");
            }
        }

        private sealed class ThrowingSection : IPostureSection
        {
            public string Name => "Thrower";
            // Not async: throws before any task exists.
            public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("boom");
        }

        private sealed class CancelledSection : IPostureSection
        {
            public string Name => "Cancelled";
            public async Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
        }

        private static List<Finding> Mixed(int count, string prefix)
        {
            // Every third one repeats an earlier (code, severity, message); severities cycle so that the sort has work.
            var list = new List<Finding>();
            for (var i = 0; i < count; i++)
            {
                var k = i % 3 == 2 ? i - 2 : i;
                list.Add(new Finding(prefix + "_" + (k % 5), (FindingSeverity)(k % 4), $"{prefix} message {k}", null, null, "subject " + i));
            }
            return list;
        }

        [Theory]
        [InlineData(5)]
        [InlineData(12)]
        [InlineData(40)]
        public async Task Findings_are_distinct_worst_first_and_otherwise_in_section_order(int count)
        {
            var first = Mixed(count, "A");
            var second = Mixed(count, "B").Concat(first.Take(3)).ToList(); // repeats across sections count once too
            var report = await new PostureAuditor(PostureZone.Resolver(), Options,
                new IPostureSection[] { new FixedSection("One", first), new FixedSection("Two", second) }).AuditAsync(PostureZone.Name("good"));

            // What the report held before, computed the LINQ way over the same findings in section order (the bulk-sender
            // findings follow the sections').
            var all = first.Concat(second).Concat(report.Findings.Where(f => f.Code == PostureFindingCodes.BulkSenderRequirement)).ToList();
            var expected = all.GroupBy(f => (f.Code, f.Severity, f.Message)).Select(g => g.First()).OrderByDescending(f => f.Severity).ToList();
            Assert.Equal(expected, report.Findings);
        }

        [Fact]
        public async Task A_section_that_throws_before_returning_a_task_fails_alone()
        {
            var report = await new PostureAuditor(PostureZone.Resolver(), Options,
                new IPostureSection[] { new ThrowingSection(), new FixedSection("Other", Mixed(2, "C")) }).AuditAsync(PostureZone.Name("good"));

            Assert.Equal(new[] { "Thrower", "Other" }, report.Sections.Select(s => s.Name));
            var failed = Assert.Single(report.Sections[0].Findings);
            Assert.Equal(PostureFindingCodes.SectionFailed, failed.Code);
            Assert.Equal("The Thrower check of good.test failed unexpectedly: InvalidOperationException: boom", failed.Message);
            Assert.Equal("check failed", report.Sections[0].Summary);
            Assert.Equal("fixed", report.Sections[1].Summary);
        }

        [Fact]
        public async Task A_cancelled_audit_throws()
        {
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PostureAuditor(PostureZone.Resolver(), Options,
                new IPostureSection[] { new FixedSection("One", Mixed(2, "D")), new CancelledSection() }).AuditAsync(PostureZone.Name("good"), cancel.Token));
        }
    }
}
