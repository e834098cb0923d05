namespace PromiseBot.Core;

/// <summary>What an entry point's one catch needs to know about a failure: was it the database not answering?</summary>
public static class StorageFailures
{
    /// <summary>
    /// The database did not answer (refused, timed out, the connection lost): the change was not saved, and trying
    /// again later can work. A database that answered with an error (a constraint, a failed migration) is not this.
    /// </summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException or TimeoutException or System.IO.EndOfStreamException
                or System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
