namespace MLPrimer.Features;

/// <summary>Crosses of categorical features as text tokens ("user=u1" × "ad=a7" → "user=u1^ad=a7"), ready for <see cref="FeatureHasher"/>.</summary>
public static class FeatureCross
{
    /// <summary>Separator placed between the parts of a crossed token.</summary>
    public const char Separator = '^';

    /// <summary>The token "name=value" for one categorical feature.</summary>
    public static string Token(string name, string value)
    {
        RequireText(name, nameof(name));
        RequireText(value, nameof(value), allowEmpty: true);
        return string.Concat(name, "=", value);
    }

    /// <summary>The crossed token of two or more tokens, joined with '^' in the given order.</summary>
    public static string Cross(params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Length < 2)
            throw new ArgumentException($"tokens must hold at least two tokens to cross (got {tokens.Length}).", nameof(tokens));
        for (int i = 0; i < tokens.Length; i++)
            if (tokens[i] is null) throw new ArgumentException($"tokens must not contain null (tokens[{i}] is null).", nameof(tokens));
        return string.Join(Separator, tokens);
    }

    /// <summary>Row-by-row cross of two columns of tokens: result[i] = left[i] + "^" + right[i].</summary>
    public static string[] CrossColumns(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != right.Count)
            throw new ArgumentException($"left and right must have the same length (got {left.Count} and {right.Count}).", nameof(right));
        var result = new string[left.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (left[i] is null) throw new ArgumentException($"left must not contain null (left[{i}] is null).", nameof(left));
            if (right[i] is null) throw new ArgumentException($"right must not contain null (right[{i}] is null).", nameof(right));
            result[i] = string.Concat(left[i], "^", right[i]);
        }
        return result;
    }

    /// <summary>The tokens of one sample: "name=value" for every field, then one crossed token per requested pair of field names.</summary>
    public static List<string> Tokens(IReadOnlyDictionary<string, string> row, params (string Left, string Right)[] crosses)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(crosses);
        var tokens = new List<string>(row.Count + crosses.Length);
        foreach (var (name, value) in row)
        {
            if (value is null) throw new ArgumentException($"row must not hold null values (field \"{name}\" is null).", nameof(row));
            tokens.Add(string.Concat(name, "=", value));
        }
        foreach (var (l, r) in crosses)
        {
            if (l is null || r is null) throw new ArgumentException("crosses must not contain null field names.", nameof(crosses));
            if (!row.TryGetValue(l, out var lv) || lv is null)
                throw new ArgumentException($"every crossed field must be in the row; \"{l}\" is missing.", nameof(crosses));
            if (!row.TryGetValue(r, out var rv) || rv is null)
                throw new ArgumentException($"every crossed field must be in the row; \"{r}\" is missing.", nameof(crosses));
            tokens.Add(string.Concat(l, "=", lv, "^", r, "=", rv));
        }
        return tokens;
    }

    private static void RequireText(string? text, string paramName, bool allowEmpty = false)
    {
        if (text is null) throw new ArgumentNullException(paramName, $"{paramName} must not be null.");
        if (!allowEmpty && text.Length == 0) throw new ArgumentException($"{paramName} must not be empty.", paramName);
    }
}
