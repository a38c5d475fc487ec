using Microsoft.CodeAnalysis;

namespace FieldNaming;

/// <summary>The field-naming rules of .editorconfig, and the name a misnamed field gets.</summary>
internal static class Naming
{
    /// <summary>The name <paramref name="field"/> should have, or null when its name already follows the rules.</summary>
    /// <remarks>Compliance is judged as Roslyn's IDE1006 judges it (prefix, then the case of the first letter), so a name
    /// the build accepts is never touched; a new name also drops inner underscores (lora_A becomes _loraA).</remarks>
    internal static string? Expected(IFieldSymbol field)
    {
        var name = field.Name;
        if (name.Trim('_').Length == 0) return null;
        var pascal = field.IsConst || (field.IsStatic && field.IsReadOnly)
            || field.DeclaredAccessibility is not (Accessibility.Private or Accessibility.ProtectedAndInternal);
        if (pascal)
            return char.IsUpper(name[0]) ? null : Pascal(Words(name));
        return name.Length > 1 && name[0] == '_' && char.IsLower(name[1]) ? null : "_" + Camel(Words(name));
    }

    /// <summary>The words of a name: leading underscores and an s_/m_/t_ prefix dropped, split at underscores.</summary>
    private static string[] Words(string name)
    {
        var core = name.TrimStart('_');
        if (core.Length > 2 && core[1] == '_' && core[0] is 's' or 'm' or 't') core = core[2..];
        return core.Split('_', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Pascal(string[] words) => string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Camel(string[] words)
    {
        var pascal = Pascal(words);
        // A leading acronym is lowered as a whole (IOStream -> ioStream), the usual .NET habit.
        var upper = 0;
        while (upper < pascal.Length && char.IsUpper(pascal[upper])) upper++;
        if (upper > 1 && upper < pascal.Length) upper--;
        return pascal[..Math.Max(upper, 1)].ToLowerInvariant() + pascal[Math.Max(upper, 1)..];
    }

    /// <summary>Whether TorchSharp's RegisterComponents registers this field under its name (a submodule, parameter or buffer).</summary>
    internal static bool IsTorchComponent(IFieldSymbol field)
    {
        if (field.IsStatic || !DerivesFrom(field.ContainingType, "TorchSharp.torch.nn.Module")) return false;
        return field.Type is INamedTypeSymbol type
            && (DerivesFrom(type, "TorchSharp.torch.nn.Module") || DerivesFrom(type, "TorchSharp.torch.Tensor"));
    }

    private static bool DerivesFrom(INamedTypeSymbol? type, string name)
    {
        for (; type is not null; type = type.BaseType)
        {
            var display = type.OriginalDefinition.ToDisplayString();
            if (display == name || display.StartsWith(name + "<", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
