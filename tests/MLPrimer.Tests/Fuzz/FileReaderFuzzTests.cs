using System.IO.Compression;
using System.Text;
using MLPrimer.Data;
using MLPrimer.Distributed;
using MLPrimer.Embeddings;
using MLPrimer.Tracking;
using TorchSharp;

namespace MLPrimer.Tests.Fuzz;

/// <summary>
/// Seeded corruption of the files the library reads (issue 14): a valid file of each format is truncated at several
/// lengths, has bytes overwritten with random ones, loses or repeats lines, gets a NUL or a stray field; every reader must
/// then either read it or throw an InvalidDataException (or an ArgumentException) whose message carries the file's path,
/// within a few seconds, never a NullReference, IndexOutOfRange, Format, Overflow or JSON exception from inside.
/// The tracker store is also opened when its database is garbage, truncated, a folder, or the store path is a file.
/// The descriptor count and file modes are Linux's (/proc/self/fd, chmod), as everywhere the curriculum runs.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileReaderFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-filefuzz-").FullName;

    public void Dispose()
    {
        foreach (var d in Directory.GetDirectories(_dir, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Valid file bytes turned into seeded corrupt variants, each with a label for the report.</summary>
    private static IEnumerable<(string Label, byte[] Bytes)> Corruptions(byte[] valid, int seed)
    {
        var rng = new Random(seed);
        yield return ("empty", []);
        foreach (var fraction in new[] { 0.01, 0.1, 0.33, 0.5, 0.77, 0.99 })
        {
            var n = (int)(valid.Length * fraction);
            yield return ($"truncated to {n} bytes", valid[..n]);
        }
        for (var i = 0; i < 12; i++)
        {
            var b = (byte[])valid.Clone();
            var flips = 1 + rng.Next(8);
            for (var f = 0; f < flips; f++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
            yield return ($"{flips} random bytes (variant {i})", b);
        }
        var text = Encoding.UTF8.GetString(valid);
        var lines = text.Split('\n');
        if (lines.Length > 2)
        {
            yield return ("second line removed", Encoding.UTF8.GetBytes(string.Join('\n', lines.Where((_, i) => i != 1))));
            yield return ("second line repeated", Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(2).Concat(lines.Skip(1)))));
            yield return ("a NUL in the second line", Encoding.UTF8.GetBytes(string.Join('\n', lines.Select((l, i) => i == 1 ? "\0" + l : l))));
            yield return ("a stray field in the second line", Encoding.UTF8.GetBytes(string.Join('\n', lines.Select((l, i) => i == 1 ? l + " ,\tx" : l))));
            yield return ("first line only", Encoding.UTF8.GetBytes(lines[0] + "\n"));
            yield return ("CRLF line ends", Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n")));
        }
        var random = new byte[Math.Min(valid.Length, 4096)];
        rng.NextBytes(random);
        yield return ("random bytes of the same length", random);
        yield return ("a zip archive", ZipOf("checkpoint.json", "{}"));
    }

    private static byte[] ZipOf(string entry, string content)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
            writer.Write(content);
        return memory.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return memory.ToArray();
    }

    /// <summary>Feeds every corruption to the reader; collects the outcomes that are neither success nor a clear error naming the file.</summary>
    private List<string> Fuzz(string name, byte[] valid, Action<string> read, int seed)
    {
        var findings = new List<string>();
        var path = Path.Combine(_dir, name);
        foreach (var (label, bytes) in Corruptions(valid, seed))
        {
            File.WriteAllBytes(path, bytes);
            var task = Task.Run(() => read(path));
            try
            {
                if (!task.Wait(TimeSpan.FromSeconds(20))) { findings.Add($"{name}, {label}: no answer within 20 s"); break; }
            }
            catch (AggregateException ae)
            {
                var e = ae.InnerException!;
                var clear = e is InvalidDataException or ArgumentException && e.Message.Contains(path, StringComparison.Ordinal);
                if (!clear) findings.Add($"{name}, {label}: {e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
        }
        return findings;
    }

    [Fact]
    public void CorruptWord2VecFilesGiveInvalidDataExceptionNamingThePath()
    {
        var valid = "4 3\nthe 0.1 0.2 0.3\ncat -1 0 0.5\nsat 1e-3 2 3\nmat 7 8 9\n"u8.ToArray();
        var findings = Fuzz("vectors.txt", valid, p => KeyedVectors.LoadWord2VecFormat(p), seed: 1);
        // Words the format cannot hold: repeated, empty (a leading space), and binary word2vec output.
        var path = Path.Combine(_dir, "special.txt");
        foreach (var (label, content) in new[]
                 {
                     ("a repeated word", "2 2\ncat 1 2\ncat 3 4\n"),
                     ("an empty word", "2 2\n 1 2\ndog 3 4\n"),
                     ("binary word2vec", "1 2\ncat \u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\n"),
                     ("a negative count", "-1 2\n"),
                     ("a zero vector size", "1 0\ncat\n"),
                 })
        {
            File.WriteAllText(path, content);
            var e = Record.Exception(() => KeyedVectors.LoadWord2VecFormat(path));
            if (e is not InvalidDataException || !e.Message.Contains(path, StringComparison.Ordinal))
                findings.Add($"{label}: {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void CorruptDatasetFilesGiveInvalidDataExceptionNamingThePath()
    {
        var iris = File.ReadAllLines(Path.Combine(RepoPaths.Root, "data", "iris.csv")).Take(12).ToArray();
        var csv = Encoding.UTF8.GetBytes(string.Join('\n', iris) + "\n");
        var findings = Fuzz("iris.csv", csv, p => Datasets.Iris(p), seed: 2);
        findings.AddRange(Fuzz("iris.csv.gz", Gzip(csv), p => Datasets.Iris(p), seed: 3));
        var spam = "label\tgroup\tid\tsubject\tbody\nham\teasy_ham\t1\tHello\tA body\\nwith a line\nspam\tspam\t2\tWin\tClick \\t here\n"u8.ToArray();
        findings.AddRange(Fuzz("spam.tsv", spam, p => SpamAssassin.Load(p), seed: 4));
        findings.AddRange(Fuzz("spam.tsv.gz", Gzip(spam), p => SpamAssassin.Load(p), seed: 5));
        // An escape TSV does not define, in the body.
        findings.AddRange(Fuzz("spam-escape.tsv", "label\tgroup\tid\tsubject\tbody\nham\teasy_ham\t1\tHi\tbad \\q escape\n"u8.ToArray(), p => SpamAssassin.Load(p), seed: 11));
        findings.AddRange(Fuzz("brown.txt.gz", Gzip("The Fulton County Grand Jury said\nIt said\n"u8.ToArray()), p => BrownCorpus.Sentences(p).ToList(), seed: 6));
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void CorruptReportsAndCheckpointsGiveInvalidDataExceptionNamingThePath()
    {
        var report = Path.Combine(_dir, "valid-report.json");
        new DataParallelReport(2, 4, 2, 10, 2, 8, 0, 3, true, [1, 2], [0.1, 0.2], [0.3, 0.4], [1.0, 0.5], [0.1f, 0.2f], 0, [10, 11]).Save(report);
        var findings = Fuzz("report.json", File.ReadAllBytes(report), p => DataParallelReport.Load(p), seed: 7);

        torch.manual_seed(1);
        using var model = torch.nn.Linear(3, 2);
        var checkpoint = Path.Combine(_dir, "valid.ckpt");
        Checkpoint.Save(checkpoint, model, null, epoch: 1);
        findings.AddRange(Fuzz("model.ckpt", File.ReadAllBytes(checkpoint), p => Checkpoint.Peek(p), seed: 8));
        findings.AddRange(Fuzz("model.ckpt", File.ReadAllBytes(checkpoint), p => Checkpoint.Load(p, model), seed: 9));
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void ACorruptOrUnwritableTrackerStoreFailsWithItsPathAndLeaksNoDescriptor()
    {
        var findings = new List<string>();
        var validStore = Path.Combine(_dir, "valid-store");
        using (var tracker = ExperimentTracker.Open(validStore))
        using (var run = tracker.StartRun("e", code: new CodeVersion("0123456789abcdef0123456789abcdef01234567", false)))
            run.LogMetric("loss", 0.5, step: 0);
        var validDb = File.ReadAllBytes(Path.Combine(validStore, "tracking.db"));

        static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
        var before = OpenDescriptors();
        var i = 0;
        foreach (var (label, bytes) in Corruptions(validDb, seed: 10).Where(c => c.Bytes.Length > 0))
        {
            var store = Path.Combine(_dir, $"store-{i++}");
            Directory.CreateDirectory(store);
            File.WriteAllBytes(Path.Combine(store, "tracking.db"), bytes);
            try
            {
                using var tracker = ExperimentTracker.Open(store);
                tracker.Runs();   // a store that opens must also answer
            }
            catch (Exception e) when (e is InvalidDataException && e.Message.Contains(store, StringComparison.Ordinal)) { }
            catch (Exception e) { findings.Add($"tracking.db {label}: {e.GetType().Name}: {e.Message}"); }
        }

        // The store's path is a file; its database is a folder; the folder is read-only (checked unless running as root,
        // for whom permissions do not apply).
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");
        var dbFolder = Path.Combine(_dir, "db-is-folder");
        Directory.CreateDirectory(Path.Combine(dbFolder, "tracking.db"));
        var readOnly = Path.Combine(_dir, "read-only");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var cases = new List<(string Label, string Store)> { ("store path is a file", file), ("tracking.db is a folder", dbFolder) };
        if (!Environment.IsPrivilegedProcess) cases.Add(("read-only folder", readOnly));
        foreach (var (label, store) in cases)
        {
            var e = Record.Exception(() => ExperimentTracker.Open(store).Dispose());
            if (e is not (InvalidDataException or IOException or UnauthorizedAccessException) || !e.Message.Contains(store, StringComparison.Ordinal))
                findings.Add($"{label}: {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        }
        // Each failed open must close its SQLite connection: a descriptor per failure would show here.
        Assert.InRange(OpenDescriptors() - before, -5, 5);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }
}
