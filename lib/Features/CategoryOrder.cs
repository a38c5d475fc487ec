using System.Globalization;

namespace MLPrimer.Features;

/// <summary>How Python/numpy order and print categories: strings by Unicode code point, None and NaN last, floats as Python's repr.</summary>
internal static class CategoryOrder
{
    /// <summary>Compares strings by code point (Python's str order), nulls last.</summary>
    internal sealed class TextComparer : IComparer<string?>
    {
        public static readonly TextComparer Instance = new();

        public int Compare(string? a, string? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            if (a is null) return 1;
            if (b is null) return -1;
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++)
            {
                char x = a[i], y = b[i];
                if (x == y) continue;
                // UTF-16 order puts surrogates (U+D800..U+DFFF) below U+E000..U+FFFF; code-point order puts them above.
                return Fix(x) - Fix(y);
            }
            return a.Length - b.Length;
        }

        private static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
    }

    /// <summary>Orders doubles ascending with NaN last (numpy's sort order); 0.0 and -0.0 are equal.</summary>
    internal sealed class NumberComparer : IComparer<double>, IEqualityComparer<double>
    {
        public static readonly NumberComparer Instance = new();

        public int Compare(double a, double b)
        {
            bool na = double.IsNaN(a), nb = double.IsNaN(b);
            if (na || nb) return na == nb ? 0 : na ? 1 : -1;
            return a < b ? -1 : a > b ? 1 : 0;
        }

        public bool Equals(double a, double b) => Compare(a, b) == 0;

        public int GetHashCode(double d) => double.IsNaN(d) ? int.MinValue : d == 0 ? 0 : d.GetHashCode();
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, fixed notation for exponents -4..15, "nan"/"inf".</summary>
    internal static string PythonRepr(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        // "R" gives the shortest round-trip digits (as Python's repr does); only the layout differs.
        string shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        // Split the shortest form into digits and a decimal exponent.
        string mantissa = shortest;
        int exp10 = 0;
        int e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exp10 = int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        }
        int dot = mantissa.IndexOf('.');
        string digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        int pointPos = (dot >= 0 ? dot : mantissa.Length) + exp10; // digits[0..pointPos) are before the point
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') { lead++; pointPos--; }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int sciExp = pointPos - 1;

        string body;
        if (sciExp >= -4 && sciExp < 16)
        {
            if (pointPos <= 0) body = "0." + new string('0', -pointPos) + digits;
            else if (pointPos >= digits.Length) body = digits + new string('0', pointPos - digits.Length) + ".0";
            else body = digits[..pointPos] + "." + digits[pointPos..];
        }
        else
        {
            string m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = m + "e" + (sciExp < 0 ? "-" : "+") + Math.Abs(sciExp).ToString("00", CultureInfo.InvariantCulture);
        }
        return d < 0 ? "-" + body : body;
    }
}
