using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Guarantees;

/// <summary>
/// Storage port for guarantee tiers, the workspace currency, promises' guarantees and the credit ledger. Every call is
/// scoped to one workspace. A promise's guarantee is written with the promise (<see cref="NewPromise.Guarantee"/>) and
/// its pending credit with the change that closed it (<see cref="IPromiseStore"/>), each in that transaction.
/// </summary>
public interface IGuaranteeStore
{
    Task<IReadOnlyList<GuaranteeTier>> ListTiersAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    Task<GuaranteeTier?> GetTierAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken);

    /// <summary>Adds the tier, or replaces the one of that name (promises already made keep their terms).</summary>
    Task SaveTierAsync(WorkspaceId workspace, GuaranteeTier tier, CancellationToken cancellationToken);

    /// <summary>True when a tier of that name was removed.</summary>
    Task<bool> RemoveTierAsync(WorkspaceId workspace, string name, CancellationToken cancellationToken);

    /// <summary>The workspace's ISO currency code, or null when it never set one.</summary>
    Task<string?> GetCurrencyAsync(WorkspaceId workspace, CancellationToken cancellationToken);

    Task SetCurrencyAsync(WorkspaceId workspace, string code, CancellationToken cancellationToken);

    Task<PromiseGuarantee?> GetGuaranteeAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    Task<ServiceCredit?> GetCreditAsync(WorkspaceId workspace, PromiseNumber number, CancellationToken cancellationToken);

    /// <summary>
    /// Issues or waives the promise's credit only while it is pending, appending <paramref name="change"/> to the
    /// promise's history in the same transaction, once per <paramref name="deliveryKey"/>. The promise's own version
    /// is not changed.
    /// </summary>
    Task<CreditDecision> DecideAsync(
        WorkspaceId workspace, PromiseNumber number, CreditState to, string? reason, PromiseEvent change, string? deliveryKey, CancellationToken cancellationToken);

    /// <summary>The credits entered in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<ServiceCredit>> ListCreditsAsync(WorkspaceId workspace, Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>The value guaranteed on promises closed in [<paramref name="from"/>, <paramref name="to"/>), per currency.</summary>
    Task<IReadOnlyList<GuaranteedValue>> GuaranteedValueClosedAsync(WorkspaceId workspace, Instant from, Instant to, CancellationToken cancellationToken);
}
