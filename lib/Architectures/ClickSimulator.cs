using MathNet.Numerics.Distributions;

namespace MLPrimer.Architectures;

/// <summary>The knobs of <see cref="ClickSimulator"/>: how big the synthetic world is and how each label is made.</summary>
/// <remarks>Click logit = <see cref="ClickBias"/> + <see cref="TasteWeight"/>·(u·v)/√d + <see cref="CrossEffect"/>·[segment×category cell is planted]
/// + <see cref="PriceEffect"/>·price + <see cref="ActivityEffect"/>·activity. Purchase happens only after a click, with logit
/// <see cref="PurchaseBias"/> + <see cref="PurchaseTasteWeight"/>·(u·v)/√d + <see cref="PurchasePriceEffect"/>·price.</remarks>
public sealed record ClickSimulatorOptions
{
    /// <summary>Number of users (ids 0..Users-1).</summary>
    public int Users { get; init; } = 300;
    /// <summary>Number of items (ids 0..Items-1).</summary>
    public int Items { get; init; } = 200;
    /// <summary>Number of user segments; each user belongs to one, drawn uniformly.</summary>
    public int Segments { get; init; } = 20;
    /// <summary>Number of item categories; each item belongs to one, drawn uniformly.</summary>
    public int Categories { get; init; } = 20;
    /// <summary>Length d of the latent taste vectors u (user) and v (item), drawn N(0, 1).</summary>
    public int TasteDimension { get; init; } = 3;
    /// <summary>Weight of the generalisable part, (u·v)/√d, in the click logit.</summary>
    public double TasteWeight { get; init; } = 2.0;
    /// <summary>Share of segment×category cells that carry a planted cross effect (the part a model must memorise).</summary>
    public double CrossShare { get; init; } = 0.1;
    /// <summary>Logit added to a click when the row's segment×category cell is planted.</summary>
    public double CrossEffect { get; init; } = 2.5;
    /// <summary>Base click logit.</summary>
    public double ClickBias { get; init; } = -2.0;
    /// <summary>Effect of the standardised item price (dense feature 0) on the click logit.</summary>
    public double PriceEffect { get; init; } = -0.4;
    /// <summary>Effect of the standardised user activity (dense feature 1) on the click logit.</summary>
    public double ActivityEffect { get; init; } = 0.4;
    /// <summary>Base purchase logit, given a click.</summary>
    public double PurchaseBias { get; init; } = -3.0;
    /// <summary>Weight of (u·v)/√d in the purchase logit (the signal purchase shares with click).</summary>
    public double PurchaseTasteWeight { get; init; } = 2.0;
    /// <summary>Effect of the standardised price on the purchase logit.</summary>
    public double PurchasePriceEffect { get; init; } = -1.0;
    /// <summary>Zipf exponent of item popularity: item i is shown with weight 1/(i+10)^s (0 = uniform).</summary>
    public double PopularityExponent { get; init; } = 0.7;
    /// <summary>Seed of every random draw: the same seed gives the same world and the same rows.</summary>
    public int Seed { get; init; } = 0;
}

