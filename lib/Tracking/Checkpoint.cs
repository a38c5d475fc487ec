using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLPrimer.Tracking;

/// <summary>What a checkpoint holds besides tensors: where training was, and any extra values the caller stored.</summary>
/// <param name="Epoch">Epochs completed when the checkpoint was written.</param>
/// <param name="Step">Optimizer steps completed when the checkpoint was written.</param>
/// <param name="Loss">The loss the caller reported (null when none).</param>
/// <param name="Metadata">Extra JSON values stored with <see cref="Checkpoint.Save"/>.</param>
public sealed record CheckpointInfo(int Epoch, long Step, double? Loss, IReadOnlyDictionary<string, JsonElement> Metadata);

/// <summary>Saves and restores a TorchSharp training state — model parameters and buffers, optimizer state (momentum, Adam
/// moments, learning rates), epoch and step, and the random number generators — as one file written atomically.</summary>
/// <remarks>The file is a zip archive (like PyTorch's <c>.pt</c>) with entries <c>model.bin</c> (TorchSharp's <c>Module.save</c>
/// format), <c>optimizer.bin</c> (<c>save_state_dict</c>), <c>rng-default.bin</c> (torch's default CPU generator),
/// <c>rng-generator.bin</c> (the caller's own generator, when one is passed) and <c>checkpoint.json</c>, written last. It goes
/// to a temporary file that is renamed over <c>path</c> only when complete, so an interrupted save leaves the previous
/// checkpoint intact. CUDA generators are not saved (TorchSharp does not expose their state).</remarks>
public static class Checkpoint
{
    private const int FormatVersion = 1;

    /// <summary>Writes the training state to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, nn.Module model, OptimizerHelper? optimizer, int epoch, long step = 0, double? loss = null,
        Generator? generator = null, IReadOnlyDictionary<string, object?>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (epoch < 0)
            throw new ArgumentException($"epoch must not be negative (got {epoch}).", nameof(epoch));
        if (step < 0)
            throw new ArgumentException($"step must not be negative (got {step}).", nameof(step));
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, "model.bin", w => model.save(w));
            if (optimizer is not null) WriteEntry(zip, "optimizer.bin", optimizer.save_state_dict);
            WriteEntry(zip, "rng-default.bin", w => WriteState(w, torch.get_rng_state()));
            if (generator is not null) WriteEntry(zip, "rng-generator.bin", w => WriteState(w, generator.get_state()));
            var meta = new Dictionary<string, object?>
            {
                ["format"] = FormatVersion,
                ["epoch"] = epoch,
                ["step"] = step,
                ["loss"] = loss,
                ["has_optimizer"] = optimizer is not null,
                ["has_generator"] = generator is not null,
                ["metadata"] = metadata ?? new Dictionary<string, object?>(),
            };
            var json = JsonSerializer.SerializeToUtf8Bytes(meta, new JsonSerializerOptions { WriteIndented = true });
            WriteEntry(zip, "checkpoint.json", w => w.Write(json));
        });
    }

    /// <summary>Restores a state saved by <see cref="Save"/> into an identically built <paramref name="model"/> and
    /// <paramref name="optimizer"/> (same type, same parameters), restores torch's default generator and, when given,
    /// <paramref name="generator"/>; returns the epoch, step, loss and metadata.</summary>
    public static CheckpointInfo Load(string path, nn.Module model, OptimizerHelper? optimizer = null, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new ArgumentException($"No checkpoint at '{path}'.", nameof(path));
        return WithPath(path, () =>
        {
            using var zip = OpenArchive(path);
            var info = ReadInfo(zip, path, out var hasOptimizer, out var hasGenerator);
            if (optimizer is not null && !hasOptimizer)
                throw new ArgumentException($"Checkpoint '{path}' holds no optimizer state.", nameof(optimizer));
            if (generator is not null && !hasGenerator)
                throw new ArgumentException($"Checkpoint '{path}' holds no generator state.", nameof(generator));
            ReadEntry(zip, "model.bin", r => model.load(r));
            if (optimizer is not null) ReadEntry(zip, "optimizer.bin", optimizer.load_state_dict);
            ReadEntry(zip, "rng-default.bin", r => torch.set_rng_state(ReadState(r)));
            if (generator is not null) ReadEntry(zip, "rng-generator.bin", r => generator.set_state(ReadState(r)));
            return info;
        });
    }

    /// <summary>Runs a read of the archive, adding the path to a corruption the zip reader finds later than OpenRead
    /// (a damaged entry header or compressed stream).</summary>
    private static T WithPath<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException && !e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is a corrupt checkpoint ({e.Message})", e);
        }
    }

    /// <summary>Reads only the epoch, step, loss and metadata of a checkpoint.</summary>
    public static CheckpointInfo Peek(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new ArgumentException($"No checkpoint at '{path}'.", nameof(path));
        return WithPath(path, () =>
        {
            using var zip = OpenArchive(path);
            return ReadInfo(zip, path, out _, out _);
        });
    }

    /// <summary>Opens the zip archive, reporting a file that is not one with its path.</summary>
    private static ZipArchive OpenArchive(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a checkpoint (not a zip archive: {e.Message})", e);
        }
    }

    private static CheckpointInfo ReadInfo(ZipArchive zip, string path, out bool hasOptimizer, out bool hasGenerator)
    {
        var entry = zip.GetEntry("checkpoint.json") ?? throw new InvalidDataException($"'{path}' is not a checkpoint (no checkpoint.json).");
        using var stream = entry.Open();
        try
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (Required(root, "format", path).GetInt32() != FormatVersion)
                throw new InvalidDataException($"'{path}' has checkpoint format {root.GetProperty("format")}; expected {FormatVersion}.");
            hasOptimizer = Required(root, "has_optimizer", path).GetBoolean();
            hasGenerator = Required(root, "has_generator", path).GetBoolean();
            var loss = Required(root, "loss", path);
            var metadata = Required(root, "metadata", path).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            return new CheckpointInfo(Required(root, "epoch", path).GetInt32(), Required(root, "step", path).GetInt64(),
                loss.ValueKind == JsonValueKind.Null ? null : loss.GetDouble(), metadata);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Malformed JSON, or a field of the wrong kind (a string where a number belongs).
            throw new InvalidDataException($"'{path}' has an unreadable checkpoint.json: {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement root, string name, string path) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException($"'{path}' is not a complete checkpoint: checkpoint.json has no '{name}'.");

    private static void WriteEntry(ZipArchive zip, string name, Action<BinaryWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new BinaryWriter(stream);
        write(writer);
    }

    private static void ReadEntry(ZipArchive zip, string name, Action<BinaryReader> read)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The checkpoint has no '{name}' entry.");
        // Read the entry into memory: TorchSharp's readers expect a plain stream.
        using var buffer = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(buffer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        read(reader);
    }

    private static void WriteState(BinaryWriter writer, Tensor state)
    {
        using (state)
        {
            var bytes = state.cpu().data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static Tensor ReadState(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return torch.tensor(reader.ReadBytes(length), dtype: ScalarType.Byte);
    }
}
