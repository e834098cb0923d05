using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Files;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;

namespace PromiseBot.Teams.Hosting;

/// <summary>
/// Short-lived download links for files Teams cannot carry into a channel (an export): the file is held in the
/// database for <see cref="Lifetime"/>, and the link names it with a token signed by ASP.NET Core Data Protection
/// (whose key ring every host shares), so it cannot be forged or pointed at another workspace's file, and it carries
/// its expiry, checked against the host's clock. On only with <see cref="TeamsOptions.PublicUrl"/> set.
/// </summary>
public sealed class TeamsFileLinks(IOptions<TeamsOptions> options, IHeldFileStore files, TimeProvider time, IDataProtectionProvider? protection = null)
{
    public const string Route = "/teams/files/{token}/{name}";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Purpose = "PromiseBot.Teams.FileLinks.v1";

    private readonly IDataProtector? _protector = protection?.CreateProtector(Purpose);

    private readonly Uri? _base =
        Uri.TryCreate(options.Value.PublicUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var url) && TeamsUrls.IsAllowedEndpoint(url) ? url : null;

    public bool IsOn => _protector is not null && _base is not null;

    /// <summary>Holds <paramref name="file"/> and returns the link to it, or null when links are off.</summary>
    public async Task<string?> CreateAsync(WorkspaceId workspace, FileBlock file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_protector is null || _base is not { } root)
        {
            return null;
        }

        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        var expires = now + Duration.FromTimeSpan(Lifetime);
        var id = await files.AddAsync(workspace, new HeldFile(file.FileName, file.MediaType, file.Content), now, expires, cancellationToken).ConfigureAwait(false);
        var token = _protector.Protect(string.Join('\n', workspace.Value, id, expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return new Uri(root, "teams/files/" + Uri.EscapeDataString(token) + "/" + Uri.EscapeDataString(file.FileName)).AbsoluteUri;
    }

    /// <summary>The file a link's token names, or null when the token is forged, expired, or its file is gone.</summary>
    public async Task<HeldFile?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (_protector is null || string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('\n');
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || now >= Instant.FromUnixTimeMilliseconds(expires))
        {
            return null;
        }

        return await files.GetAsync(new WorkspaceId(parts[0]), parts[1], now, cancellationToken).ConfigureAwait(false);
    }
}
