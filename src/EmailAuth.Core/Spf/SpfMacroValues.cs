namespace EmailAuth.Core.Spf
{
    /// <summary>The values the macro letters stand for in one check_host() run (RFC 7208 §7.3), except %{d}.</summary>
    internal sealed class SpfMacroValues
    {
        public SpfMacroValues(string sender, string localPart, string senderDomain, string helo, IpBits ip, string receiver, long timestamp)
        {
            Sender = sender;
            LocalPart = localPart;
            SenderDomain = senderDomain;
            Helo = helo;
            Ip = ip;
            IpVersion = ip.IsV6 ? "ip6" : "in-addr";
            Receiver = receiver;
            _timestamp = timestamp;
        }

        private readonly long _timestamp;
        private string? _ipMacro, _ipReadable, _timestampText;

        /// <summary>%{s}</summary>
        public string Sender { get; }
        /// <summary>%{l}</summary>
        public string LocalPart { get; }
        /// <summary>%{o}</summary>
        public string SenderDomain { get; }
        /// <summary>%{h}</summary>
        public string Helo { get; }
        public IpBits Ip { get; }
        /// <summary>%{i}: dotted decimal or dotted nibbles.</summary>
        public string IpMacro => _ipMacro ??= Ip.ToMacroForm();
        /// <summary>%{c}</summary>
        public string IpReadable => _ipReadable ??= Ip.ToString();
        /// <summary>%{v}</summary>
        public string IpVersion { get; }
        /// <summary>%{r}</summary>
        public string Receiver { get; }
        /// <summary>%{t}</summary>
        public string Timestamp => _timestampText ??= _timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        /// <summary>%{p}: computed on first use (needs DNS); null until then.</summary>
        public string? P { get; set; }
    }
}
