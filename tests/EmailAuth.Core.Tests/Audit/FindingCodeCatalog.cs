using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// Every stable finding code of the core: the public const strings of every public type named *FindingCodes in
    /// the core assembly, found by reflection so that a new code class is covered without editing the tests.
    /// </summary>
    public static class FindingCodeCatalog
    {
        public sealed class Entry
        {
            public Entry(Type type, string field, string code)
            {
                Type = type;
                Field = field;
                Code = code;
            }

            public Type Type { get; }
            public string Field { get; }
            public string Code { get; }
            public override string ToString() => $"{Code} ({Type.Name}.{Field})";
        }

        public static IReadOnlyList<Type> Types { get; } = typeof(Finding).Assembly.GetExportedTypes()
            .Where(t => t.Name.EndsWith("FindingCodes", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        public static IReadOnlyList<Entry> All { get; } = Types
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && !f.IsInitOnly && f.FieldType == typeof(string))
                .Select(f => new Entry(t, f.Name, (string)f.GetRawConstantValue()!)))
            .ToList();
    }
}