/// <summary>Synthetic impression log: who saw which item, the features, and whether they clicked and purchased, with the true probabilities.</summary>
/// <param name="User">User id of each row.</param>
/// <param name="Item">Item id of each row.</param>
/// <param name="Segment">The user's segment (a categorical feature).</param>
/// <param name="Category">The item's category (a categorical feature).</param>
/// <param name="Dense">Dense features per row: [standardised price, standardised user activity, a context feature with no effect].</param>
/// <param name="Click">1 when the impression was clicked.</param>
/// <param name="Purchase">1 when the impression was clicked and then purchased.</param>
/// <param name="ClickProbability">The true click probability the label was drawn from.</param>
/// <param name="PurchaseProbability">The true unconditional purchase probability (click probability × purchase-given-click).</param>
/// <param name="PlantedCross">True when the row's segment×category cell carries the planted cross effect.</param>
/// <param name="World">The hidden world the rows came from.</param>
public sealed record ClickLog(int[] User, int[] Item, int[] Segment, int[] Category, float[][] Dense, int[] Click, int[] Purchase,
    double[] ClickProbability, double[] PurchaseProbability, bool[] PlantedCross, ClickWorld World)
{
    /// <summary>Number of rows.</summary>
    public int Count => User.Length;

    /// <summary>Number of dense features per row.</summary>
    public const int DenseCount = 3;

    /// <summary>Share of rows clicked.</summary>
    public double ClickRate => Click.Average();

    /// <summary>Share of rows purchased.</summary>
    public double PurchaseRate => Purchase.Average();

    /// <summary>The rows at the given indices, in that order (same world).</summary>
    public ClickLog Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
            if ((uint)r >= (uint)Count)
                throw new ArgumentException($"rows must lie in 0..{Count - 1}; found {r}.", nameof(rows));
        T[] Pick<T>(T[] a) => rows.Select(r => a[r]).ToArray();
        return new ClickLog(Pick(User), Pick(Item), Pick(Segment), Pick(Category), Pick(Dense), Pick(Click), Pick(Purchase),
            Pick(ClickProbability), Pick(PurchaseProbability), Pick(PlantedCross), World);
    }
}

/// <summary>The hidden truth behind a <see cref="ClickLog"/>: tastes, segments, categories, planted cells, prices and activity.</summary>
/// <param name="UserTaste">Latent taste u of each user (Users × d).</param>
/// <param name="ItemTaste">Latent taste v of each item (Items × d).</param>
/// <param name="UserSegment">Segment of each user.</param>
/// <param name="ItemCategory">Category of each item.</param>
/// <param name="Planted">Planted[segment, category] is true for cells with the cross effect.</param>
/// <param name="ItemPrice">Standardised price of each item.</param>
/// <param name="UserActivity">Standardised activity of each user.</param>
/// <param name="Options">The options the world was made with.</param>
public sealed record ClickWorld(double[][] UserTaste, double[][] ItemTaste, int[] UserSegment, int[] ItemCategory, bool[,] Planted,
    double[] ItemPrice, double[] UserActivity, ClickSimulatorOptions Options)
{
    /// <summary>The generalisable taste score (u·v)/√d of a user and an item.</summary>
    public double Taste(int user, int item)
    {
        if ((uint)user >= (uint)UserTaste.Length)
            throw new ArgumentException($"user must be in [0, {UserTaste.Length}), not {user}.", nameof(user));
        if ((uint)item >= (uint)ItemTaste.Length)
            throw new ArgumentException($"item must be in [0, {ItemTaste.Length}), not {item}.", nameof(item));
        double s = 0;
        var u = UserTaste[user];
        var v = ItemTaste[item];
        for (var k = 0; k < u.Length; k++) s += u[k] * v[k];
        return s / Math.Sqrt(u.Length);
    }
}

