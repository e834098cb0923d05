using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Core.Promises;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

/// <summary>The workspaces PromiseBot was installed in through OAuth: what an install stores and an uninstall forgets.</summary>
public interface ISlackInstallations
{
    /// <summary>Stores (or, on a re-install, replaces) the installation an <c>oauth.v2.access</c> answer describes.</summary>
    Task<AppInstallation> SaveAsync(SlackOAuthAccess access, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the workspace's installation and its tokens (<c>app_uninstalled</c>, bot <c>tokens_revoked</c>) and
    /// forgets any cached copy. False when there was none.
    /// </summary>
    Task<bool> RemoveAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Forgets any cached token of the workspace, after its installation was deleted from the store.</summary>
    void Forget(string teamId);

    /// <summary>
    /// Notes that workspace <paramref name="teamId"/> belongs to the Enterprise Grid org <paramref name="enterpriseId"/>
    /// (a signed request said so), so an org-wide install's token serves it later. Cheap when already known; a no-op
    /// when OAuth install is off or either id is missing.
    /// </summary>
    ValueTask NoteEnterpriseAsync(string? teamId, string? enterpriseId, CancellationToken cancellationToken);
}
