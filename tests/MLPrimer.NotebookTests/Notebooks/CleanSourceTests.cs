using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MLPrimer.Tests.Notebooks;

/// <summary>Committed notebooks are sources: no outputs, and metadata both VS Code Polyglot Notebooks and Jupyter accept.</summary>
public class CleanSourceTests
{
    public static TheoryData<string> Notebooks() => CurriculumExecutionTests.NotebookNames();

    private static JsonObject Read(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name)))!;

    private static IEnumerable<JsonObject> CodeCells(JsonObject nb) =>
        nb["cells"]!.AsArray().OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code");

    [Fact]
    public void ThereIsAtLeastChapterZero() =>
        Assert.Contains("00-getting-started.ipynb", Notebooks().Cast<object[]>().Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NameIsTwoDigitsThenTopic(string name) => Assert.Matches(@"^\d\d-[a-z0-9-]+\.ipynb$", name);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void HasNoOutputsOrExecutionCounts(string name)
    {
        foreach (var cell in CodeCells(Read(name)))
        {
            Assert.True(cell["outputs"] is JsonArray { Count: 0 }, $"{name}: a code cell has committed outputs");
            Assert.True(cell["execution_count"] is null, $"{name}: a code cell has an execution count");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void MetadataSuitsPolyglotAndJupyter(string name)
    {
        var nb = Read(name);
        Assert.Equal(4, (int)nb["nbformat"]!);
        Assert.Equal(".net-csharp", (string?)nb["metadata"]?["kernelspec"]?["name"]);
        Assert.Equal("csharp", (string?)nb["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        Assert.All(CodeCells(nb), c => Assert.Equal("csharp", (string?)c["metadata"]?["polyglot_notebook"]?["kernelName"]));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void FirstCodeCellLoadsTheLibraryAndNamesTheGpuSwitch(string name)
    {
        var first = CodeCells(Read(name)).First();
        var source = string.Concat(first["source"]!.AsArray().Select(l => (string?)l));
        Assert.Matches(new Regex(@"#r ""nuget: MLPrimer, [\d.]+"""), source);
        Assert.Contains("#r \"nuget: TorchSharp-cpu, 0.107.0\"", source);
        Assert.Contains("TorchSharp-cuda-linux", source);
    }
}
