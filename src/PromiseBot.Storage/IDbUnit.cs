using System.Data.Common;

namespace PromiseBot.Storage;

/// <summary>
/// One unit of work inside a write transaction of an <see cref="IDbWriter"/>: the connection and transaction to run
/// Dapper on (provider-neutral ADO.NET types, so the same calls run on any provider), and the writer's cache of
/// prepared statements for hot writes. Valid only while the work that received it runs.
/// </summary>
public interface IDbUnit
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    /// <summary>
    /// A command for <paramref name="sql"/> prepared once on the writer's connection and reused by every later unit,
    /// enlisted in <see cref="Transaction"/>. On first use the parameters are created in the order of
    /// <paramref name="parameterNames"/>; callers set <c>Parameters[i].Value</c> by that order. Read a statement's
    /// results to the end (or dispose its reader) before the work returns: an unfinished statement keeps SQLite from
    /// checkpointing the WAL.
    /// </summary>
    DbCommand GetCommand(string sql, IReadOnlyList<string> parameterNames);
}
