using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Posture
{
    /// <summary>What one section found: its inspector's object, its findings, and whether the control is in place.</summary>
    public sealed class PostureSectionResult
    {
        public PostureSectionResult(string name, object? result, IReadOnlyList<Finding>? findings, bool present, string summary)
        {
            Name = name;
            Result = result;
            Findings = findings ?? Array.Empty<Finding>();
            Present = present;
            Summary = summary;
        }

        public string Name { get; }
        /// <summary>The inspector's own object (SpfRecordInfo, DmarcPolicyInfo, a list of DkimKeyInfo, ...).</summary>
        public object? Result { get; }
        public IReadOnlyList<Finding> Findings { get; }
        /// <summary>True when the domain publishes a usable record for this control.</summary>
        public bool Present { get; }
        /// <summary>One line for the console and the report's summary table.</summary>
        public string Summary { get; }

        public override string ToString() => $"{Name}: {Summary}";
    }
}