/// <summary>Makes a seeded synthetic click/purchase log whose structure is known: latent tastes (generalisable),
/// planted segment×category cross effects (to memorise), dense features, and a sparse purchase label that shares the tastes.</summary>
public static class ClickSimulator
{
    /// <summary>Draws a world and <paramref name="rows"/> impressions from it (users uniform, items by Zipf popularity).</summary>
    public static ClickLog Generate(int rows, ClickSimulatorOptions? options = null)
    {
        var o = options ?? new ClickSimulatorOptions();
        Check(rows, o);
        var rng = new Random(o.Seed);
        var world = MakeWorld(o, rng);

        var cumulative = new double[o.Items];
        double total = 0;
        for (var i = 0; i < o.Items; i++) cumulative[i] = total += Math.Pow(i + 10.0, -o.PopularityExponent);

        var user = new int[rows];
        var item = new int[rows];
        var segment = new int[rows];
        var category = new int[rows];
        var dense = new float[rows][];
        var click = new int[rows];
        var purchase = new int[rows];
        var pClick = new double[rows];
        var pPurchase = new double[rows];
        var planted = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            int u = rng.Next(o.Users);
            int i = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            if (i < 0) i = Math.Min(~i, o.Items - 1);
            user[r] = u;
            item[r] = i;
            segment[r] = world.UserSegment[u];
            category[r] = world.ItemCategory[i];
            planted[r] = world.Planted[segment[r], category[r]];
            double price = world.ItemPrice[i], activity = world.UserActivity[u], taste = world.Taste(u, i);
            dense[r] = [(float)price, (float)activity, (float)Normal.Sample(rng, 0, 1)];
            double clickLogit = o.ClickBias + o.TasteWeight * taste + (planted[r] ? o.CrossEffect : 0)
                                + o.PriceEffect * price + o.ActivityEffect * activity;
            double buyLogit = o.PurchaseBias + o.PurchaseTasteWeight * taste + o.PurchasePriceEffect * price;
            pClick[r] = Sigmoid(clickLogit);
            double pBuy = Sigmoid(buyLogit);
            pPurchase[r] = pClick[r] * pBuy;
            click[r] = rng.NextDouble() < pClick[r] ? 1 : 0;
            var buy = rng.NextDouble() < pBuy;   // always drawn, so the click stream does not depend on the purchase settings
            purchase[r] = click[r] == 1 && buy ? 1 : 0;
        }
        return new ClickLog(user, item, segment, category, dense, click, purchase, pClick, pPurchase, planted, world);
    }

    private static ClickWorld MakeWorld(ClickSimulatorOptions o, Random rng)
    {
        double[][] Tastes(int n) => Enumerable.Range(0, n)
            .Select(_ => Enumerable.Range(0, o.TasteDimension).Select(_ => Normal.Sample(rng, 0, 1)).ToArray()).ToArray();
        var userTaste = Tastes(o.Users);
        var itemTaste = Tastes(o.Items);
        var userSegment = Enumerable.Range(0, o.Users).Select(_ => rng.Next(o.Segments)).ToArray();
        var itemCategory = Enumerable.Range(0, o.Items).Select(_ => rng.Next(o.Categories)).ToArray();
        var planted = new bool[o.Segments, o.Categories];
        for (var s = 0; s < o.Segments; s++)
            for (var c = 0; c < o.Categories; c++)
                planted[s, c] = rng.NextDouble() < o.CrossShare;
        var price = Enumerable.Range(0, o.Items).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        var activity = Enumerable.Range(0, o.Users).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        return new ClickWorld(userTaste, itemTaste, userSegment, itemCategory, planted, price, activity, o);
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static void Check(int rows, ClickSimulatorOptions o)
    {
        Guard.AtLeast(rows, 1, nameof(rows));
        void AtLeastOne(int value, string name)
        {
            if (value < 1) throw new ArgumentException($"{name} must be at least 1 (got {value}).", "options");
        }
        AtLeastOne(o.Users, nameof(o.Users));
        AtLeastOne(o.Items, nameof(o.Items));
        AtLeastOne(o.Segments, nameof(o.Segments));
        AtLeastOne(o.Categories, nameof(o.Categories));
        AtLeastOne(o.TasteDimension, nameof(o.TasteDimension));
        if (!(o.CrossShare >= 0 && o.CrossShare <= 1))
            throw new ArgumentException($"CrossShare must lie in [0, 1] (got {o.CrossShare}).", "options");
        if (!(o.PopularityExponent >= 0))
            throw new ArgumentException($"PopularityExponent must not be negative (got {o.PopularityExponent}).", "options");
        foreach (var (value, name) in new[] { (o.TasteWeight, nameof(o.TasteWeight)), (o.CrossEffect, nameof(o.CrossEffect)),
                     (o.ClickBias, nameof(o.ClickBias)), (o.PriceEffect, nameof(o.PriceEffect)), (o.ActivityEffect, nameof(o.ActivityEffect)),
                     (o.PurchaseBias, nameof(o.PurchaseBias)), (o.PurchaseTasteWeight, nameof(o.PurchaseTasteWeight)),
                     (o.PurchasePriceEffect, nameof(o.PurchasePriceEffect)) })
            if (!double.IsFinite(value)) throw new ArgumentException($"{name} must be finite (got {value}).", "options");
    }
}
