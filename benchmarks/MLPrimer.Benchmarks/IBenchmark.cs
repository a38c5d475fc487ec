namespace MLPrimer.Benchmarks;

/// <summary>One benchmark: prints a table of our figure, the peer's figure from the same run, and the ratio.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. "hashing".</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and writes its table to <paramref name="output"/>.</summary>
    void Run(TextWriter output);
}
