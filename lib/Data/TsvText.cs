using System.Text;

namespace MLPrimer.Data;

/// <summary>Undoes the escaping make-data.sh applies to TSV text fields: \\ \t \n.</summary>
internal static class TsvText
{
    internal static string Unescape(string field)
    {
        var slash = field.IndexOf('\\');
        if (slash < 0)
            return field;

        var sb = new StringBuilder(field.Length);
        sb.Append(field, 0, slash);
        for (var i = slash; i < field.Length; i++)
        {
            var c = field[i];
            if (c != '\\' || i + 1 == field.Length)
            {
                sb.Append(c);
                continue;
            }
            var next = field[++i];
            sb.Append(next switch
            {
                'n' => '\n',
                't' => '\t',
                '\\' => '\\',
                _ => throw new FormatException($"Unknown escape '\\{next}' in a TSV field."),
            });
        }
        return sb.ToString();
    }
}
