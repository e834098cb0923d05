using NodaTime;
using PromiseBot.Core.Commands;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Scheduling;

/// <summary>A promise the scan must look at, with the platform its workspace is on.</summary>
public sealed record DueEscalation(TrackedPromise Tracked, ChatPlatform Platform);
