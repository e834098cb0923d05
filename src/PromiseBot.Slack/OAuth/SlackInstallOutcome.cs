using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PromiseBot.Core.Installations;
using PromiseBot.Slack.WebApi;

namespace PromiseBot.Slack.OAuth;

/// <summary>How an install callback ended.</summary>
public abstract record SlackInstallOutcome
{
    private SlackInstallOutcome()
    {
    }

    public sealed record Installed(string Workspace, string DisplayName) : SlackInstallOutcome;

    /// <summary>The person pressed Cancel on Slack's page (<c>error=access_denied</c>).</summary>
    public sealed record Cancelled : SlackInstallOutcome;

    public sealed record Refused(SlackInstallRefusal Reason) : SlackInstallOutcome;

    /// <summary>Slack sent an error, or refused the code (e.g. <c>invalid_code</c>, <c>bad_redirect_uri</c>).</summary>
    public sealed record SlackFailed(string Error) : SlackInstallOutcome;

    public sealed record SlackUnreachable(string Reason) : SlackInstallOutcome;
}
