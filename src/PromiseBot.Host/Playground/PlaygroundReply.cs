using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Dates;
using PromiseBot.Core.Messages;
using PromiseBot.Core.Promises;
using PromiseBot.Core.Scheduling;
using PromiseBot.Core.UseCases;
using PromiseBot.Host.Outbox;
using PromiseBot.Storage.Playground;

namespace PromiseBot.Host.Playground;

/// <summary>What a command or button did, ready for the page.</summary>
public sealed record PlaygroundReply(string Html, string Visibility, string Tone, string Summary, DateTimeOffset Now);
