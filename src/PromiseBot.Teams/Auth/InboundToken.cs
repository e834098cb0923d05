using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PromiseBot.Teams.Auth;

/// <summary>
/// What a verified Bearer token allows: the caller's signing-key endorsements and its <c>serviceurl</c> claim, which
/// must still be matched against the activity (<see cref="Authorize"/>) once the body has been read.
/// </summary>
public sealed record InboundToken(TeamsAuthFailure Failure, string? KeyId, IReadOnlyList<string> Endorsements, string? ServiceUrl)
{
    public bool IsValid => Failure == TeamsAuthFailure.None;

    /// <summary>For a valid token: the last moment it is accepted (expiry plus the allowed skew).</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    public static InboundToken Refused(TeamsAuthFailure failure) => new(failure, null, [], null);

    /// <summary>
    /// The checks that need the activity: the key must be endorsed for its <c>channelId</c> (else
    /// <see cref="TeamsAuthFailure.NotEndorsed"/>, a 403) and the <c>serviceurl</c> claim must equal its
    /// <c>serviceUrl</c> (case-insensitive, as botbuilder compares them).
    /// </summary>
    public TeamsAuthFailure Authorize(string? channelId, string? serviceUrl)
    {
        if (!IsValid)
        {
            return Failure;
        }

        if (string.IsNullOrEmpty(channelId) || !Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return TeamsAuthFailure.NotEndorsed;
        }

        return string.IsNullOrEmpty(ServiceUrl) || !string.Equals(ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase)
            ? TeamsAuthFailure.ServiceUrlMismatch
            : TeamsAuthFailure.None;
    }
}
