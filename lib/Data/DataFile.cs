using System.IO.Compression;
using System.Text;

namespace MLPrimer.Data;

/// <summary>Opens data files for reading, transparently un-gzipping them.</summary>
internal static class DataFile
{
    /// <summary>Returns <paramref name="path"/> when given, else the default file from the data folder.</summary>
    internal static string PathOrDefault(string? path, string defaultFileName, string parameterName)
    {
        if (path is null)
            return DataPaths.File(defaultFileName);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The path must not be empty; pass null to use the default data file.", parameterName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        return path;
    }

    /// <summary>Opens a UTF-8 text reader; gzip content is detected by its magic bytes, not the extension.</summary>
    internal static StreamReader OpenText(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Stream content = stream;
            if (IsGzip(stream))
                content = new GZipStream(stream, CompressionMode.Decompress);
            return new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static bool IsGzip(FileStream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }
}
