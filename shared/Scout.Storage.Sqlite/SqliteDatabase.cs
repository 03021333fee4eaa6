using Microsoft.Data.Sqlite;

namespace Scout.Storage.Sqlite;

/// <summary>One SQLite file in WAL mode; a connection per operation (pooled), writes in IMMEDIATE transactions.</summary>
public sealed class SqliteDatabase
{
    private readonly string connectionString;

    public SqliteDatabase(string dataDirectory, string fileName = "scout.db")
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, fileName));
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Exec(connection, "PRAGMA journal_mode=WAL");
        SqliteSchema.Migrate(connection);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteSchema.Exec(connection, "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");
        return connection;
    }

    public T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = Open();
        return read(connection);
    }

    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> write)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var result = write(connection, tx);
        tx.Commit();
        return result;
    }

    public void Write(Action<SqliteConnection, SqliteTransaction> write) =>
        Write<bool>((c, t) => { write(c, t); return true; });
}

internal static class SqliteCommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public static int Exec(this SqliteConnection connection, string sql, SqliteTransaction? tx, params (string, object?)[] parameters)
    {
        using var cmd = connection.Command(sql, tx, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static List<T> Query<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters) =>
        connection.Query(null, sql, map, parameters);

    public static List<T> Query<T>(this SqliteConnection connection, SqliteTransaction? tx, string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var cmd = connection.Command(sql, tx, parameters);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("O");

    public static DateTimeOffset ParseIso(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
