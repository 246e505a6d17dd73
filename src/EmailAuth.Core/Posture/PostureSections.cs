using System.Collections.Generic;
using EmailAuth.Core.Posture.Sections;

namespace EmailAuth.Core.Posture
{
    /// <summary>The sections of the report, in the order shown. Adding a section is one line here.</summary>
    public static class PostureSections
    {
        public static IReadOnlyList<IPostureSection> Default { get; } = new IPostureSection[]
        {
            new SpfPostureSection(),
            new DkimPostureSection(),
            new DmarcPostureSection(),
            new BimiPostureSection(),
            new MtaStsPostureSection(),
            new TlsRptPostureSection(),
            new MxPostureSection(),
            new SesPostureSection(),
        };
    }
}
