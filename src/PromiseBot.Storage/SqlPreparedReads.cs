using System.Data.Common;

namespace PromiseBot.Storage;

/// <summary>
/// One read connection whose statements stay prepared, for hot reads that run one after another (every channel's
/// digest at 09:00). Microsoft.Data.Sqlite compiles the SQL again for every new command
/// (https://github.com/dotnet/efcore/issues/14044); on PostgreSQL the same
/// connection keeps its server-side statements (Npgsql prepares a command on its connection); for the digest path that was about a fifth of its CPU
/// (bench/digest-bench.sh: 10,000 digests 3.9 s -> 3.2 s CPU). Calls take turns on the connection. Each call must read its results to the end or dispose
/// its readers before it returns, so between calls the connection holds no read transaction and never keeps the WAL
/// from being checkpointed.
/// </summary>
public sealed class SqlPreparedReads(IDatabase database) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbConnection? _connection;
    private bool _disposed;

    /// <summary>
    /// Runs <paramref name="read"/> with a function that returns the prepared command for a SQL text (created on
    /// first use; parameters keep their last values, so set every one with <see cref="Bind"/>).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Func<string, DbCommand>, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connection ??= database.Open();
            try
            {
                return read(Command);
            }
            catch
            {
                // Whatever state the failed read left behind, the next call starts from a fresh connection.
                Close();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sets (or adds) a parameter of a prepared command.</summary>
    public static void Bind(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameters = command.Parameters;
        if (parameters.Contains(name))
        {
            parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        return command;
    }

    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }
}
