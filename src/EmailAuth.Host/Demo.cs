using System;
using System.IO;

namespace EmailAuth.Host
{
    /// <summary>The main job, offline: audit the sample zone that ships in the module's Samples folder.</summary>
    internal static class Demo
    {
        private static readonly (string Why, string Command)[] Steps =
        {
            ("Inspect a healthy domain: its record, the DNS lookups its include tree costs, and any findings.",
             "Get-SpfRecord -Domain example.com -ZoneFile $zone"),
            ("Audit classic mistakes: a mistyped include target, +all, too many lookups, an include loop, no record.",
             "'typo.example.com', 'open.example.com', 'toomany.example.com', 'loop.example.com', 'nospf.example.com' | Get-SpfRecord -ZoneFile $zone"),
            ("May 198.51.100.7 send as alice@example.com? It is listed through include:_spf.example.com.",
             "Test-SpfHost -IPAddress 198.51.100.7 -Sender alice@example.com -ZoneFile $zone"),
            ("An address listed nowhere: the final ~all decides.",
             "Test-SpfHost -IPAddress 203.0.113.99 -Sender alice@example.com -ZoneFile $zone"),
            ("A bounce (empty MAIL FROM) from mail2.example.com is checked as postmaster@mail2.example.com (RFC 7208 §2.4).",
             "Test-SpfHost -IPAddress 203.0.113.25 -Sender '' -Helo mail2.example.com -ZoneFile $zone"),
            ("Pre-flight a record before publishing it, without any DNS query.",
             "ConvertFrom-SpfRecord -Record 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.com ?all' -Domain example.com"),
        };

        public static void Run(Session session)
        {
            var zone = Path.Combine(session.ModuleBase, "Samples", "example.com.zone");
            Console.WriteLine("EmailAuth demo: an offline SPF audit of the sample zone bundled with the module.");
            Console.WriteLine("Nothing leaves this machine: -ZoneFile answers every DNS query from the file.");
            Console.WriteLine();
            Console.WriteLine($"PS> $zone = '{zone}'");
            Console.WriteLine();
            session.SetVariable("zone", zone);
            foreach (var (why, command) in Steps)
            {
                Console.WriteLine("# " + why);
                Console.WriteLine("PS> " + command);
                session.RunScript(command);
                Console.WriteLine();
            }
        }
    }
}
