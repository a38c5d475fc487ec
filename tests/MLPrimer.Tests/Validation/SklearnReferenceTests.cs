using MLPrimer.Validation;
using static MLPrimer.Tests.Validation.ValidationReference;

namespace MLPrimer.Tests.Validation;

/// <summary>The deterministic splitters give exactly scikit-learn's folds (reference/make_reference.py).</summary>
public class SklearnReferenceTests
{
    public static TheoryData<int> KFoldCases => Indices("kfold");
    public static TheoryData<int> StratifiedCases => Indices("stratified");
    public static TheoryData<int> GroupCases => Indices("group");
    public static TheoryData<int> TimeSeriesCases => Indices("timeseries");

    [Theory, MemberData(nameof(KFoldCases))]
    public void KFoldMatchesScikitLearn(int i)
    {
        var c = Case("kfold", i);
        AssertFolds(c.GetProperty("folds"), new KFold(c.GetProperty("k").GetInt32()).Split(c.GetProperty("n").GetInt32()));
    }

    [Theory, MemberData(nameof(StratifiedCases))]
    public void StratifiedKFoldMatchesScikitLearn(int i)
    {
        var c = Case("stratified", i);
        var labels = Strings(c.GetProperty("labels"));
        AssertFolds(c.GetProperty("folds"), new StratifiedKFold(c.GetProperty("k").GetInt32()).Split(labels));
    }

    [Theory, MemberData(nameof(GroupCases))]
    public void GroupKFoldMatchesScikitLearn(int i)
    {
        var c = Case("group", i);
        var k = c.GetProperty("k").GetInt32();
        var groups = Strings(c.GetProperty("groups"));
        // Numeric groups are compared as numbers (numpy.unique sorts them numerically).
        var folds = c.GetProperty("numeric").GetBoolean()
            ? new GroupKFold(k).Split(groups.Select(int.Parse).ToArray())
            : new GroupKFold(k).Split(groups);
        AssertFolds(c.GetProperty("folds"), folds);
    }

    [Theory, MemberData(nameof(TimeSeriesCases))]
    public void TimeSeriesSplitMatchesScikitLearn(int i)
    {
        var c = Case("timeseries", i);
        int? Optional(string name) => c.GetProperty(name).ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.GetProperty(name).GetInt32();
        var splitter = new TimeSeriesSplit(c.GetProperty("k").GetInt32(), Optional("max_train_size"), Optional("test_size"), c.GetProperty("gap").GetInt32());
        AssertFolds(c.GetProperty("folds"), splitter.Split(c.GetProperty("n").GetInt32()));
    }

    [Fact]
    public void LeaveOneOutMatchesScikitLearn()
    {
        var c = Case("loo", 0);
        AssertFolds(c.GetProperty("folds"), new LeaveOneOut().Split(c.GetProperty("n").GetInt32()));
    }
}
