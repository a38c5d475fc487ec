using System.Text.Json;
using MLPrimer.Tracking;

namespace MLPrimer.Serving;

/// <summary>One registered model: its version number, file, SHA-256, registration time and free-form metadata.</summary>
public sealed record ModelVersion(int Version, string ModelPath, string Sha256, DateTime CreatedUtc, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The version as a label, e.g. "v3".</summary>
    public string Label => $"v{Version}";
}

/// <summary>
/// A versioned model store in a folder: <c>v0001/model.bin</c> and <c>v0001/meta.json</c> per version, and <c>production.json</c>
/// with the history of promoted versions (the last one serves). Every file is written atomically, and a version only counts once
/// its metadata (written last) exists, so a crash mid-registration never yields a half model. One writer at a time.
/// </summary>
public sealed class ModelRegistry
{
    private const string ModelFile = "model.bin", MetaFile = "meta.json", ProductionFile = "production.json";

    /// <summary>Opens (creating if needed) the registry in <paramref name="root"/>.</summary>
    public ModelRegistry(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("root must be a folder path.", nameof(root));
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The registry's folder.</summary>
    public string Root { get; }

    /// <summary>Stores a new version: <paramref name="writeModel"/> fills the model file; returns the new version.</summary>
    public ModelVersion Register(Action<Stream> writeModel, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(writeModel);
        int version = Directory.EnumerateDirectories(Root, "v*").Select(d => ParseVersion(Path.GetFileName(d))).DefaultIfEmpty(0).Max() + 1;
        string folder = Folder(version);
        Directory.CreateDirectory(folder);
        string modelPath = Path.Combine(folder, ModelFile);
        AtomicFile.Write(modelPath, writeModel);
        string sha = FileHash.Compute(modelPath);
        var meta = new Dictionary<string, object>
        {
            ["version"] = version, ["sha256"] = sha, ["created_utc"] = DateTime.UtcNow.ToString("O"),
            ["metadata"] = metadata ?? new Dictionary<string, string>(),
        };
        AtomicFile.WriteAllText(Path.Combine(folder, MetaFile), JsonSerializer.Serialize(meta));
        return Get(version);
    }

    /// <summary>Every complete version, oldest first.</summary>
    public IReadOnlyList<ModelVersion> Versions() =>
        Directory.EnumerateDirectories(Root, "v*").Select(d => ParseVersion(Path.GetFileName(d))).Where(v => v > 0)
            .Where(v => File.Exists(Path.Combine(Folder(v), MetaFile))).Order().Select(Get).ToArray();

    /// <summary>The registered <paramref name="version"/>; ArgumentException when there is no such complete version.</summary>
    public ModelVersion Get(int version)
    {
        string metaPath = Path.Combine(Folder(version), MetaFile);
        if (version <= 0 || !File.Exists(metaPath)) throw new ArgumentException($"version {version} is not registered in {Root}.", nameof(version));
        using var doc = JsonDocument.Parse(File.ReadAllText(metaPath));
        var root = doc.RootElement;
        var metadata = root.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        return new ModelVersion(version, Path.Combine(Folder(version), ModelFile), root.GetProperty("sha256").GetString()!,
            DateTime.Parse(root.GetProperty("created_utc").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind), metadata);
    }

    /// <summary>True when the model file still has the SHA-256 recorded at registration.</summary>
    public bool Verify(int version)
    {
        var v = Get(version);
        return FileHash.Compute(v.ModelPath) == v.Sha256;
    }

    /// <summary>The version in production (the last promoted), or null before the first promotion.</summary>
    public ModelVersion? Production => History() is { Count: > 0 } h ? Get(h[^1]) : null;

    /// <summary>The promoted versions, oldest first; rollbacks remove entries from the end.</summary>
    public IReadOnlyList<int> History()
    {
        string path = Path.Combine(Root, ProductionFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<int[]>(File.ReadAllText(path))! : [];
    }

    /// <summary>Puts <paramref name="version"/> into production.</summary>
    public ModelVersion Promote(int version)
    {
        var v = Get(version);
        WriteHistory([.. History(), version]);
        return v;
    }

    /// <summary>Returns production to the version promoted before the current one; InvalidOperationException when there is none.</summary>
    public ModelVersion Rollback()
    {
        var history = History();
        if (history.Count < 2) throw new InvalidOperationException("nothing to roll back to: fewer than two promotions.");
        WriteHistory(history.Take(history.Count - 1).ToArray());
        return Get(history[^2]);
    }

    private void WriteHistory(int[] history) => AtomicFile.WriteAllText(Path.Combine(Root, ProductionFile), JsonSerializer.Serialize(history));

    private string Folder(int version) => Path.Combine(Root, $"v{version:D4}");

    private static int ParseVersion(string name) => name.Length > 1 && int.TryParse(name.AsSpan(1), out var v) ? v : 0;
}
