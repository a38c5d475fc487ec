using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace NotebookRunner;

/// <summary>Resolves native libraries (SkiaSharp, LightGBM, ...) from the native folders of the packages a notebook referenced.</summary>
/// <remarks>The kernel's probing paths are package roots; the natives sit under runtimes/&lt;rid&gt;/native. The kernel resolves
/// them itself while it lives, but a finalizer that first calls a native entry point after the kernel is disposed
/// (SkiaSharp's SKFontStyle, say) comes here, and used to find nothing and take the process down.</remarks>
internal static class NativeProbing
{
    private static readonly List<string> Paths = [];
    private static bool _hooked;

    public static void Add(IEnumerable<string> probingPaths)
    {
        lock (Paths)
        {
            foreach (var p in probingPaths)
                if (Directory.Exists(p) && !Paths.Contains(p)) Paths.Add(p);
            if (_hooked) return;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
            _hooked = true;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        string[] candidates = [name, $"lib{name}.so", $"{name}.so", $"lib{name}.dylib", $"{name}.dll"];
        string[] subfolders = ["", Path.Combine("runtimes", RuntimeInformation.RuntimeIdentifier, "native")];
        lock (Paths)
        {
            foreach (var root in Paths)
                foreach (var dir in subfolders.Select(sub => Path.Combine(root, sub)))
                    foreach (var file in candidates)
                    {
                        var path = Path.Combine(dir, file);
                        if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
                    }
        }
        return IntPtr.Zero;
    }
}
