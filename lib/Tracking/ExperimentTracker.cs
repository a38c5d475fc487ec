using System.Globalization;
using Microsoft.Data.Analysis;
using Microsoft.Data.Sqlite;

namespace MLPrimer.Tracking;

/// <summary>A small experiment tracker in the spirit of MLflow: runs with parameters, metric series, artifacts, and the code
/// and data versions they used, kept in one SQLite file (<c>tracking.db</c>) plus an <c>artifacts/</c> folder.</summary>
/// <remarks>SQLite gives transactions (a crash never leaves half a metric row), one portable file, and SQL for any question
/// the helper methods do not answer (<see cref="Query"/>). Artifact files are written atomically and hashed.</remarks>
public sealed class ExperimentTracker : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    private ExperimentTracker(string directory)
    {
        Directory = directory;
        DatabasePath = System.IO.Path.Combine(directory, "tracking.db");
        ArtifactsDirectory = System.IO.Path.Combine(directory, "artifacts");
        System.IO.Directory.CreateDirectory(ArtifactsDirectory);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        try
        {
            _db.Open();
            CreateSchema();
        }
        catch (SqliteException e)
        {
            _db.Dispose();   // a failed open must not leave the file descriptor behind
            throw new InvalidDataException($"Cannot open the tracking store {DatabasePath}: {e.Message}", e);
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    private void CreateSchema()
    {
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT, experiment TEXT NOT NULL, name TEXT NOT NULL,
                status TEXT NOT NULL, started_utc TEXT NOT NULL, ended_utc TEXT,
                git_commit TEXT, git_dirty INTEGER);
            CREATE TABLE IF NOT EXISTS params (
                run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, value TEXT NOT NULL,
                PRIMARY KEY (run_id, key));
            CREATE TABLE IF NOT EXISTS metrics (
                run_id INTEGER NOT NULL REFERENCES runs(id), key TEXT NOT NULL, step INTEGER NOT NULL,
                value REAL, time_ms INTEGER NOT NULL, PRIMARY KEY (run_id, key, step));
            CREATE TABLE IF NOT EXISTS data_versions (
                run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
                PRIMARY KEY (run_id, path));
            CREATE TABLE IF NOT EXISTS artifacts (
                run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, path TEXT NOT NULL,
                sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (run_id, name));
            """);
    }

    /// <summary>Opens (or creates) the tracking store in <paramref name="directory"/>.</summary>
    public static ExperimentTracker Open(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new ArgumentException("directory must be a non-empty folder path.", nameof(directory));
        return new ExperimentTracker(System.IO.Path.GetFullPath(directory));
    }

    /// <summary>The folder holding the store.</summary>
    public string Directory { get; }

    /// <summary>Full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Folder under which each run's artifacts are kept (<c>artifacts/&lt;run id&gt;/</c>).</summary>
    public string ArtifactsDirectory { get; }

    /// <summary>Starts a run: records its parameters, the code version (git, unless <paramref name="code"/> is given) and the
    /// SHA-256 of each file in <paramref name="dataFiles"/>.</summary>
    public TrackedRun StartRun(string experiment, string? name = null, IReadOnlyDictionary<string, object?>? parameters = null,
        IEnumerable<string>? dataFiles = null, CodeVersion? code = null)
    {
        if (string.IsNullOrWhiteSpace(experiment))
            throw new ArgumentException("experiment must be a non-empty name.", nameof(experiment));
        var files = (dataFiles ?? []).ToArray();
        foreach (var f in files)
            if (!File.Exists(f))
                throw new ArgumentException($"Data file '{f}' does not exist.", nameof(dataFiles));
        code ??= CodeVersion.FromGit();
        var hashes = files.Select(f => new DataVersion(System.IO.Path.GetFullPath(f), FileHash.Sha256(f), new FileInfo(f).Length)).ToArray();
        long id;
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            id = (long)Scalar(tx, "INSERT INTO runs (experiment, name, status, started_utc, git_commit, git_dirty) " +
                "VALUES ($e, '', $s, $t, $c, $d) RETURNING id",
                ("$e", experiment), ("$s", RunStatus.Running.ToString()), ("$t", Now()), ("$c", code.Commit),
                ("$d", code.Dirty is bool b ? (b ? 1 : 0) : null))!;
            name = string.IsNullOrWhiteSpace(name) ? $"run-{id}" : name;
            Execute(tx, "UPDATE runs SET name = $n WHERE id = $id", ("$n", name), ("$id", id));
            foreach (var d in hashes)
                Execute(tx, "INSERT INTO data_versions VALUES ($id, $p, $h, $b)", ("$id", id), ("$p", d.Path), ("$h", d.Sha256), ("$b", d.Bytes));
            tx.Commit();
        }
        var run = new TrackedRun(this, id, experiment, name);
        if (parameters is not null) run.LogParams(parameters);
        return run;
    }

    /// <summary>Reopens an ended run (e.g. one interrupted and now resumed from a checkpoint); it is marked running again.</summary>
    public TrackedRun ResumeRun(long runId)
    {
        var info = Run(runId);
        lock (_lock)
            Execute(null, "UPDATE runs SET status = $s, ended_utc = NULL WHERE id = $id", ("$s", RunStatus.Running.ToString()), ("$id", runId));
        return new TrackedRun(this, runId, info.Experiment, info.Name);
    }

    /// <summary>All runs (of one experiment when given), oldest first.</summary>
    public IReadOnlyList<RunInfo> Runs(string? experiment = null)
    {
        // Four queries whatever the number of runs: the runs, then each child table joined to the same selection of runs.
        const string selected = "SELECT id FROM runs WHERE $e IS NULL OR experiment = $e";
        lock (_lock)
        {
            var runs = ReadRuns($"SELECT id, experiment, name, status, started_utc, ended_utc, git_commit, git_dirty FROM runs WHERE id IN ({selected}) ORDER BY id", ("$e", experiment));
            var parameters = ReadParams($"SELECT run_id, key, value FROM params WHERE run_id IN ({selected}) ORDER BY run_id, key", ("$e", experiment));
            var data = ReadDataVersions($"SELECT run_id, path, sha256, bytes FROM data_versions WHERE run_id IN ({selected}) ORDER BY run_id, path", ("$e", experiment));
            var artifacts = ReadArtifacts($"SELECT run_id, name, path, sha256, bytes FROM artifacts WHERE run_id IN ({selected}) ORDER BY run_id, name", ("$e", experiment));
            return runs.Select(r => r.Complete(parameters, data, artifacts)).ToArray();
        }
    }

    /// <summary>One run's record.</summary>
    public RunInfo Run(long runId)
    {
        lock (_lock)
        {
            var runs = ReadRuns("SELECT id, experiment, name, status, started_utc, ended_utc, git_commit, git_dirty FROM runs WHERE id = $id", ("$id", runId));
            if (runs.Count == 0)
                throw new ArgumentException($"There is no run {runId} in {DatabasePath}.", nameof(runId));
            return runs[0].Complete(
                ReadParams("SELECT run_id, key, value FROM params WHERE run_id = $id ORDER BY key", ("$id", runId)),
                ReadDataVersions("SELECT run_id, path, sha256, bytes FROM data_versions WHERE run_id = $id ORDER BY path", ("$id", runId)),
                ReadArtifacts("SELECT run_id, name, path, sha256, bytes FROM artifacts WHERE run_id = $id ORDER BY name", ("$id", runId)));
        }
    }

    /// <summary>The series of one metric of one run, ordered by step (a value logged as NaN comes back as NaN).</summary>
    public IReadOnlyList<MetricPoint> Metric(long runId, string key)
    {
        lock (_lock)
        {
            using var cmd = Command(null, "SELECT step, value FROM metrics WHERE run_id = $id AND key = $k ORDER BY step", ("$id", runId), ("$k", key));
            using var reader = cmd.ExecuteReader();
            var points = new List<MetricPoint>();
            while (reader.Read()) points.Add(new MetricPoint(reader.GetInt64(0), reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1)));
            return points;
        }
    }

    /// <summary>Names of the metrics a run logged, sorted.</summary>
    public IReadOnlyList<string> MetricKeys(long runId)
    {
        lock (_lock)
        {
            using var cmd = Command(null, "SELECT DISTINCT key FROM metrics WHERE run_id = $id ORDER BY key", ("$id", runId));
            using var reader = cmd.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read()) keys.Add(reader.GetString(0));
            return keys;
        }
    }

    /// <summary>A table with one row per run: id, name, status, every parameter any of them has, and the last logged value of
    /// each metric in <paramref name="metricKeys"/> (empty cells where a run lacks one).</summary>
    public DataFrame Compare(IEnumerable<long> runIds, params string[] metricKeys)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var runs = runIds.Select(Run).ToArray();
        if (runs.Length == 0)
            throw new ArgumentException("runIds must name at least one run.", nameof(runIds));
        var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var columns = new List<DataFrameColumn>
        {
            new Int64DataFrameColumn("run", runs.Select(r => r.Id)),
            new StringDataFrameColumn("name", runs.Select(r => r.Name)),
            new StringDataFrameColumn("status", runs.Select(r => r.Status.ToString())),
        };
        columns.AddRange(paramKeys.Select(k => new StringDataFrameColumn(k, runs.Select(r => r.Params.GetValueOrDefault(k)))));
        foreach (var key in metricKeys)
            columns.Add(new DoubleDataFrameColumn(key, runs.Select(r => Metric(r.Id, key) is { Count: > 0 } s ? s[^1].Value : (double?)null)));
        return new DataFrame(columns);
    }

    /// <summary>Runs a read query against the store (tables runs, params, metrics, data_versions, artifacts) and returns the
    /// rows as a DataFrame; a column becomes Int64 or Double when all its values are, otherwise String.</summary>
    public DataFrame Query(string sql, params (string Name, object? Value)[] parameters)
    {
        if (string.IsNullOrWhiteSpace(sql))
            throw new ArgumentException("sql must be a non-empty query.", nameof(sql));
        List<object?[]> rows = [];
        string[] names;
        // A connection of its own, opened read-only: a query that tries to write fails instead of changing the store.
        var readOnlyConnection = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using (var readOnly = new SqliteConnection(readOnlyConnection.ToString()))
        {
            readOnly.Open();
            using var cmd = readOnly.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
            Interlocked.Increment(ref _commands);
            using var reader = cmd.ExecuteReader();
            names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            while (reader.Read())
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        var columns = new List<DataFrameColumn>();
        for (var c = 0; c < names.Length; c++)
        {
            var values = rows.Select(r => r[c]).ToArray();
            if (values.All(v => v is null or long))
                columns.Add(new Int64DataFrameColumn(names[c], values.Select(v => (long?)v)));
            else if (values.All(v => v is null or long or double))
                columns.Add(new DoubleDataFrameColumn(names[c], values.Select(v => v is null ? (double?)null : Convert.ToDouble(v, CultureInfo.InvariantCulture))));
            else
                columns.Add(new StringDataFrameColumn(names[c], values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return new DataFrame(columns);
    }

    /// <summary>Closes the database file.</summary>
    public void Dispose()
    {
        lock (_lock) _db.Dispose();
    }

    // ---- used by TrackedRun -------------------------------------------------------------------------

    internal void InsertParams(long runId, IEnumerable<KeyValuePair<string, string>> values)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            foreach (var (key, value) in values)
            {
                var old = (string?)Scalar(tx, "SELECT value FROM params WHERE run_id = $id AND key = $k", ("$id", runId), ("$k", key));
                if (old is not null && old != value)
                    throw new ArgumentException($"Parameter '{key}' of run {runId} is already '{old}'; parameters cannot change within a run.", nameof(values));
                Execute(tx, "INSERT OR IGNORE INTO params VALUES ($id, $k, $v)", ("$id", runId), ("$k", key), ("$v", value));
            }
            tx.Commit();
        }
    }

    internal void InsertMetrics(long runId, IEnumerable<KeyValuePair<string, double>> values, long step)
    {
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            foreach (var (key, value) in values)
                Execute(tx, "INSERT OR REPLACE INTO metrics VALUES ($id, $k, $s, $v, $t)",
                    ("$id", runId), ("$k", key), ("$s", step), ("$v", double.IsNaN(value) ? null : value), ("$t", time));
            tx.Commit();
        }
    }

    internal ArtifactInfo InsertArtifact(long runId, string name, Action<Stream> write)
    {
        var path = System.IO.Path.Combine(ArtifactsDirectory, runId.ToString(CultureInfo.InvariantCulture), name);
        AtomicFile.Write(path, write);
        var info = new ArtifactInfo(name, path, FileHash.Sha256(path), new FileInfo(path).Length);
        lock (_lock)
            Execute(null, "INSERT OR REPLACE INTO artifacts VALUES ($id, $n, $p, $h, $b)",
                ("$id", runId), ("$n", name), ("$p", path), ("$h", info.Sha256), ("$b", info.Bytes));
        return info;
    }

    internal void SetStatus(long runId, RunStatus status)
    {
        lock (_lock)
            Execute(null, "UPDATE runs SET status = $s, ended_utc = $t WHERE id = $id",
                ("$s", status.ToString()), ("$t", status == RunStatus.Running ? null : Now()), ("$id", runId));
    }

    /// <summary>A run row read before its child rows: <see cref="Complete"/> attaches them.</summary>
    private sealed record RunRow(long Id, string Experiment, string Name, RunStatus Status, DateTime Started, DateTime? Ended, CodeVersion Code)
    {
        public RunInfo Complete(ILookup<long, KeyValuePair<string, string>> parameters, ILookup<long, DataVersion> data, ILookup<long, ArtifactInfo> artifacts) =>
            new(Id, Experiment, Name, Status, Started, Ended, Code,
                parameters[Id].ToDictionary(p => p.Key, p => p.Value), data[Id].ToList(), artifacts[Id].ToList());
    }

    private List<RunRow> ReadRuns(string sql, params (string Name, object? Value)[] parameters) =>
        Read(sql, parameters, r => new RunRow(r.GetInt64(0), r.GetString(1), r.GetString(2), Enum.Parse<RunStatus>(r.GetString(3)),
            ParseTime(r.GetString(4)), r.IsDBNull(5) ? null : ParseTime(r.GetString(5)),
            new CodeVersion(r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7) != 0)));

    private ILookup<long, KeyValuePair<string, string>> ReadParams(string sql, params (string Name, object? Value)[] parameters) =>
        Read(sql, parameters, r => (Run: r.GetInt64(0), Value: new KeyValuePair<string, string>(r.GetString(1), r.GetString(2))))
            .ToLookup(x => x.Run, x => x.Value);

    private ILookup<long, DataVersion> ReadDataVersions(string sql, params (string Name, object? Value)[] parameters) =>
        Read(sql, parameters, r => (Run: r.GetInt64(0), Value: new DataVersion(r.GetString(1), r.GetString(2), r.GetInt64(3))))
            .ToLookup(x => x.Run, x => x.Value);

    private ILookup<long, ArtifactInfo> ReadArtifacts(string sql, params (string Name, object? Value)[] parameters) =>
        Read(sql, parameters, r => (Run: r.GetInt64(0), Value: new ArtifactInfo(r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4))))
            .ToLookup(x => x.Run, x => x.Value);

    private List<T> Read<T>(string sql, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> row)
    {
        using var cmd = Command(null, sql, parameters);
        using var reader = cmd.ExecuteReader();
        var result = new List<T>();
        while (reader.Read()) result.Add(row(reader));
        return result;
    }

    /// <summary>SQL commands issued so far (tests check that listing runs costs a fixed number of queries).</summary>
    internal long CommandsIssued => Interlocked.Read(ref _commands);

    private long _commands;

    private SqliteCommand Command(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        Interlocked.Increment(ref _commands);
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        return cmd;
    }

    private void Execute(string sql) => Execute(null, sql);

    private void Execute(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(tx, sql, parameters);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
