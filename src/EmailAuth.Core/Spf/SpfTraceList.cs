using System.Collections;
using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// The bounded trace of one evaluation. DNS lines are kept as <see cref="DnsTraceEntry"/> and rendered only when
    /// read, so evaluations whose trace nobody looks at do not pay for formatting.
    /// </summary>
    internal sealed class SpfTraceList : IReadOnlyList<string>
    {
        private readonly List<object> _items = new List<object>(16);

        public int Count => _items.Count;

        public void Add(string line) => _items.Add(line);

        public void Add(DnsTraceEntry entry) => _items.Add(entry);

        public string this[int index]
        {
            get
            {
                var item = _items[index];
                if (item is string s) return s;
                var line = item.ToString();
                if (line.Length > SpfEvaluation.MaxTraceLineLength) line = line.Substring(0, SpfEvaluation.MaxTraceLineLength) + "...";
                lock (_items) _items[index] = line;
                return line;
            }
        }

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < _items.Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
