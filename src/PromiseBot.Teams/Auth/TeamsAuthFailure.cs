namespace PromiseBot.Teams.Auth;

/// <summary>
/// Why an inbound Bot Framework request was refused. Every kind but <see cref="NotEndorsed"/> is a 401; a signing key
/// not endorsed for the activity's channel is a 403, as the Bot Framework authentication doc asks
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
/// </summary>
public enum TeamsAuthFailure
{
    None,

    /// <summary>No <c>Authorization</c> header, or a scheme other than <c>Bearer</c>.</summary>
    MissingToken,

    /// <summary>Not a well-formed JWS compact token.</summary>
    Malformed,

    /// <summary>The token names a key id the metadata does not publish (even after a refresh).</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the key the token names, or uses an algorithm other than RS256/384/512.</summary>
    BadSignature,

    WrongIssuer,

    WrongAudience,

    /// <summary>Expired, or not valid yet, beyond the five minutes of allowed clock skew; or without an expiry.</summary>
    Lifetime,

    /// <summary>The signing key's <c>endorsements</c> do not contain the activity's <c>channelId</c> (403).</summary>
    NotEndorsed,

    /// <summary>The <c>serviceurl</c> claim is missing or differs from the activity's <c>serviceUrl</c>.</summary>
    ServiceUrlMismatch,

    /// <summary>The OpenID metadata or the key set could not be fetched or read; nothing can be trusted.</summary>
    MetadataUnavailable,
}
