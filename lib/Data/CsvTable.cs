using System.Globalization;

namespace MLPrimer.Data;

/// <summary>Reads the numeric CSV files in data/: a header row, float features, and an integer last column named "target".</summary>
internal static class CsvTable
{
    internal static TabularDataset Read(string path, string name, string[] classNames)
    {
        using var reader = DataFile.OpenText(path);
        var header = reader.ReadLine()?.Split(',')
            ?? throw new InvalidDataException($"{path} is empty.");
        if (header.Length < 2 || header[^1] != "target")
            throw new InvalidDataException($"{path}: the header must end with a 'target' column.");
        var featureNames = header[..^1];

        var rows = new List<float[]>();
        var labels = new List<int>();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var cells = line.Split(',');
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{path}:{lineNumber}: {cells.Length} cells, expected {header.Length}.");
            var row = new float[featureNames.Length];
            for (var j = 0; j < row.Length; j++)
                if (!float.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                    throw new InvalidDataException($"{path}:{lineNumber}: '{cells[j]}' in column '{featureNames[j]}' is not a number.");
            rows.Add(row);
            if (!double.TryParse(cells[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var label) || label != Math.Floor(label) || label < 0 || label > int.MaxValue)
                throw new InvalidDataException($"{path}:{lineNumber}: the target '{cells[^1]}' is not a class index.");
            labels.Add((int)label);
        }

        return new TabularDataset(name, rows.ToArray(), labels.ToArray(), featureNames, classNames);
    }
}
