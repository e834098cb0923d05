using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Installations;

/// <summary>
/// The OAuth <c>state</c> values handed out when an install starts: single use and short-lived, so a callback can
/// only complete an install this server started (https://datatracker.ietf.org/doc/html/rfc6749#section-10.12).
/// Only a hash of each value is stored.
/// </summary>
public interface IInstallStateStore
{
    Task AddAsync(string stateHash, Instant createdAt, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>Marks the state used when it is <see cref="InstallStateCheck.Valid"/>; says why not otherwise.</summary>
    Task<InstallStateCheck> ConsumeAsync(string stateHash, Instant now, CancellationToken cancellationToken);
}
