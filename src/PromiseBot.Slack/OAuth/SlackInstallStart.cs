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

/// <summary>Where to send the browser to install the app, and the state value its cookie must carry back.</summary>
public sealed record SlackInstallStart(string State, Uri AuthorizeUrl, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"SlackInstallStart {{ ExpiresAt = {ExpiresAt} }}";
}
