using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ModelServer;

/// <summary>Appends JSON lines to a file from a background task, so request threads never wait on the disk; flushes on dispose.</summary>
public sealed class JsonLinesWriter : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Channel<object> _lines = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    /// <summary>Creates (truncating) <paramref name="path"/> and starts the writer.</summary>
    public JsonLinesWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        _pump = Task.Run(async () =>
        {
            await using (writer)
            {
                while (await _lines.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (_lines.Reader.TryRead(out var entry)) await writer.WriteLineAsync(JsonSerializer.Serialize(entry, Json)).ConfigureAwait(false);
                    await writer.FlushAsync().ConfigureAwait(false);      // readable while the server runs
                }
            }
        });
    }

    /// <summary>Queues one line (the JSON of <paramref name="entry"/>, snake_case names).</summary>
    public void Write(object entry) => _lines.Writer.TryWrite(entry);

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _pump.GetAwaiter().GetResult();
    }
}
