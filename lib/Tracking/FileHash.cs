using System.Security.Cryptography;

namespace MLPrimer.Tracking;

/// <summary>Content hashes that identify a data file or an artifact version.</summary>
public static class FileHash
{
    /// <summary>Lower-case hex SHA-256 of the file's bytes (the same value <c>sha256sum</c> prints).</summary>
    public static string Sha256(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("path must be a non-empty file path.", nameof(path));
        if (!File.Exists(path))
            throw new ArgumentException($"No file at '{path}'.", nameof(path));
        return Compute(path);
    }

    // The hash without the argument checks, for callers that own the file: a missing file throws FileNotFoundException.
    internal static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
