using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PromiseBot.Teams.Auth;

/// <summary>
/// One snapshot of the Bot Framework signing keys with each key's <c>endorsements</c> (the channels it may sign for).
/// The standard OpenID configuration model drops unknown JWK members, so the key set is read raw here.
/// </summary>
public sealed class BotFrameworkSigningKeys(IReadOnlyList<JsonWebKey> keys, IReadOnlyDictionary<string, IReadOnlyList<string>> endorsements)
{
    public IReadOnlyList<JsonWebKey> Keys { get; } = keys;

    /// <summary>Endorsements by key id; a key without any has an empty list.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements { get; } = endorsements;

    public IReadOnlyList<string> EndorsementsOf(string? keyId) =>
        keyId is not null && Endorsements.TryGetValue(keyId, out var list) ? list : [];
}
