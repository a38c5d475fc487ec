using System.Diagnostics;
using MLPrimer.Device;
using TorchSharp;
using static TorchSharp.torch;

namespace MLPrimer.Embeddings;

/// <summary>The TorchSharp path (for GPUs): batches of (input, target, noise) index tensors; gradients written by hand and applied with index_add_.</summary>
/// <remarks>Examples are drawn on the CPU exactly as in the C# loop. A batch's updates are summed, so a word met k times in a batch
/// gets k updates computed at the same point: close to sequential SGD while k * alpha stays small (true on real text with
/// subsampling and batches of a few thousand pairs); without subsampling, a tiny vocabulary or huge batches can diverge.
/// Averaging them instead is stable but starves frequent words of updates (tried: probe AUC 0.57 instead of 0.97 on Brown).</remarks>
internal sealed class TorchTrainer
{
    private readonly TrainingCorpus _c;
    private readonly Word2VecOptions _o;
    private readonly torch.Device _device;

    public TorchTrainer(TrainingCorpus corpus, Word2VecOptions options)
    {
        TorchNative.EnsureLoaded();
        _c = corpus;
        _o = options;
        _device = options.Device ?? CPU;
    }

    public string DeviceName => _device.type.ToString().ToLowerInvariant();

    public float[] Run(List<Word2VecLossPoint> history, Stopwatch clock, TextWriter? log)
    {
        using var noGrad = no_grad();
        int size = _o.VectorSize, k1 = _o.Negative + 1, width = 2 * _o.Window, batch = _o.BatchSize, slots = _o.ReportsPerEpoch;
        var skipGram = _o.Mode == Word2VecMode.SkipGram;
        long vocab = _c.Vocabulary.Count;
        var syn0 = tensor(_c.InitialVectors(_o), [vocab, size], device: _device);
        var syn1 = zeros(vocab, size, device: _device);
        var labels = tensor(Enumerable.Range(0, k1).Select(i => i == 0 ? 1f : 0f).ToArray(), device: _device);
        var signs = labels * 2 - 1;

        var inputs = new long[skipGram ? batch : batch * width];
        var contextMask = skipGram ? [] : new float[batch * width];
        var outputs = new long[batch * k1];
        var weights = new float[batch * k1];
        var n = 0;
        var contextPairs = 0;

        for (var epoch = 0; epoch < _o.Epochs; epoch++)
        {
            var epochStart = clock.Elapsed.TotalSeconds;
            var loss = zeros(slots, dtype: float64, device: _device);
            var examples = new long[slots];
            float alpha = 0;
            var slot = 0;
            var kept = new int[_c.LongestSentence];
            for (var job = 0; job < _c.Jobs; job++)
            {
                var rng = TrainingCorpus.JobRandom(_o.Seed, epoch, job);
                alpha = (float)TrainingCorpus.AlphaAt(_o, _c.EpochsDone(epoch, _c.JobTokenStart[job]));
                slot = _c.Slot(job, slots);
                for (var s = _c.JobStarts[job]; s < _c.JobStarts[job + 1]; s++)
                {
                    var len = _c.Subsample(_c.Sentences[s], kept, ref rng);
                    for (var i = 0; i < len; i++)
                    {
                        var reduced = _o.Window - rng.Next(_o.Window);
                        int start = Math.Max(0, i - reduced), end = Math.Min(len, i + reduced + 1);
                        if (skipGram)
                        {
                            for (var j = start; j < end; j++)
                            {
                                if (j == i) continue;
                                inputs[n] = kept[j];
                                AddTargets(n, kept[i], ref rng, outputs, weights);
                                if (++n == batch) Flush();
                            }
                        }
                        else
                        {
                            var count = 0;
                            for (var j = start; j < end; j++)
                            {
                                if (j == i) continue;
                                inputs[n * width + count] = kept[j];
                                contextMask[n * width + count] = 1;
                                count++;
                            }
                            if (count == 0) continue;
                            for (var c = count; c < width; c++) { inputs[n * width + c] = 0; contextMask[n * width + c] = 0; }
                            AddTargets(n, kept[i], ref rng, outputs, weights);
                            n++;
                            // A CBOW example updates every context word: count (word, context) pairs, as skip-gram does,
                            // so that a frequent word gets no more summed updates per batch than in skip-gram.
                            contextPairs += count;
                            if (contextPairs >= batch || n == batch) Flush();
                        }
                    }
                }
            }
            if (n > 0) Flush();
            var perSlot = loss.cpu().data<double>().ToArray();
            loss.Dispose();
            for (var s = 0; s < slots; s++)
            {
                if (examples[s] == 0) continue; // a corpus too small to give every report a job
                var done = epoch + (s + 1.0) / slots;
                history.Add(new Word2VecLossPoint(epoch + 1, done, TrainingCorpus.AlphaAt(_o, done), perSlot[s] / Math.Max(1, examples[s])));
            }
            Word2Vec.LogEpoch(log, _o, epoch + 1, perSlot.Sum() / Math.Max(1, examples.Sum()), TrainingCorpus.AlphaAt(_o, epoch + 1.0),
                _c.Vocabulary.RawWords, clock.Elapsed.TotalSeconds - epochStart, clock.Elapsed.TotalSeconds);

            void Flush()
            {
                using var scope = NewDisposeScope();
                var output = tensor(outputs.AsSpan(0, n * k1).ToArray(), [n, k1], device: _device);
                var weight = tensor(weights.AsSpan(0, n * k1).ToArray(), [n, k1], device: _device);
                Tensor hidden, input, mask = null!;
                if (skipGram)
                {
                    input = tensor(inputs.AsSpan(0, n).ToArray(), device: _device);
                    hidden = syn0.index_select(0, input);
                }
                else
                {
                    input = tensor(inputs.AsSpan(0, n * width).ToArray(), device: _device);
                    mask = tensor(contextMask.AsSpan(0, n * width).ToArray(), [n, width], device: _device);
                    hidden = (syn0.index_select(0, input).view(n, width, size) * mask.unsqueeze(2)).sum(1) / mask.sum(1, keepdim: true);
                }
                var wOut = syn1.index_select(0, output.view(-1)).view(n, k1, size);
                var scores = bmm(wOut, hidden.unsqueeze(2)).squeeze(2);
                loss[slot].add_(-(nn.functional.logsigmoid(scores * signs) * weight).sum().to(float64));
                var g = (labels - scores.sigmoid()) * weight; // the gradient step, before the learning rate
                var gradHidden = bmm(g.unsqueeze(1), wOut).squeeze(1);
                // An explicit Scalar that outlives the calls (an implicit one can be finalized while native code still reads it).
                using var rate = alpha.ToScalar();
                syn1.index_add_(0, output.view(-1), (g.unsqueeze(2) * hidden.unsqueeze(1)).view(-1, size), rate);
                if (skipGram) syn0.index_add_(0, input, gradHidden, rate);
                else syn0.index_add_(0, input, (gradHidden.unsqueeze(1) * mask.unsqueeze(2)).view(-1, size), rate);
                examples[slot] += n;
                n = 0;
                contextPairs = 0;
            }
        }
        var result = syn0.cpu().data<float>().ToArray();
        syn0.Dispose();
        syn1.Dispose();
        return result;
    }

    /// <summary>Fills row <paramref name="row"/>: the target word first, then Negative noise words (weight 0 when a noise word is the target itself).</summary>
    private void AddTargets(int row, int target, ref FastRandom rng, long[] outputs, float[] weights)
    {
        var k1 = _o.Negative + 1;
        outputs[row * k1] = target;
        weights[row * k1] = 1;
        for (var d = 1; d < k1; d++)
        {
            var w = _c.Noise.Sample(rng.NextUInt64());
            outputs[row * k1 + d] = w;
            weights[row * k1 + d] = w == target ? 0 : 1;
        }
    }
}
