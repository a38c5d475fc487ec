using Microsoft.Data.Sqlite;

namespace MLPrimer.Messaging;

/// <summary>
/// The state that event consumers share: per-user click counts and spend in one SQLite file (WAL mode, so readers
/// never block the writer), updated one transaction per event. With <c>idempotent: true</c> the same transaction
/// records the event's id in <c>processed_events</c>, so a redelivered event changes nothing the second time.
/// </summary>
public sealed class UserFeatureStore : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>; <paramref name="idempotent"/> turns de-duplication by event id on.</summary>
    public UserFeatureStore(string path, bool idempotent)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must be a non-empty file path for the SQLite database.", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
        Idempotent = idempotent;
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS user_features (user_id INTEGER PRIMARY KEY, clicks INTEGER NOT NULL, spend REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS processed_events (event_id TEXT PRIMARY KEY, consumer TEXT NOT NULL);
            """);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether events are de-duplicated by id.</summary>
    public bool Idempotent { get; }

    /// <summary>
    /// Applies one click event in one transaction: +1 click and +<paramref name="amount"/> spend for <paramref name="userId"/>.
    /// Returns false, changing nothing, when the store is idempotent and <paramref name="eventId"/> was applied before.
    /// </summary>
    public bool Apply(string eventId, long userId, double amount, string consumer)
    {
        if (string.IsNullOrWhiteSpace(eventId)) throw new ArgumentException("eventId must be the event's non-empty id (the stream entry id).", nameof(eventId));
        if (!double.IsFinite(amount)) throw new ArgumentException($"amount must be a finite number; got {amount}.", nameof(amount));
        using var tx = _connection.BeginTransaction(deferred: false);
        if (Idempotent)
        {
            using var mark = new SqliteCommand("INSERT OR IGNORE INTO processed_events VALUES ($id, $consumer)", _connection, tx);
            mark.Parameters.AddWithValue("$id", eventId);
            mark.Parameters.AddWithValue("$consumer", consumer ?? "");
            if (mark.ExecuteNonQuery() == 0) { tx.Rollback(); return false; }   // seen before: a duplicate delivery
        }
        using var update = new SqliteCommand("""
            INSERT INTO user_features VALUES ($user, 1, $amount)
            ON CONFLICT(user_id) DO UPDATE SET clicks = clicks + 1, spend = spend + $amount
            """, _connection, tx);
        update.Parameters.AddWithValue("$user", userId);
        update.Parameters.AddWithValue("$amount", amount);
        update.ExecuteNonQuery();
        tx.Commit();
        return true;
    }

    /// <summary>Total clicks and spend over all users, as committed.</summary>
    public (long Clicks, double Spend) Totals()
    {
        using var cmd = new SqliteCommand("SELECT COALESCE(SUM(clicks), 0), COALESCE(SUM(spend), 0) FROM user_features", _connection);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetDouble(1));
    }

    /// <summary>One user's clicks and spend, or (0, 0) when the user has no events.</summary>
    public (long Clicks, double Spend) Features(long userId)
    {
        using var cmd = new SqliteCommand("SELECT clicks, spend FROM user_features WHERE user_id = $user", _connection);
        cmd.Parameters.AddWithValue("$user", userId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetDouble(1)) : (0, 0);
    }

    /// <summary>How many events each consumer applied, from <c>processed_events</c> (empty unless idempotent).</summary>
    public IReadOnlyDictionary<string, long> AppliedByConsumer()
    {
        using var cmd = new SqliteCommand("SELECT consumer, COUNT(*) FROM processed_events GROUP BY consumer ORDER BY consumer", _connection);
        using var r = cmd.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (r.Read()) counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }

    /// <summary>The database's journal mode (<c>wal</c> for this store).</summary>
    public string JournalMode()
    {
        using var cmd = new SqliteCommand("PRAGMA journal_mode", _connection);
        return (string)cmd.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var cmd = new SqliteCommand(sql, _connection);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => _connection.Dispose();
}
