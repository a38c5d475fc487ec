namespace MLPrimer;

/// <summary>Writes files so that a reader never sees a half-written one: write a temporary sibling, then rename over.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically, creating its folder if needed.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var bytesCopy = bytes.ToArray();
        Write(path, s => s.Write(bytesCopy));
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> atomically, creating its folder if needed.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Lets <paramref name="write"/> fill a temporary file, flushes it to disk, then renames it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("path must be a non-empty file path.", nameof(path));
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
