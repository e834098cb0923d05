namespace PromiseBot.Core.Recovery;

/// <summary>The fields of the recovery-note form, for problems shown under them.</summary>
public enum RecoveryFormField
{
    CustomerTold,
    ApologyGiven,
    Cause,
    CauseText,
    Fix,
    Prevention,
}
