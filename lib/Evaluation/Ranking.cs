namespace MLPrimer.Evaluation;

/// <summary>What AP@k divides the sum of precisions at the relevant positions by; the definitions in use differ only here.</summary>
public enum AveragePrecisionNormalization
{
    /// <summary>min(k, number of relevant items): the usual recommender AP@k (ml_metrics' apk, Kaggle's MAP@k); 1 is reachable for every k.</summary>
    MinKRelevant,

    /// <summary>Number of relevant items: TREC-style AP cut at k; with k covering a full ranking it equals scikit-learn's average_precision_score.</summary>
    Relevant,

    /// <summary>Number of relevant items found in the top k: the primer's worked example (AP@5 = 0.75); ignores relevant items that were missed.</summary>
    RetrievedRelevant,
}

/// <summary>
/// Ranking metrics for recommendations and search. Item-list overloads take the ranked recommendations and the set of
/// relevant items; relevance-vector overloads take 1/0 flags in ranked order. A recommended item counts at its first
/// occurrence only; positions past the end of a short list count as not relevant.
/// </summary>
public static class Ranking
{
    // ---- Item lists -------------------------------------------------------------------------------------------------

    /// <summary>P@k: relevant items among the top k, divided by k (a list shorter than k is padded with misses).</summary>
    public static double PrecisionAtK<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        return PrecisionAtK(Hits(recommended, relevant, k, out _), k);
    }

    /// <summary>R@k: relevant items among the top k, divided by the number of relevant items (0 when there are none).</summary>
    public static double RecallAtK<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        var hits = Hits(recommended, relevant, k, out int total);
        return RecallAtK(hits, k, total);
    }

    /// <summary>AP@k: sum of P@i over the relevant positions i ≤ k, divided as <paramref name="normalization"/> says (0 when that is 0).</summary>
    public static double AveragePrecisionAtK<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int k,
        AveragePrecisionNormalization normalization = AveragePrecisionNormalization.MinKRelevant)
    {
        Guard.AtLeastOne(k, nameof(k));
        var hits = Hits(recommended, relevant, k, out int total);
        return AveragePrecisionAtK(hits, k, normalization, total);
    }

    /// <summary>MAP@k: mean of <see cref="AveragePrecisionAtK{T}(IReadOnlyList{T}, IEnumerable{T}, int, AveragePrecisionNormalization)"/> over queries.</summary>
    public static double MeanAveragePrecisionAtK<T>(IReadOnlyList<IReadOnlyList<T>> recommended, IReadOnlyList<IEnumerable<T>> relevant,
        int k, AveragePrecisionNormalization normalization = AveragePrecisionNormalization.MinKRelevant)
    {
        ArgumentNullException.ThrowIfNull(recommended);
        ArgumentNullException.ThrowIfNull(relevant);
        CheckQueries(recommended.Count, relevant.Count);
        Guard.AtLeastOne(k, nameof(k));
        double sum = 0.0;
        for (int q = 0; q < recommended.Count; q++) sum += AveragePrecisionAtK(recommended[q], relevant[q], k, normalization);
        return sum / recommended.Count;
    }

    /// <summary>Reciprocal rank: 1 / position of the first relevant item within the top k (whole list when k is null), else 0.</summary>
    public static double ReciprocalRank<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int? k = null)
    {
        if (k is { } kk) Guard.AtLeastOne(kk, nameof(k));
        return ReciprocalRank(Hits(recommended, relevant, k ?? int.MaxValue, out _), k);
    }

    /// <summary>MRR: mean of <see cref="ReciprocalRank{T}(IReadOnlyList{T}, IEnumerable{T}, int?)"/> over queries.</summary>
    public static double MeanReciprocalRank<T>(IReadOnlyList<IReadOnlyList<T>> recommended, IReadOnlyList<IEnumerable<T>> relevant, int? k = null)
    {
        ArgumentNullException.ThrowIfNull(recommended);
        ArgumentNullException.ThrowIfNull(relevant);
        CheckQueries(recommended.Count, relevant.Count);
        if (k is { } kk) Guard.AtLeastOne(kk, nameof(k));
        double sum = 0.0;
        for (int q = 0; q < recommended.Count; q++) sum += ReciprocalRank(recommended[q], relevant[q], k);
        return sum / recommended.Count;
    }

    /// <summary>NDCG@k with binary gains: DCG of the top k over the DCG of min(k, relevant) hits at the top (0 when nothing is relevant).</summary>
    public static double NdcgAtK<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        var hits = Hits(recommended, relevant, k, out int total);
        double dcg = 0.0;
        for (int i = 0; i < hits.Length; i++) if (hits[i] != 0) dcg += Discount(i);
        double ideal = 0.0;
        for (int i = 0, m = Math.Min(k, total); i < m; i++) ideal += Discount(i);
        return ideal == 0.0 ? 0.0 : dcg / ideal;
    }

    // ---- Relevance vectors ------------------------------------------------------------------------------------------

    /// <summary>P@k from 1/0 relevance flags in ranked order: ones among the first k, divided by k.</summary>
    public static double PrecisionAtK(ReadOnlySpan<int> relevance, int k)
    {
        Guard.AtLeastOne(k, nameof(k));
        Guard.Binary(relevance, nameof(relevance));
        return (double)CountOnes(relevance[..Math.Min(k, relevance.Length)]) / k;
    }

    /// <summary>R@k from relevance flags; <paramref name="totalRelevant"/> defaults to the ones in the whole vector.</summary>
    public static double RecallAtK(ReadOnlySpan<int> relevance, int k, int? totalRelevant = null)
    {
        Guard.AtLeastOne(k, nameof(k));
        int total = Total(relevance, totalRelevant);
        if (total == 0) return 0.0;
        return (double)CountOnes(relevance[..Math.Min(k, relevance.Length)]) / total;
    }

    /// <summary>AP@k from relevance flags; <paramref name="totalRelevant"/> (relevant items, ranked or not) defaults to the ones in the vector.</summary>
    public static double AveragePrecisionAtK(ReadOnlySpan<int> relevance, int k,
        AveragePrecisionNormalization normalization = AveragePrecisionNormalization.MinKRelevant, int? totalRelevant = null)
    {
        Guard.AtLeastOne(k, nameof(k));
        int total = Total(relevance, totalRelevant);
        var top = relevance[..Math.Min(k, relevance.Length)];
        int hits = 0;
        double sum = 0.0;
        for (int i = 0; i < top.Length; i++)
        {
            if (top[i] == 0) continue;
            hits++;
            sum += (double)hits / (i + 1); // P@(i+1) at a relevant position
        }
        int denominator = normalization switch
        {
            AveragePrecisionNormalization.MinKRelevant => Math.Min(k, total),
            AveragePrecisionNormalization.Relevant => total,
            AveragePrecisionNormalization.RetrievedRelevant => hits,
            _ => throw new ArgumentException($"Unknown normalization {normalization}.", nameof(normalization)),
        };
        return denominator == 0 ? 0.0 : sum / denominator;
    }

    /// <summary>Reciprocal rank from relevance flags: 1 / position of the first 1 within the top k (whole vector when k is null), else 0.</summary>
    public static double ReciprocalRank(ReadOnlySpan<int> relevance, int? k = null)
    {
        if (k is { } kk) Guard.AtLeastOne(kk, nameof(k));
        Guard.Binary(relevance, nameof(relevance));
        int depth = Math.Min(k ?? int.MaxValue, relevance.Length);
        for (int i = 0; i < depth; i++) if (relevance[i] != 0) return 1.0 / (i + 1);
        return 0.0;
    }

    // ---- Graded relevance and scores, as scikit-learn's dcg_score / ndcg_score -----------------------------------------

    /// <summary>DCG of one query (scikit-learn's dcg_score, log2 discount): gains yTrue ranked by yScore, tied scores share their average gain.</summary>
    public static double DcgScore(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yScore, int? k = null, bool ignoreTies = false)
    {
        CheckGraded(yTrue, yScore, k, nonNegative: false);
        return Dcg(yTrue, yScore, k, ignoreTies);
    }

    /// <summary>NDCG of one query (scikit-learn's ndcg_score): DCG over the DCG of the ideal order, 0 when every gain is 0.</summary>
    public static double NdcgScore(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yScore, int? k = null, bool ignoreTies = false)
    {
        CheckGraded(yTrue, yScore, k, nonNegative: true);
        return Ndcg(yTrue, yScore, k, ignoreTies);
    }

    /// <summary>Mean DCG over queries (one array of gains and one of scores per query).</summary>
    public static double DcgScore(IReadOnlyList<double[]> yTrue, IReadOnlyList<double[]> yScore, int? k = null, bool ignoreTies = false)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yScore);
        CheckQueries(yTrue.Count, yScore.Count);
        double sum = 0.0;
        for (int q = 0; q < yTrue.Count; q++) sum += DcgScore(yTrue[q], yScore[q], k, ignoreTies);
        return sum / yTrue.Count;
    }

    /// <summary>Mean NDCG over queries (scikit-learn's ndcg_score on a samples × items matrix; rows may differ in length here).</summary>
    public static double NdcgScore(IReadOnlyList<double[]> yTrue, IReadOnlyList<double[]> yScore, int? k = null, bool ignoreTies = false)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yScore);
        CheckQueries(yTrue.Count, yScore.Count);
        double sum = 0.0;
        for (int q = 0; q < yTrue.Count; q++) sum += NdcgScore(yTrue[q], yScore[q], k, ignoreTies);
        return sum / yTrue.Count;
    }

    // ---- Internals --------------------------------------------------------------------------------------------------

    /// <summary>1/0 flags for the first min(depth, list length) recommendations; a repeated item counts once.</summary>
    private static int[] Hits<T>(IReadOnlyList<T> recommended, IEnumerable<T> relevant, int depth, out int relevantCount)
    {
        ArgumentNullException.ThrowIfNull(recommended);
        ArgumentNullException.ThrowIfNull(relevant);
        var relevantSet = new HashSet<T>(relevant);
        relevantCount = relevantSet.Count;
        int m = Math.Min(depth, recommended.Count);
        var hits = new int[m];
        var seen = new HashSet<T>();
        for (int i = 0; i < m; i++)
        {
            T item = recommended[i];
            if (relevantSet.Contains(item) && seen.Add(item)) hits[i] = 1;
        }
        return hits;
    }

    private static int CountOnes(ReadOnlySpan<int> flags)
    {
        int c = 0;
        foreach (int f in flags) c += f;
        return c;
    }

    private static int Total(ReadOnlySpan<int> relevance, int? totalRelevant)
    {
        Guard.Binary(relevance, nameof(relevance));
        int ones = CountOnes(relevance);
        if (totalRelevant is not { } t) return ones;
        if (t < ones)
            throw new ArgumentOutOfRangeException(nameof(totalRelevant), t,
                $"totalRelevant must be at least the number of relevant flags in relevance ({ones}).");
        return t;
    }

    private static void CheckQueries(int a, int b)
    {
        if (a == 0) throw new ArgumentException("At least one query is needed.", "recommended");
        if (a != b) throw new ArgumentException($"Both query lists must have the same length (got {a} and {b}).", "relevant");
    }

    private static void CheckGraded(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yScore, int? k, bool nonNegative)
    {
        Guard.SameLength(yTrue.Length, nameof(yTrue), yScore.Length, nameof(yScore));
        if (yTrue.Length < 2)
            throw new ArgumentException($"yTrue must hold at least 2 items to rank (got {yTrue.Length}).", nameof(yTrue));
        if (k is { } kk) Guard.AtLeastOne(kk, nameof(k));
        Guard.Finite(yTrue, nameof(yTrue));
        Guard.Finite(yScore, nameof(yScore));
        if (nonNegative)
            for (int i = 0; i < yTrue.Length; i++)
                if (yTrue[i] < 0)
                    throw new ArgumentException($"yTrue must hold non-negative gains for NDCG; found {yTrue[i]} at index {i}.", nameof(yTrue));
    }

    /// <summary>scikit-learn's discount 1 / log2(i + 2) for the 0-based position i, written as it computes it.</summary>
    private static double Discount(int i) => 1.0 / (Math.Log(i + 2) / Math.Log(2));

    private static double Ndcg(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yScore, int? k, bool ignoreTies)
    {
        double gain = Dcg(yTrue, yScore, k, ignoreTies);
        // Ideal DCG: gains in decreasing order; ties among equal gains cannot change it.
        var ideal = yTrue.ToArray();
        Array.Sort(ideal);
        Array.Reverse(ideal);
        int depth = Math.Min(k ?? int.MaxValue, ideal.Length);
        double best = 0.0;
        for (int i = 0; i < depth; i++) best += Discount(i) * ideal[i];
        return best == 0.0 ? 0.0 : gain / best;
    }

    private static double Dcg(ReadOnlySpan<double> yTrue, ReadOnlySpan<double> yScore, int? k, bool ignoreTies)
    {
        int n = yTrue.Length;
        int depth = Math.Min(k ?? int.MaxValue, n);
        // Rank by score, highest first. Tie-averaging sums each group's gains in input order (as numpy.add.at does);
        // ignoreTies puts the last of equal scores first, as scikit-learn's reversed numpy.argsort does on small inputs.
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var scores = yScore.ToArray();
        int tieDirection = ignoreTies ? -1 : 1;
        Array.Sort(order, (a, b) =>
        {
            int c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : tieDirection * a.CompareTo(b);
        });

        if (ignoreTies)
        {
            double sum = 0.0;
            for (int i = 0; i < depth; i++) sum += Discount(i) * yTrue[order[i]];
            return sum;
        }

        // Tie-averaged DCG (McSherry and Najork 2008): each group of equal scores gets its mean gain times the sum of
        // the discounts of the positions it spans (discounts past k are 0).
        double total = 0.0, cumulative = 0.0, previousCumulative = 0.0;
        for (int start = 0; start < n;)
        {
            int end = start;
            double groupGain = 0.0;
            while (end < n && scores[order[end]] == scores[order[start]])
            {
                groupGain += yTrue[order[end]];
                if (end < depth) cumulative += Discount(end);
                end++;
            }
            total += groupGain / (end - start) * (cumulative - previousCumulative);
            previousCumulative = cumulative;
            start = end;
        }
        return total;
    }
}
