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

/// <summary>What the browser brought back to the callback: Slack's query parameters and our state cookie.</summary>
public sealed record SlackInstallCallback(string? Code, string? State, string? Error, string? CookieState)
{
    public override string ToString() => $"SlackInstallCallback {{ HasCode = {Code is not null}, HasState = {State is not null}, Error = {Error} }}";
}
