// Writes three files of the library in a loop, alternating two versions, until it is killed:
//   checkpoint.zip (Checkpoint.Save), vectors.txt (KeyedVectors.SaveWord2VecFormat), report.json (DataParallelReport.Save).
// Version v holds the value v everywhere (every weight, every vector element, every loss), so a reader can tell a whole
// version from a mixture. Usage: AtomicWriter <folder> [rounds]; without rounds it runs until killed.
// It prints a line after each file it has saved, so the test can aim its kill at any point of the loop.
using System.Globalization;
using MLPrimer.Device;
using MLPrimer.Distributed;
using MLPrimer.Embeddings;
using MLPrimer.Tracking;
using TorchSharp;

var folder = args[0];
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : int.MaxValue;
TorchNative.EnsureLoaded();
torch.set_num_threads(1);
var models = new[] { 1, 2 }.Select(v =>
{
    var m = torch.nn.Linear(256, 256);
    using (torch.no_grad()) foreach (var p in m.parameters()) p.fill_(v);
    return m;
}).ToArray();
var words = Enumerable.Range(0, 2000).Select(i => $"w{i}").ToArray();
var vectors = new[] { 1, 2 }.Select(v => new KeyedVectors(words, Enumerable.Repeat((float)v, words.Length * 50).ToArray(), 50)).ToArray();
var reports = new[] { 1, 2 }.Select(v => new DataParallelReport(v, v, v, v, v, v, v, v, true, Filled(v), Filled(v), Filled(v), Filled(v),
    Enumerable.Repeat((float)v, 20_000).ToArray(), v, Filled(v))).ToArray();
for (var round = 0; round < rounds; round++)
{
    var v = round % 2;
    Checkpoint.Save(Path.Combine(folder, "checkpoint.zip"), models[v], null, epoch: v + 1);
    Console.WriteLine($"saved checkpoint {v + 1}");
    vectors[v].SaveWord2VecFormat(Path.Combine(folder, "vectors.txt"));
    Console.WriteLine($"saved vectors {v + 1}");
    reports[v].Save(Path.Combine(folder, "report.json"));
    Console.WriteLine($"saved report {v + 1}");
}

static double[] Filled(int v) => Enumerable.Repeat((double)v, 1000).ToArray();
