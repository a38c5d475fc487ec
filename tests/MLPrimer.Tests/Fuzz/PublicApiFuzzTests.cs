using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Abstractions;

namespace MLPrimer.Tests.Fuzz;

/// <summary>
/// Reflection-driven fuzzing of the library's public surface (issue 14). Every public static method, constructor and
/// instance method of an exported MLPrimer type whose parameters are numbers, strings, enums, sequences of them, rectangular
/// matrices, feature-row dictionaries, options objects or other library objects (built with their own valid arguments) is
/// called with seeded valid-looking arguments (a few "flavours", so some combination passes validation) and then with
/// one hostile value at a time per parameter: null, empty, one element, lengths that disagree with the other arguments,
/// NaN and ±infinity, negative, zero and huge numbers, k &gt; n, single-class labels, a third class, ragged or empty rows,
/// null or whitespace strings, undefined enum values, and for path parameters directories, missing and garbage files.
/// Instance methods run on a fresh object (fitted first when the type has a Fit method), made by a constructor or by a
/// method that returns one (ExperimentTracker.StartRun for TrackedRun, Metrics.ConfusionMatrix, FeatureHasher.Transform).
///
/// An outcome is fine when the call returns a result without NaN or infinity, or throws an ArgumentException (or
/// subclass) raised by the library itself that names a parameter (ParamName, or the name in the message), or for path
/// parameters an IOException (InvalidDataException included) or UnauthorizedAccessException, or a state exception
/// (InvalidOperationException, ObjectDisposedException, NotSupportedException) thrown by the library's own code.
/// Everything else is a finding: NullReference, IndexOutOfRange, DivideByZero, Overflow, InvalidCast, KeyNotFound,
/// OutOfMemory, an exception raised deep inside the BCL (LINQ's "Sequence contains no elements", a List indexer),
/// a hang past <see cref="CallTimeout"/> (the test names the method), or NaN/infinity in what came back.
///
/// Excluded (each also has hand-written tests elsewhere):
/// - MLPrimer.Charts: renders and saves images under img/, nothing numeric to check;
/// - MLPrimer.Device: loads native libraries and reads environment variables, process-wide side effects;
/// - MLPrimer.Messaging: starts redis-server and worker processes (UserFeatureStore is left to its own tests);
/// - Mpi, MpiLauncher, RingAllReduce.SumAcrossRanks: MPI calls in the test process abort it (MPICH exits), or mpiexec;
/// - PrometheusProcess, PrometheusClient, ModelServerProcess, PredictionServer, LoadGenerator, FeatureWorkerProcess:
///   live processes and HTTP;
/// - types deriving from TorchSharp's Module (LoRALinear, CrossLayer, LightningModule, TabularClassifier): their
///   constructors allocate tensors of the requested sizes (int.MaxValue would try to reserve gigabytes natively);
///   methods that take Tensor, Module or DataFrame parameters are skipped as unsupported types for the same reason;
/// - methods taking delegates, tuples, DateTime or streams (AtomicFile.Write, Timing, DynamicBatcher,
///   BehaviouralTests, SliceFinder, BayesianOptimizer's bounds): no generic hostile value exists for them. The test prints
///   every skipped entry point with its reason. Corrupt files are fed to the readers by FileReaderFuzzTests.
/// </summary>
public sealed class PublicApiFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly Assembly Library = typeof(MLPrimer.Primer).Assembly;

    private readonly string _dir = Directory.CreateTempSubdirectory("mlprimer-fuzz-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly string[] ExcludedNamespaces = ["MLPrimer.Charts", "MLPrimer.Device", "MLPrimer.Messaging"];

    private static readonly string[] ExcludedTypes =
    [
        "Mpi", "MpiLauncher", "PrometheusProcess", "PrometheusClient", "ModelServerProcess", "PredictionServer", "LoadGenerator",
        "FeatureWorkerProcess",
    ];

    /// <summary>Single methods left out, with the reason.</summary>
    private static readonly Dictionary<string, string> ExcludedMethods = new()
    {
        ["RingAllReduce.SumAcrossRanks"] = "runs the ring over MPI; calling it outside mpiexec aborts the process (MPICH exits)",
    };

    /// <summary>
    /// Known outcomes that look like findings but are the documented behaviour, keyed "Type.Method: problem prefix".
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["Functions.Sigmoid: non-finite result from non-finite input"] = "an elementwise math function: NaN propagates as in Math.Exp and torch.sigmoid",
        ["Ucb1.Index: non-finite result from finite input"] = "an arm never pulled has index +infinity by definition, so it is tried first (documented)",
        ["Correlation.Pearson: non-finite result from finite input"] = "NaN for a constant variable, as numpy.corrcoef and scipy.stats.pearsonr (documented)",
        ["Correlation.Spearman: non-finite result from finite input"] = "NaN for a constant variable, as scipy.stats.spearmanr (documented)",
        ["Correlation.Matrix: non-finite result from finite input"] = "NaN cells for constant columns, as pandas DataFrame.corr (documented)",
        ["DecisionStump.Fit: non-finite result from finite input"] = "threshold +infinity is the documented no-split stump (constant features or one class)",
        ["AdaBoostClassifier.Fit: non-finite result from finite input"] = "its stumps may be the documented no-split stump (threshold +infinity)",
        ["Metrics.RocCurve: non-finite result from finite input"] = "thresholds[0] is +infinity and rates are NaN without positives or negatives, as scikit-learn's roc_curve (documented)",
        ["Descriptive.Skewness: non-finite result from finite input"] = "NaN for constant data (one value included), as scipy.stats.skew (documented)",
        ["Descriptive.Kurtosis: non-finite result from finite input"] = "NaN for constant data (one value included), as scipy.stats.kurtosis (documented)",
        ["AlphaBetaModel.Fit: non-finite result from finite input"] = "times that do not grow with size fit β = 0, whose bandwidth 1/β is +infinity: the honest answer",
        ["OneHotEncoder.Fit: non-finite result from non-finite input"] = "NaN is a category of its own, sorted last, as scikit-learn's OneHotEncoder (documented)",
        ["FeatureHasher.Transform: non-finite result from non-finite input"] = "a NaN value is hashed and kept, as scikit-learn's FeatureHasher does (documented)",
        ["TwoProportionZTest.Test: non-finite result from finite input"] = "RelativeLift is NaN when the control rate is 0 (documented): a lift over nothing is undefined",
    };

    /// <summary>
    /// int.MaxValue (or long.MaxValue) as a size asks for an array .NET cannot hold: the runtime's OutOfMemoryException
    /// ("Array dimensions exceeded supported range") comes before any work is done, so it is accepted for those values only.
    /// </summary>
    private static bool ImpossibleSize(Outcome outcome, FuzzArg[] args) =>
        outcome.Exception is OutOfMemoryException && args.Any(a => a.Value is int.MaxValue or long.MaxValue);

    private static string? ExclusionReason(Type t)
    {
        if (ExcludedNamespaces.Contains(t.Namespace)) return $"namespace {t.Namespace}";
        if (ExcludedTypes.Contains(t.Name.Split('`')[0])) return "live process or HTTP";
        if (typeof(TorchSharp.torch.nn.Module).IsAssignableFrom(t)) return "TorchSharp module";
        if (typeof(Delegate).IsAssignableFrom(t)) return "delegate";
        if (t.IsInterface) return "interface";
        return null;
    }

    private static Type? Close(Type t)
    {
        if (!t.IsGenericTypeDefinition) return t;
        foreach (var candidate in new[] { typeof(int), typeof(string) })
            try { return t.MakeGenericType(t.GetGenericArguments().Select(_ => candidate).ToArray()); }
            catch (ArgumentException) { }
        return null;
    }

    private static MethodInfo? Close(MethodInfo m)
    {
        if (!m.IsGenericMethodDefinition) return m;
        foreach (var candidate in new[] { typeof(string), typeof(int), typeof(double) })
            try { return m.MakeGenericMethod(m.GetGenericArguments().Select(_ => candidate).ToArray()); }
            catch (ArgumentException) { }
        return null;
    }

    private static readonly HashSet<string> ObjectMembers =
        ["ToString", "Equals", "GetHashCode", "Deconstruct", "PrintMembers", "<Clone>$", "Dispose", "DisposeAsync", "GetEnumerator", "GetType"];

    [Fact]
    public void EveryPublicEntryPointRejectsHostileInputClearly()
    {
        var clock = Stopwatch.StartNew();
        var values = new FuzzValues(_dir);
        FuzzValues.IsBuildable = t => ExclusionReason(t) is null && !t.IsGenericTypeDefinition;
        var factories = new Dictionary<Type, Func<object>?>();
        values.Objects = t =>
        {
            if (factories.TryGetValue(t, out var known)) return known;
            factories[t] = null;   // while building: a type that needs itself gets null
            return factories[t] = Factory(t, values);
        };
        var findings = new List<string>();
        var skipped = new List<string>();
        int entryPoints = 0, calls = 0;
        var timings = new List<(string Method, TimeSpan Time)>();

        foreach (var open in Library.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (ExclusionReason(open) is { } why) { skipped.Add($"{open.Name}: {why}"); continue; }
            if (Close(open) is not { } type) { skipped.Add($"{open.Name}: cannot close generic type"); continue; }

            var statics = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName).Select(Close).OfType<MethodInfo>().Cast<MethodBase>();
            var ctors = type.IsAbstract ? [] : type.GetConstructors().Cast<MethodBase>();
            foreach (var m in ctors.Concat(statics).OrderBy(Signature, StringComparer.Ordinal))
            {
                if (!Callable(m, skipped)) continue;
                entryPoints++;
                var started = clock.Elapsed;
                calls += Fuzz(m, null, values, findings);
                timings.Add((Signature(m), clock.Elapsed - started));
            }

            if (type.IsAbstract || type.IsValueType) continue;
            var instance = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !ObjectMembers.Contains(m.Name)).Select(Close).OfType<MethodInfo>()
                .OrderBy(Signature, StringComparer.Ordinal).ToList();
            if (instance.Count == 0) continue;
            var factory = values.Objects(type);
            if (factory is null) { skipped.AddRange(instance.Select(m => $"{Signature(m)}: no constructor call succeeded")); continue; }
            foreach (var m in instance)
            {
                if (!Callable(m, skipped)) continue;
                entryPoints++;
                var started = clock.Elapsed;
                calls += Fuzz(m, factory, values, findings);
                timings.Add((Signature(m), clock.Elapsed - started));
            }
        }

        output.WriteLine($"Fuzzed {entryPoints} entry points with {calls} calls in {clock.Elapsed.TotalSeconds:F1} s; skipped {skipped.Count}.");
        foreach (var (method, time) in timings.OrderByDescending(t => t.Time).Take(10)) output.WriteLine($"  slowest: {method} {time.TotalSeconds:F2} s");
        foreach (var s in skipped) output.WriteLine($"  skipped {s}");
        foreach (var f in findings) output.WriteLine($"FINDING {f}");
        Assert.True(entryPoints > 150, $"only {entryPoints} entry points were fuzzed; did the enumeration break?");
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s):\n" + string.Join("\n", findings));
    }

    private static bool Callable(MethodBase m, List<string> skipped)
    {
        if (ExcludedMethods.TryGetValue($"{m.DeclaringType!.Name}.{m.Name}", out var reason)) { skipped.Add($"{Signature(m)}: {reason}"); return false; }
        var bad = m.GetParameters().FirstOrDefault(p => !FuzzInvoker.CanCall(m) || !FuzzValues.Supported(p.ParameterType));
        if (bad is not null) { skipped.Add($"{Signature(m)}: parameter {bad.Name} of type {bad.ParameterType.Name}"); return false; }
        if (!FuzzInvoker.CanCall(m)) { skipped.Add($"{Signature(m)}: ref-like return"); return false; }
        return true;
    }

    /// <summary>Makes fresh instances: the first constructor and flavour that succeed, then Fit with its first working flavour.</summary>
    private Func<object>? Factory(Type type, FuzzValues values)
    {
        foreach (var ctor in type.GetConstructors().OrderBy(c => c.GetParameters().Length))
        {
            if (!FuzzInvoker.CanCall(ctor) || !ctor.GetParameters().All(p => FuzzValues.Supported(p.ParameterType))) continue;
            var call = FuzzInvoker.Build(ctor);
            for (var flavour = 0; flavour < FuzzValues.Flavours; flavour++)
            {
                var args = ctor.GetParameters().Select(p => values.Nice(p, flavour)).ToArray();
                if (Execute(() => call(null, args)) is not { Exception: null, Hung: false } made) continue;
                Func<object> create = () => call(null, args.ToArray())!;
                var fit = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == "Fit" && !m.IsGenericMethodDefinition
                    && FuzzInvoker.CanCall(m) && m.GetParameters().All(p => FuzzValues.Supported(p.ParameterType)));
                if (fit is null) return create;
                var fitCall = FuzzInvoker.Build(fit);
                for (var f = 0; f < FuzzValues.Flavours; f++)
                {
                    var fitArgs = fit.GetParameters().Select(p => values.Nice(p, f)).ToArray();
                    var target = create();
                    if (Execute(() => fitCall(target, fitArgs)) is { Exception: null, Hung: false })
                        return () => { var o = create(); fitCall(o, fitArgs.ToArray()); return o; };
                }
                return create;
            }
        }
        // No usable constructor: a method that returns one, static (ExperimentTracker.Open, Datasets.Iris, Metrics.ConfusionMatrix)
        // or of another buildable object (ExperimentTracker.StartRun, FeatureHasher.Transform).
        var producers = Library.GetExportedTypes().Where(t => ExclusionReason(t) is null && !t.IsGenericTypeDefinition)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == type && !m.IsGenericMethodDefinition && !m.IsSpecialName && (m.IsStatic || m.DeclaringType != type)
                && !ExcludedMethods.ContainsKey($"{m.DeclaringType!.Name}.{m.Name}"))
            .OrderBy(m => m.DeclaringType == type ? 0 : 1).ThenBy(m => m.GetParameters().Length).ThenBy(Signature, StringComparer.Ordinal);
        foreach (var producer in producers)
        {
            if (!FuzzInvoker.CanCall(producer) || !producer.GetParameters().All(p => FuzzValues.Supported(p.ParameterType))) continue;
            Func<object>? owner = producer.IsStatic ? null : values.Objects(producer.DeclaringType!);
            if (!producer.IsStatic && owner is null) continue;
            var call = FuzzInvoker.Build(producer);
            for (var flavour = 0; flavour < FuzzValues.Flavours; flavour++)
            {
                var f = flavour;
                object? Make() => call(owner?.Invoke(), producer.GetParameters().Select(p => values.Nice(p, f)).ToArray());
                if (Execute(Make) is not { Exception: null, Hung: false, Result: not null } made) continue;
                (made.Result as IDisposable)?.Dispose();
                return () => Make()!;
            }
        }
        return null;
    }

    private sealed record Outcome(object? Result, Exception? Exception, bool Hung);

    /// <summary>Runs the call (and enumerates a lazy sequence result) on the thread pool, giving up after the timeout.</summary>
    private static Outcome Execute(Func<object?> call)
    {
        var task = Task.Run(() =>
        {
            var r = call();
            if (r is IEnumerable e and not string and not Array and not ICollection)
            {
                var list = new List<object?>();
                foreach (var item in e)
                {
                    list.Add(item);
                    if (list.Count > 1_000_000) throw new TimeoutException("the sequence did not end after a million items");
                }
                return list;
            }
            return r;
        });
        try
        {
            return task.Wait(CallTimeout) ? new Outcome(task.Result, null, false) : new Outcome(null, null, true);
        }
        catch (AggregateException ae) { return new Outcome(null, ae.InnerException, false); }
    }

    private int Fuzz(MethodBase m, Func<object>? factory, FuzzValues values, List<string> findings)
    {
        var call = FuzzInvoker.Build(m);
        var parameters = m.GetParameters();
        var calls = 0;
        var reported = new HashSet<string>();

        // Find a flavour of valid-looking arguments that goes through, to mutate one parameter at a time from there.
        var baseFlavour = 0;
        for (var flavour = 0; flavour < FuzzValues.Flavours; flavour++)
        {
            var args = parameters.Select(p => values.Nice(p, flavour)).ToArray();
            var outcome = Run(m, factory, call, args, out var target);
            calls++;
            Check(m, outcome, args.Select((a, i) => new FuzzArg($"valid flavour {flavour}", a, FuzzValues.HasNonFinite(a))).ToArray(), parameters, findings, reported, "(valid-looking arguments)");
            (target as IDisposable)?.Dispose();
            if (outcome is { Exception: null, Hung: false }) { baseFlavour = flavour; break; }
            if (outcome.Hung) return calls;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            foreach (var hostile in values.Hostile(parameters[i], baseFlavour))
            {
                var args = parameters.Select(p => values.Nice(p, baseFlavour)).ToArray();
                args[i] = hostile.Value;
                var outcome = Run(m, factory, call, args, out var target);
                calls++;
                var described = parameters.Select((p, j) => j == i ? hostile : new FuzzArg("valid", args[j], FuzzValues.HasNonFinite(args[j]))).ToArray();
                Check(m, outcome, described, parameters, findings, reported, $"{parameters[i].Name} = {hostile.Label}");
                (target as IDisposable)?.Dispose();
                if (outcome.Hung) return calls;
            }
        }
        return calls;
    }

    private static Outcome Run(MethodBase m, Func<object>? factory, FuzzInvoker.Call call, object?[] args, out object? target)
    {
        object? made = null;
        var outcome = Execute(() =>
        {
            made = factory?.Invoke();
            return call(made, args);
        });
        target = made ?? (m is ConstructorInfo ? outcome.Result : null);
        return outcome;
    }

    private static void Check(MethodBase m, Outcome outcome, FuzzArg[] args, ParameterInfo[] parameters, List<string> findings, HashSet<string> reported, string what)
    {
        var problem = Problem(m, outcome, args, parameters);
        if (problem is null || ImpossibleSize(outcome, args)) return;
        var key = $"{m.DeclaringType!.Name}.{(m is ConstructorInfo ? "ctor" : m.Name)}";
        if (Allowed.Keys.Any(k => k.StartsWith(key + ":", StringComparison.Ordinal) && problem.StartsWith(k[(key.Length + 2)..], StringComparison.Ordinal))) return;
        var kind = problem.Split(':')[0];
        if (!reported.Add(kind)) return;
        findings.Add($"{Signature(m)} with {what} -> {problem}");
    }

    private static string? Problem(MethodBase m, Outcome outcome, FuzzArg[] args, ParameterInfo[] parameters)
    {
        if (outcome.Hung) return $"hang: no answer within {CallTimeout.TotalSeconds} s";
        if (outcome.Exception is { } e)
        {
            var (where, fromLibrary) = Origin(e);
            var pathLike = parameters.Any(p => p.ParameterType == typeof(string) && FuzzValues.IsPathLike(p.Name ?? ""));
            switch (e)
            {
                // The BCL's own checks (Path.GetFullPath on "\0") count when they name one of the entry point's parameters.
                case ArgumentException ae when !fromLibrary && parameters.Any(p => p.Name == ae.ParamName):
                    return null;
                case ArgumentException ae when fromLibrary:
                    if (!string.IsNullOrEmpty(ae.ParamName) || MentionsParameter(ae.Message, m)) return null;
                    return $"ArgumentException naming no parameter: {Short(ae.Message)} (at {where})";
                case IOException or InvalidDataException or UnauthorizedAccessException when pathLike:
                    return null;
                case InvalidOperationException or ObjectDisposedException or NotSupportedException when fromLibrary && e is not InvalidCastException:
                    return null;
                default:
                    return $"{e.GetType().Name}: {Short(e.Message)} (at {where}{(fromLibrary ? "" : ", not thrown by the library")})";
            }
        }
        // A constructor stores what it is given (result records such as TwoProportionResult) or marks what is not fitted
        // yet (TSne.KlDivergence is NaN before Fit): its properties say nothing about garbage.
        if (m is ConstructorInfo) return null;
        // IEEE overflow and underflow: 1e300 squared is infinity in numpy too; not garbage, so accepted for those values only.
        if (args.Any(a => a.Extreme)) return null;
        if (ScanNonFinite(outcome.Result, 0) is { } bad)
            return args.Any(a => a.NonFinite)
                ? $"non-finite result from non-finite input (should be rejected): {bad}"
                : $"non-finite result from finite input: {bad}";
        return null;
    }

    /// <summary>
    /// The innermost frame outside the BCL's argument-exception throw helpers, i.e. the code that decided to throw, and
    /// whether it is the library's. The emitted stub has no declaring type: a library entry point inlined into it threw
    /// there (the stub itself only casts, and a failed cast is the fuzzer's own bug).
    /// </summary>
    private static (string Where, bool FromLibrary) Origin(Exception e)
    {
        foreach (var frame in new StackTrace(e, false).GetFrames())
        {
            var method = frame.GetMethod();
            var declaring = method?.DeclaringType;
            if (declaring is null) return ("the entry point (inlined)", e is not InvalidCastException);
            if (typeof(ArgumentException).IsAssignableFrom(declaring) || typeof(ObjectDisposedException).IsAssignableFrom(declaring)) continue;
            return ($"{declaring.Name}.{method!.Name}", declaring.Assembly == Library);
        }
        return ("?", false);
    }

    private static bool MentionsParameter(string message, MethodBase m)
    {
        var names = m.GetParameters().Select(p => p.Name!).ToList();
        if (!m.IsStatic && m is MethodInfo)
            names.AddRange(m.DeclaringType!.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name!));
        return names.Any(n => System.Text.RegularExpressions.Regex.IsMatch(message, $@"\b{System.Text.RegularExpressions.Regex.Escape(n)}\b"));
    }

    /// <summary>A description of the first NaN or infinity in a result (numbers, sequences, tuples, library objects' properties).</summary>
    private static string? ScanNonFinite(object? v, int depth, string path = "result")
    {
        switch (v)
        {
            case null: return null;
            case double d: return double.IsFinite(d) ? null : $"{path} = {d}";
            case float f: return float.IsFinite(f) ? null : $"{path} = {f}";
            case string: return null;
            case ITuple tuple when depth < 4:
                for (var i = 0; i < tuple.Length; i++)
                    if (ScanNonFinite(tuple[i], depth + 1, $"{path}.Item{i + 1}") is { } s) return s;
                return null;
            case IEnumerable e when depth < 4:
                var k = 0;
                foreach (var item in e)
                {
                    if (ScanNonFinite(item, depth + 1, $"{path}[{k}]") is { } s) return s;
                    if (++k > 100_000) break;
                }
                return null;
        }
        var type = v.GetType();
        if (depth >= 3 || type.Assembly != Library || typeof(TorchSharp.torch.nn.Module).IsAssignableFrom(type)) return null;
        foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            object? value;
            try { value = prop.GetValue(v); }
            catch (TargetInvocationException) { continue; }
            if (ScanNonFinite(value, depth + 1, $"{path}.{prop.Name}") is { } s) return s;
        }
        return null;
    }

    private static string Short(string s) => s.Length <= 160 ? s.ReplaceLineEndings(" ") : s[..160].ReplaceLineEndings(" ") + "...";

    private static string Signature(MethodBase m)
    {
        var sb = new StringBuilder(m.DeclaringType!.Name.Split('`')[0]).Append('.').Append(m is ConstructorInfo ? "ctor" : m.Name).Append('(');
        sb.Append(string.Join(", ", m.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}")));
        return sb.Append(')').ToString();
    }

    private static string TypeName(Type t) =>
        t.IsGenericType ? $"{t.Name.Split('`')[0]}<{string.Join(",", t.GetGenericArguments().Select(TypeName))}>" : t.Name;
}
