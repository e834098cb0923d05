using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace PromiseBot.Storage;

/// <summary>
/// The one writer of the database. SQLite allows a single writer at a time; many pooled connections writing at once
/// collide and back off (measured: throughput collapses and p99 grows to ~300 ms). So every write is queued here and
/// run on one connection. Writes that queue up while a transaction is open are grouped into the next transaction
/// ("group commit"), each inside its own SAVEPOINT so one failing write does not undo the others. A caller's task
/// completes only after the COMMIT that contains its write has returned: acknowledged means durable. The SQLite
/// implementation of <see cref="IDbWriter"/>.
/// </summary>
public sealed class SqliteWriter : IDbWriter, IAsyncDisposable
{
    // The savepoints are sequential, never nested, so one name serves every write of a group. Prepared once: parsing
    // SQL costs more than running these statements.
    private const string SavepointSql = "SAVEPOINT w";
    private const string ReleaseSql = "RELEASE w";
    private const string RollbackToSql = "ROLLBACK TO w";

    // Every page a write touches inside a savepoint is first copied to the statement sub-journal; by default that
    // spills to a temporary file after 64 KiB (a few creates), costing a pwrite per page. The sub-journal only ever
    // holds data of the open transaction (the WAL holds what is durable), so memory is the right place for it.
    private const string WriterPragmasSql = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";

    private readonly Channel<IWorkItem> _queue = Channel.CreateUnbounded<IWorkItem>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    private readonly SqliteDatabase _database;
    private readonly int _maxBatch;
    private readonly Task _loop;

    // Touched only by the writer task (inside RunAsync and the work it runs), so no locking.
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    // The one unit handed to every work item, re-pointed at each batch's transaction: no allocation per write.
    private readonly Unit _unit;

    public SqliteWriter(SqliteDatabase database, SqliteOptions options)
    {
        _database = database;
        _maxBatch = Math.Max(1, options.MaxBatch);
        _unit = new Unit(this);
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Runs <paramref name="work"/> inside a write transaction (its own savepoint) and completes after it is committed.</summary>
    public Task<T> ExecuteAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken) => Enqueue(work, alone: false, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction of its own, without a savepoint, and completes after it is committed.</summary>
    public Task<T> ExecuteAloneAsync<T>(Func<IDbUnit, T> work, CancellationToken cancellationToken) => Enqueue(work, alone: true, cancellationToken);

    private Task<T> Enqueue<T>(Func<IDbUnit, T> work, bool alone, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WorkItem<T>(work, alone);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        // Cancellation only stops the caller from waiting; a queued write still runs or is rejected as a whole, so
        // the database never holds half a change.
        return item.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A command for <paramref name="sql"/> prepared once on the writer's connection and reused by every later write,
    /// enlisted in <paramref name="transaction"/> (<see cref="IDbUnit.GetCommand"/>). Runs only on the writer task.
    /// </summary>
    private SqliteCommand GetCommand(SqliteTransaction transaction, string sql, IReadOnlyList<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = transaction.Connection!.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Transaction = transaction;
            command.Prepare();
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        using var connection = _database.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = WriterPragmasSql;
            pragmas.ExecuteNonQuery();
        }

        var batch = new List<IWorkItem>(_maxBatch);
        IWorkItem? held = null;
        while (held is not null || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            if (held is not null)
            {
                batch.Add(held);
                held = null;
            }

            // A work item that runs alone ends the batch before it and goes in one of its own.
            while (batch.Count < _maxBatch && !(batch.Count == 1 && batch[0].Alone) && _queue.Reader.TryRead(out var item))
            {
                if (item.Alone && batch.Count > 0)
                {
                    held = item;
                    break;
                }

                batch.Add(item);
            }

            if (batch.Count == 1 && batch[0].Alone)
            {
                RunAlone(connection, batch[0]);
            }
            else
            {
                RunBatch(connection, batch);
            }
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private void RunBatch(SqliteConnection connection, List<IWorkItem> batch)
    {
        SqliteTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Fail(ex);
            }

            return;
        }

        using (transaction)
        {
            _unit.Transaction = transaction;
            var savepoint = GetCommand(transaction, SavepointSql, []);
            var release = GetCommand(transaction, ReleaseSql, []);
            for (var i = 0; i < batch.Count; i++)
            {
                savepoint.ExecuteNonQuery();
                try
                {
                    batch[i].Run(_unit);
                    release.ExecuteNonQuery();
                }
                catch (Exception ex)
                {
                    GetCommand(transaction, RollbackToSql, []).ExecuteNonQuery();
                    release.ExecuteNonQuery();
                    batch[i].Fail(ex);
                }
            }

            _unit.Transaction = null;
            try
            {
                transaction.Commit();
            }
            catch (Exception ex)
            {
                foreach (var item in batch)
                {
                    item.Fail(ex);
                }

                return;
            }
        }

        foreach (var item in batch)
        {
            item.Publish();
        }
    }

    private void RunAlone(SqliteConnection connection, IWorkItem item)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            _unit.Transaction = transaction;
            try
            {
                item.Run(_unit);
            }
            finally
            {
                _unit.Transaction = null;
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Disposing the transaction rolled it back.
            item.Fail(ex);
            return;
        }

        item.Publish();
    }

    private interface IWorkItem
    {
        bool Alone { get; }

        void Run(IDbUnit unit);

        void Fail(Exception exception);

        void Publish();
    }

    private sealed class Unit(SqliteWriter writer) : IDbUnit
    {
        public SqliteTransaction? Transaction { get; set; }

        public DbConnection Connection => Open().Connection!;

        DbTransaction IDbUnit.Transaction => Open();

        public DbCommand GetCommand(string sql, IReadOnlyList<string> parameterNames) => writer.GetCommand(Open(), sql, parameterNames);

        // Work that kept the unit past its return (a bug) fails loudly instead of writing outside a transaction.
        private SqliteTransaction Open() =>
            Transaction ?? throw new InvalidOperationException("The unit of work is used outside the write that received it.");
    }

    private sealed class WorkItem<T>(Func<IDbUnit, T> work, bool alone) : IWorkItem
    {
        public bool Alone => alone;

        private T _result = default!;
        private bool _failed;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(IDbUnit unit) => _result = work(unit);

        public void Fail(Exception exception)
        {
            _failed = true;
            Completion.TrySetException(exception);
        }

        public void Publish()
        {
            if (!_failed)
            {
                Completion.TrySetResult(_result);
            }
        }
    }
}
