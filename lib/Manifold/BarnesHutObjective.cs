using System.Runtime.CompilerServices;

namespace MLPrimer.Manifold;

/// <summary>
/// Barnes–Hut t-SNE gradient in 2-D (van der Maaten 2014): attraction over the sparse P, repulsion through a quadtree whose
/// cells far enough away (longest side / distance &lt; θ) are summarised at their centre of mass. O(n log n) per iteration.
/// </summary>
/// <remarks>
/// The quadtree is rebuilt every iteration from the points sorted along a Z-order (Morton) curve: every cell is then a
/// contiguous run of the sorted points, its centre of mass comes from prefix sums, and the cells are stored in depth-first
/// order with a "next sibling" link, so each point walks the tree without a stack. Per-point partial sums are combined in
/// a fixed order, so the result does not depend on the number of threads.
/// A summarised cell contributes its monopole (Count points at the centre of mass, as in scikit-learn) plus, by default, the
/// quadrupole term of the Taylor expansion around the centre, computed from the cell's second moments (prefix sums again).
/// That costs a few multiplications per cell and cuts the gradient's error at θ = 0.5 several-fold.
/// </remarks>
internal sealed class BarnesHutObjective : ITSneObjective
{
    private const int Bits = 21;              // quantisation per axis; 2·21 bits fit a ulong Morton code
    private const int LeafSize = 1;
    private const int ChunkSize = 64;

    private struct Node
    {
        public double Cx, Cy, Width2, Mxx, Mxy, Myy;
        public int Count, Lo, Next;
        public bool Leaf;
    }

    private readonly SparseRows _p;
    private readonly int _n;
    private readonly double _theta2;
    private readonly ulong[] _codes;
    private readonly int[] _order;
    private readonly double[] _sx, _sy, _prefX, _prefY, _prefXX, _prefXY, _prefYY;
    private readonly bool _quadrupole;
    private Node[] _nodes;
    private int _nodeCount;
    private readonly double[] _repX, _repY, _z, _attX, _attY, _klPart;

    public BarnesHutObjective(SparseRows p, double theta, bool quadrupole = true)
    {
        _quadrupole = quadrupole;
        _prefXX = new double[p.Count + 1];
        _prefXY = new double[p.Count + 1];
        _prefYY = new double[p.Count + 1];
        _p = p;
        _n = p.Count;
        _theta2 = theta * theta;
        _codes = new ulong[_n];
        _order = new int[_n];
        _sx = new double[_n];
        _sy = new double[_n];
        _prefX = new double[_n + 1];
        _prefY = new double[_n + 1];
        _nodes = new Node[Math.Max(16, 2 * _n)];
        _repX = new double[_n]; _repY = new double[_n]; _z = new double[_n];
        _attX = new double[_n]; _attY = new double[_n]; _klPart = new double[_n];
    }

