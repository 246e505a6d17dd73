using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace EmailAuth.Host
{
    /// <summary>
    /// Text for output objects, since this engine has no Out-String/Format-*: a list of the type's
    /// DefaultDisplayPropertySet (types.ps1xml) or its public properties, collections shortened,
    /// findings one per line.
    /// </summary>
    internal sealed class Renderer
    {
        private const int MaxItems = 4;
        private readonly TextWriter _out;

        public Renderer(TextWriter output) => _out = output;

        public void Write(PSObject? item)
        {
            var value = item?.BaseObject;
            if (item == null || value == null) return;
            if (IsScalar(value) || IsFinding(value))
            {
                _out.WriteLine(value.ToString());
                return;
            }
            var names = DisplayProperties(item);
            var width = names.Count == 0 ? 0 : names.Max(n => n.Length);
            foreach (var name in names)
            {
                var v = item.Properties[name]?.Value;
                var label = name.PadRight(width) + " : ";
                if (v is IEnumerable list && !(v is string))
                {
                    var items = list.Cast<object?>().ToList();
                    if (items.Count > 0 && items.All(i => i != null && IsFinding(PSObject.AsPSObject(i).BaseObject)))
                    {
                        _out.WriteLine(label + $"{items.Count} finding(s)");
                        foreach (var f in items) _out.WriteLine(new string(' ', width + 3) + f);
                        continue;
                    }
                    var shown = string.Join(", ", items.Take(MaxItems).Select(i => i?.ToString() ?? ""));
                    var more = items.Count > MaxItems ? $", … (+{items.Count - MaxItems})" : "";
                    _out.WriteLine(label + "{" + shown + more + "}");
                }
                else _out.WriteLine(label + (v?.ToString() ?? ""));
            }
            _out.WriteLine();
        }

        private static List<string> DisplayProperties(PSObject item)
        {
            if (item.Members["PSStandardMembers"]?.Value is PSMemberSet standard &&
                standard.Members["DefaultDisplayPropertySet"] is PSPropertySet set)
                return set.ReferencedPropertyNames.ToList();
            return item.Properties.Where(p => p.IsGettable).Select(p => p.Name).ToList();
        }

        private static bool IsScalar(object value) =>
            value is string || value is IFormattable || value.GetType().IsPrimitive || value is System.Net.IPAddress;

        // By name: the host does not reference the module's assemblies.
        private static bool IsFinding(object value) => value.GetType().FullName == "EmailAuth.Core.Audit.Finding";
    }
}
