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

/// <summary>Why a callback was refused before anything was asked of Slack.</summary>
public enum SlackInstallRefusal
{
    MissingState,
    /// <summary>No state cookie, or a different one: the install was started in another browser (or by someone else).</summary>
    WrongBrowser,
    UnknownState,
    ExpiredState,
    AlreadyUsed,
    MissingCode,
}
