namespace PromiseBot.Core.Approvals;

/// <summary>The verdict on an extension and how far it moves the deadline, in the limit's unit (0 when no limit is set).</summary>
public sealed record ExtensionCheck(ExtensionVerdict Verdict, int Moved, ExtensionLimit? Limit);
