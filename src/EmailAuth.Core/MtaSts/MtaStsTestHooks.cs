using System.Security.Cryptography.X509Certificates;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// TEST-ONLY, internal: lets the Pester tests (through reflection) reach a local HTTPS server. It adds ONE
    /// extra trusted root (the chain must still validate to it, names must still match) and moves the port off 443.
    /// There is no public way to set these, and no way at all to switch certificate validation off.
    /// </summary>
    internal static class MtaStsTestHooks
    {
        internal static X509Certificate2? TrustedRoot;
        internal static int? Port;
    }
}
