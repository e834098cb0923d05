using NodaTime;
using PromiseBot.Core.Promises;

namespace PromiseBot.Storage.Tests;

/// <summary>The workspaces, the moment and the promise every storage test uses.</summary>
public static class StoreFixture
{
    public static readonly WorkspaceId Acme = new("T-ACME");
    public static readonly WorkspaceId Globex = new("T-GLOBEX");
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 15, 0);

    public static NewPromise NewPromise(WorkspaceId workspace, string title = "Send the quote", Duration? dueIn = null, string channel = "C1", string owner = "U1") =>
        new(workspace, title, "Acme", new UserId(owner), null, "quotes", Now + (dueIn ?? Duration.FromDays(2)), new UserId(owner), Now, channel, null);
}
