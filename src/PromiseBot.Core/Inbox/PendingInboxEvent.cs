using NodaTime;

namespace PromiseBot.Core.Inbox;

public sealed record PendingInboxEvent(long Id, string Source, string Workspace, string EventId, string Body, int Attempts);
