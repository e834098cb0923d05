namespace PromiseBot.Core.Operations;

/// <summary>Which bucket ran dry.</summary>
public enum InboundLimitScope
{
    /// <summary>The person sent too much.</summary>
    Person,

    /// <summary>The workspace as a whole sent too much.</summary>
    Workspace,
}
