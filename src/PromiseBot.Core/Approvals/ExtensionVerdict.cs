namespace PromiseBot.Core.Approvals;

/// <summary>What <see cref="ExtensionAuthority.Check"/> decided about one extension.</summary>
public enum ExtensionVerdict
{
    /// <summary>Within the limit, no limit set, made by the manager, or not later at all: apply it.</summary>
    Allowed,

    /// <summary>Beyond the limit: it becomes a request to the manager.</summary>
    NeedsApproval,

    /// <summary>Beyond the limit, and nobody to ask: refused until <c>config manager @someone</c>.</summary>
    NoManager,
}
