using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PromiseBot.Teams.Auth;

/// <summary>
/// Reads the OpenID metadata document, follows its <c>jwks_uri</c> and parses the key set, keeping endorsements.
/// Plain http is accepted only for loopback hosts (tests); the document retriever enforces https otherwise.
/// </summary>
public sealed class BotFrameworkSigningKeysRetriever : IConfigurationRetriever<BotFrameworkSigningKeys>
{
    public async Task<BotFrameworkSigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var metadata = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
        string jwksUri;
        using (var document = JsonDocument.Parse(metadata))
        {
            jwksUri = document.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException("The OpenID metadata document has no jwks_uri.");
        }

        if (!TeamsUrls.IsAllowedEndpoint(jwksUri))
        {
            throw new InvalidOperationException("The jwks_uri must be an https URL (plain http only on loopback).");
        }

        var keySet = await retriever.GetDocumentAsync(jwksUri, cancel).ConfigureAwait(false);
        return Parse(keySet);
    }

    internal static BotFrameworkSigningKeys Parse(string keySetJson)
    {
        using var document = JsonDocument.Parse(keySetJson);
        if (!document.RootElement.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The key set has no keys array.");
        }

        var keys = new List<JsonWebKey>();
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var element in keysElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                // Tokens are matched to keys by kid only, so a key without one can never be used.
                continue;
            }

            keys.Add(key);
            var list = new List<string>();
            if (element.TryGetProperty("endorsements", out var endorsed) && endorsed.ValueKind == JsonValueKind.Array)
            {
                foreach (var channel in endorsed.EnumerateArray())
                {
                    if (channel.ValueKind == JsonValueKind.String)
                    {
                        list.Add(channel.GetString()!);
                    }
                }
            }

            endorsements[key.Kid] = list;
        }

        return new BotFrameworkSigningKeys(keys, endorsements);
    }
}