    internal int NodeCount => _nodeCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Gradient(double[] y, double[] grad, double exaggeration, bool computeError)
    {
        BuildTree(y);
        var chunks = (_n + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, c =>
        {
            var end = Math.Min(_n, (c + 1) * ChunkSize);
            for (var t = c * ChunkSize; t < end; t++)
            {
                var i = _order[t];
                Repulsion(i, y[2 * i], y[2 * i + 1]);
                Attraction(i, y, exaggeration, computeError);
            }
        });

        double z = 0, kl = 0;
        for (var i = 0; i < _n; i++) z += _z[i];
        z = Math.Max(z, JointProbabilities.MachineEpsilon);
        for (var i = 0; i < _n; i++)
        {
            grad[2 * i] = 4 * (_attX[i] - _repX[i] / z);
            grad[2 * i + 1] = 4 * (_attY[i] - _repY[i] / z);
            if (computeError) kl += _klPart[i];
        }
        if (!computeError) return double.NaN;
        // KL = Σ p ln p − Σ p ln w + (Σ p) ln Z, with w = 1/(1+d²) the unnormalised Student-t kernel.
        return kl + exaggeration * PTotal() * Math.Log(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double KlDivergence(double[] y)
    {
        // Exact normaliser over all n(n-1) ordered pairs, summed per row then in order (deterministic).
        var rowZ = new double[_n];
        Parallel.For(0, _n, i =>
        {
            double s = 0, xi = y[2 * i], yi = y[2 * i + 1];
            for (var j = 0; j < _n; j++)
            {
                if (j == i) continue;
                double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                s += 1 / (1 + dx * dx + dy * dy);
            }
            rowZ[i] = s;
        });
        double z = 0, kl = 0;
        for (var i = 0; i < _n; i++) z += rowZ[i];
        for (var i = 0; i < _n; i++)
            for (var a = _p.RowStart[i]; a < _p.RowStart[i + 1]; a++)
            {
                var j = _p.Columns[a];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                var q = 1 / (1 + dx * dx + dy * dy) / z;
                var pij = _p.Values[a];
                if (pij > 0) kl += pij * Math.Log(pij / Math.Max(q, JointProbabilities.MachineEpsilon));
            }
        return kl;
    }

    public void Dispose() { }

    private double PTotal()
    {
        double s = 0;
        foreach (var v in _p.Values) s += v;
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attraction(int i, double[] y, double exaggeration, bool computeError)
    {
        double ax = 0, ay = 0, klPart = 0, xi = y[2 * i], yi = y[2 * i + 1];
        var cols = _p.Columns;
        var vals = _p.Values;
        for (int a = _p.RowStart[i], end = _p.RowStart[i + 1]; a < end; a++)
        {
            var j = cols[a];
            double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            var w = 1 / (1 + dx * dx + dy * dy);
            var pw = exaggeration * vals[a] * w;
            ax += pw * dx;
            ay += pw * dy;
            if (computeError)
            {
                var pij = exaggeration * vals[a];
                if (pij > 0) klPart += pij * (Math.Log(pij) - Math.Log(w));
            }
        }
        _attX[i] = ax; _attY[i] = ay; _klPart[i] = klPart;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Repulsion(int i, double xi, double yi)
    {
        double z = 0, fx = 0, fy = 0;
        var nodes = _nodes;
        var count = _nodeCount;
        var theta2 = _theta2;
        var k = 0;
        while (k < count)
        {
            ref readonly var nd = ref nodes[k];
            double dx = xi - nd.Cx, dy = yi - nd.Cy, d2 = dx * dx + dy * dy;
            if (nd.Width2 < theta2 * d2 && _quadrupole)
            {
                // Second-order (quadrupole) expansion of Σ_j w(x − y_j) and Σ_j w²(x − y_j)(x − y_j) around the centre of mass.
                var w = 1 / (1 + d2);
                double w2 = w * w, w3 = w2 * w, w4 = w2 * w2;
                var trace = nd.Mxx + nd.Myy;
                var rMr = dx * dx * nd.Mxx + 2 * dx * dy * nd.Mxy + dy * dy * nd.Myy;
                z += nd.Count * w - w2 * trace + 4 * w3 * rMr;
                var coef = nd.Count * w2 - 2 * w3 * trace + 12 * w4 * rMr;
                fx += coef * dx - 4 * w3 * (nd.Mxx * dx + nd.Mxy * dy);
                fy += coef * dy - 4 * w3 * (nd.Mxy * dx + nd.Myy * dy);
                k = nd.Next;
            }
            else if (nd.Width2 < theta2 * d2)
            {
                // Far enough: the whole cell acts as Count points at its centre of mass.
                var w = 1 / (1 + d2);
                var m = nd.Count * w;
                z += m;
                m *= w;
                fx += m * dx;
                fy += m * dy;
                k = nd.Next;
            }
            else if (nd.Leaf)
            {
                for (int t = nd.Lo, end = nd.Lo + nd.Count; t < end; t++)
                {
                    if (_order[t] == i) continue;
                    double ex = xi - _sx[t], ey = yi - _sy[t];
                    var w = 1 / (1 + ex * ex + ey * ey);
                    z += w;
                    w *= w;
                    fx += w * ex;
                    fy += w * ey;
                }
                k = nd.Next;
            }
            else k++;
        }
        _z[i] = z; _repX[i] = fx; _repY[i] = fy;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildTree(double[] y)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < _n; i++)
        {
            double x = y[2 * i], v = y[2 * i + 1];
            if (x < minX) minX = x; if (x > maxX) maxX = x;
            if (v < minY) minY = v; if (v > maxY) maxY = v;
        }
        // The root cell is the points' bounding rectangle (as in scikit-learn's quadtree), not a square around it.
        double sideX = maxX - minX, sideY = maxY - minY;
        if (!double.IsFinite(sideX) || !double.IsFinite(sideY))
            throw new InvalidOperationException("t-SNE diverged: the embedding has non-finite coordinates (try a smaller learning rate).");
        sideX = Math.Max(sideX, 1e-12) * (1 + 1e-9);
        sideY = Math.Max(sideY, 1e-12) * (1 + 1e-9);
        const uint cells = 1u << Bits;
        double scaleX = cells / sideX, scaleY = cells / sideY;
        for (var i = 0; i < _n; i++)
        {
            var qx = (uint)Math.Min(cells - 1, (y[2 * i] - minX) * scaleX);
            var qy = (uint)Math.Min(cells - 1, (y[2 * i + 1] - minY) * scaleY);
            _codes[i] = Spread(qx) | (Spread(qy) << 1);
            _order[i] = i;
        }
        Array.Sort(_codes, _order);
        for (var t = 0; t < _n; t++)
        {
            _sx[t] = y[2 * _order[t]];
            _sy[t] = y[2 * _order[t] + 1];
            _prefX[t + 1] = _prefX[t] + _sx[t];
            _prefY[t + 1] = _prefY[t] + _sy[t];
            _prefXX[t + 1] = _prefXX[t] + _sx[t] * _sx[t];
            _prefXY[t + 1] = _prefXY[t] + _sx[t] * _sy[t];
            _prefYY[t + 1] = _prefYY[t] + _sy[t] * _sy[t];
        }
        _nodeCount = 0;
        Build(0, _n, 0, Math.Max(sideX, sideY));
    }

    private void Build(int lo, int hi, int depth, double maxWidth)
    {
        if (_nodeCount == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        var index = _nodeCount++;
        var count = hi - lo;
        ref var nd = ref _nodes[index];
        nd.Count = count;
        nd.Lo = lo;
        nd.Cx = (_prefX[hi] - _prefX[lo]) / count;
        nd.Cy = (_prefY[hi] - _prefY[lo]) / count;
        nd.Width2 = maxWidth * maxWidth;   // the longer side of the cell, squared
        // Second central moments Σ δδᵀ (δ = y_j − centre), clamped against rounding.
        nd.Mxx = Math.Max(0, _prefXX[hi] - _prefXX[lo] - count * nd.Cx * nd.Cx);
        nd.Myy = Math.Max(0, _prefYY[hi] - _prefYY[lo] - count * nd.Cy * nd.Cy);
        nd.Mxy = _prefXY[hi] - _prefXY[lo] - count * nd.Cx * nd.Cy;
        nd.Leaf = count <= LeafSize || depth == Bits;
        if (!nd.Leaf)
        {
            // The sorted run splits into the four quadrants by the next two bits of the Morton code.
            var shift = 2 * (Bits - 1 - depth);
            var a = lo;
            for (ulong quadrant = 0; quadrant < 4 && a < hi; quadrant++)
            {
                var b = a;
                while (b < hi && ((_codes[b] >> shift) & 3) == quadrant) b++;
                if (b > a) Build(a, b, depth + 1, maxWidth / 2);
                a = b;
            }
        }
        _nodes[index].Next = _nodeCount;   // re-index: the array may have been resized during recursion
    }

    // Inserts a zero bit above each of the low 21 bits of v (2-D Morton interleave).
    private static ulong Spread(uint v)
    {
        ulong x = v & 0x1FFFFF;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        return x;
    }
}
