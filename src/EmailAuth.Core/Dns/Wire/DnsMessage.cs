using System.Collections.Generic;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>A parsed DNS response (RFC 1035 §4.1): the header bits EmailAuth uses, the question and two sections.</summary>
    internal sealed class DnsMessage
    {
        public DnsMessage(int id, bool isResponse, int opcode, bool isAuthoritative, bool isTruncated, int rcode,
                          string? questionName, int questionType, int questionClass,
                          IReadOnlyList<DnsWireRecord> answers, IReadOnlyList<DnsWireRecord> authorities)
        {
            Id = id;
            IsResponse = isResponse;
            Opcode = opcode;
            IsAuthoritative = isAuthoritative;
            IsTruncated = isTruncated;
            Rcode = rcode;
            QuestionName = questionName;
            QuestionType = questionType;
            QuestionClass = questionClass;
            Answers = answers;
            Authorities = authorities;
        }

        public int Id { get; }
        /// <summary>QR bit.</summary>
        public bool IsResponse { get; }
        public int Opcode { get; }
        /// <summary>AA bit.</summary>
        public bool IsAuthoritative { get; }
        /// <summary>TC bit.</summary>
        public bool IsTruncated { get; }
        /// <summary>RCODE, extended by the OPT record's upper bits when there is one (RFC 6891 §6.1.3).</summary>
        public int Rcode { get; }
        /// <summary>The question's name in presentation form; null when the response has no question.</summary>
        public string? QuestionName { get; }
        public int QuestionType { get; }
        public int QuestionClass { get; }
        public IReadOnlyList<DnsWireRecord> Answers { get; }
        public IReadOnlyList<DnsWireRecord> Authorities { get; }
    }
}
