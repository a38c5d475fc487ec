using System.Runtime.InteropServices;

namespace MLPrimer;

/// <summary>Writes files so that a reader never sees a half-written one: write a temporary sibling, then rename over.</summary>
/// <remarks>The temporary file is named <c>{path}.{process id}.{guid}.tmp</c>. A writer killed before its rename leaves one
/// behind; the next write to the same path removes those whose process is gone. On Linux the folder is synced after the
/// rename, so the new name survives a power cut too.</remarks>
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
        RemoveOrphans(full);
        var tmp = full + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
            SyncDirectory(Path.GetDirectoryName(full)!);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Deletes temporary siblings of <paramref name="full"/> left by writers whose process no longer runs.</summary>
    private static void RemoveOrphans(string full)
    {
        if (!OperatingSystem.IsLinux()) return;   // the process check below reads /proc
        var prefix = Path.GetFileName(full) + ".";
        foreach (var tmp in Directory.EnumerateFiles(Path.GetDirectoryName(full)!, prefix + "*.tmp"))
        {
            var parts = Path.GetFileName(tmp)[prefix.Length..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                try { File.Delete(tmp); }
                catch (IOException) { }                      // another writer removed it first
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>fsync on the folder, so that the rename itself is on disk (POSIX; a no-op elsewhere).</summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Native.open(directory, 0 /* O_RDONLY */);
        if (fd < 0) return;                                  // best effort: the data itself was already flushed
        Native.fsync(fd);
        Native.close(fd);
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)] internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
        [DllImport("libc", SetLastError = true)] internal static extern int fsync(int fd);
        [DllImport("libc", SetLastError = true)] internal static extern int close(int fd);
    }
}
