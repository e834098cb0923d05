using System.Data.Common;

namespace PromiseBot.Storage;

/// <summary>
/// An <see cref="IDbUnit"/> over a connection and transaction that are not the writer's (the migrator's own). Its
/// prepared commands live as long as the unit.
/// </summary>
internal sealed class TransactionUnit(DbConnection connection, DbTransaction transaction) : IDbUnit, IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public DbCommand GetCommand(string sql, IReadOnlyList<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }

            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
