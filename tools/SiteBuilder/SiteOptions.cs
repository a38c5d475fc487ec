namespace MLPrimer.Site;

/// <summary>Where the site builder reads and writes.</summary>
/// <param name="Root">The repository root (README.md, lib/ and tools/SiteBuilder/ live there).</param>
/// <param name="Executed">The folder of executed notebooks.</param>
/// <param name="Output">The site folder; it is replaced as a whole.</param>
internal sealed record SiteOptions(string Root, string Executed, string Output)
{
    public static SiteOptions? Parse(string[] args)
    {
        string? root = null, executed = null, output = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length) return null;
            switch (args[i])
            {
                case "--root": root = args[++i]; break;
                case "--executed": executed = args[++i]; break;
                case "--out": output = args[++i]; break;
                default: return null;
            }
        }
        root = Path.GetFullPath(root ?? FindRoot());
        return new SiteOptions(root, Path.GetFullPath(executed ?? Path.Combine(root, "executed")),
            Path.GetFullPath(output ?? Path.Combine(root, "site")));
    }

    /// <summary>The nearest folder above the working directory, or above this program, holding MLPrimer.slnx.</summary>
    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MLPrimer.slnx"))) return dir.FullName;
        throw new IOException("cannot find the repository root (a folder with MLPrimer.slnx); pass --root.");
    }
}
