using System.Data.Common;
using System.Net.Sockets;
using PromiseBot.Core.Messages;

namespace PromiseBot.Core.Tests.Messages;

/// <summary>The one catch tells a database that does not answer apart from a bug, and says nothing was changed either way.</summary>
public sealed class StorageFailureMessageTests
{
    [Fact]
    public void ADatabaseThatDoesNotAnswer_IsToldAsSuch()
    {
        Exception[] outages =
        [
            new TransientDbException(),
            new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionRefused)),
            new TimeoutException(),
        ];

        Assert.All(outages, e => Assert.Equal(PromiseMessages.CannotSaveRightNowText, PromiseMessages.SomethingWentWrong(e).Summary));
    }

    [Fact]
    public void AnythingElse_IsSomethingWentWrong()
    {
        Exception[] bugs = [new InvalidOperationException("a bug"), new PermanentDbException()];

        Assert.All(bugs, e => Assert.Equal(PromiseMessages.SomethingWentWrongText, PromiseMessages.SomethingWentWrong(e).Summary));
    }

    private sealed class TransientDbException() : DbException("connection refused")
    {
        public override bool IsTransient => true;
    }

    private sealed class PermanentDbException() : DbException("duplicate key");
}
