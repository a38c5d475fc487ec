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
                content = new PathReportingStream(new GZipStream(stream, CompressionMode.Decompress), path);
            return new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Passes reads through, adding the file's path to a decompression error (GZipStream's own message names no file).</summary>
    private sealed class PathReportingStream(Stream inner, string path) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            try { return inner.Read(buffer, offset, count); }
            catch (InvalidDataException e) { throw Corrupt(e); }
        }

        public override int Read(Span<byte> buffer)
        {
            try { return inner.Read(buffer); }
            catch (InvalidDataException e) { throw Corrupt(e); }
        }

        private InvalidDataException Corrupt(InvalidDataException e) => new($"{path}: the gzip data is corrupt ({e.Message}).", e);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
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
