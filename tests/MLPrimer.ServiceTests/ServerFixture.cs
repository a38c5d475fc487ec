using MLPrimer.Serving;

namespace MLPrimer.ServiceTests;

/// <summary>One server on the test registry (v1 serving), shared by the tests of a class that do not change its state.</summary>
public sealed class ServerFixture : IDisposable
{
    public ServerFixture()
    {
        Registry = new TestRegistry();
        Server = ModelServerProcess.Start(Registry.Root);
    }

    public TestRegistry Registry { get; }

    public ModelServerProcess Server { get; }

    public void Dispose()
    {
        Server.Dispose();
        Registry.Dispose();
    }
}
