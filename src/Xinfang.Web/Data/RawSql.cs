using System.Data.Common;

namespace Xinfang.Web.Data;

/// <summary>
/// The few places that speak SQL directly (the audit chain's head lock, re-encryption in batches)
/// build their commands here: constant SQL, every value a parameter.
/// </summary>
public static class RawSql
{
    public static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var c = connection.CreateCommand();
        c.Transaction = transaction;
#pragma warning disable CA2100 // callers pass constant SQL (table names are constants); every value is a parameter
        c.CommandText = sql;
#pragma warning restore CA2100
        return c;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
