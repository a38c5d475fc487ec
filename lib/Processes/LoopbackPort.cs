using System.Net;
using System.Net.Sockets;

namespace MLPrimer.Processes;

/// <summary>Thrown when a program could not listen because its port was taken between the pick and its bind.</summary>
internal sealed class AddressInUseException(string message) : InvalidOperationException(message);

/// <summary>
/// Ports for programs that must be told a port number (redis-server, prometheus). A port picked here can be taken by
/// someone else before the program binds it, so a start always goes through <see cref="Retry{T}"/>, which picks a new port
/// when the start reports <see cref="AddressInUseException"/>. Programs that can bind port 0 and say where they listen
/// (services/ModelServer) need neither.
/// </summary>
internal static class LoopbackPort
{
    /// <summary>How many ports <see cref="Retry{T}"/> tries before it gives up.</summary>
    internal const int Attempts = 8;

    /// <summary>A port on 127.0.0.1 that the OS had free a moment ago.</summary>
    internal static int Pick()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Calls <paramref name="start"/> with ports from <paramref name="pick"/> (by default <see cref="Pick"/>) until one start does not report <see cref="AddressInUseException"/>.</summary>
    internal static T Retry<T>(Func<int, T> start, Func<int>? pick = null)
    {
        pick ??= Pick;
        for (var attempt = 1; ; attempt++)
        {
            try { return start(pick()); }
            catch (AddressInUseException) when (attempt < Attempts) { }
        }
    }
}
