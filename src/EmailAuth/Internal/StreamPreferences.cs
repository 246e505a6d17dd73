using System;
using System.Management.Automation;

namespace EmailAuth.Internal
{
    /// <summary>
    /// Whether a stream's records would go anywhere, asked once per command, so that a bulk command builds no verbose
    /// text or progress record per item that PowerShell then drops. Conservative: "no" only when the stream is surely
    /// off (SilentlyContinue or Ignore, and no common parameter overrides it); otherwise the Write call decides.
    /// </summary>
    internal static class StreamPreferences
    {
        /// <summary>-Verbose, -Debug (which implies verbose), else $VerbosePreference.</summary>
        public static bool VerboseWanted(PSCmdlet cmdlet)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (bound.TryGetValue("Verbose", out var verbose)) return !(verbose is SwitchParameter s) || s.IsPresent;
            if (bound.ContainsKey("Debug")) return true;
            return !IsOff(cmdlet.GetVariableValue("VerbosePreference"));
        }

        /// <summary>-ProgressAction (PowerShell 7.4+), else $ProgressPreference.</summary>
        public static bool ProgressWanted(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey("ProgressAction")) return true;
            return !IsOff(cmdlet.GetVariableValue("ProgressPreference"));
        }

        private static bool IsOff(object? preference)
        {
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            ActionPreference value;
            if (preference is ActionPreference p) value = p;
            else if (preference is string text && Enum.TryParse(text, true, out ActionPreference parsed)) value = parsed;
            else return false;
            return value == ActionPreference.SilentlyContinue || value == ActionPreference.Ignore;
        }
    }
}
