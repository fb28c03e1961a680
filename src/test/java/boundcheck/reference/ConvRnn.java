package boundcheck.reference;

import java.util.function.DoubleUnaryOperator;

/**
 * The Conv RNN of the paper, Appendix D, without biases, {@code h_0 = 0}:
 * <pre>
 *   C_i      in R^{(n-k+1) x n}: row j (1-based) holds I_i^T in columns j..j+k-1, zeros elsewhere
 *   W_I      = [C_1^T, ..., C_k^T]^T                      in R^{k(n-k+1) x n}
 *   P        = (1/k) [I_{n-k+1} I_{n-k+1} ... I_{n-k+1}]  (k identity blocks), in R^{(n-k+1) x k(n-k+1)}
 *   I * x    = P W_I x
 *   h_t      = sigmaH(U * h_{t-1} + W * x_t),   y_t = sigmaY(V * h_t)
 * </pre>
 * with {@code U, V, W in R^{k x k}} whose columns are the k filters ({@code U[a][i]} is entry a of
 * filter U_{i+1}; the filter of C_i is a column, as "matrices with column vectors being k-dimensional
 * convolutional filters" says). {@code h_t, x_t in R^d}.
 *
 * <p>Convolution orientation: row j of C_i is I_i^T shifted right by j-1, so
 * {@code (C_i x)_j = sum_a I_i[a] x[j+a]} (a cross-correlation; the filter is not flipped).
 *
 * <p>Zero padding (the paper: "We use zero-padding to ensure the output dimension of convolutional
 * filters matches the input"). As literally defined, C_i for an input of length d has only d-k+1
 * rows, so {@code P W_I h} would lie in R^{d-k+1}, not in R^d where h_t lives. The reading chosen
 * here: the operand is zero-padded to length {@code n = d+k-1} ({@code padLeft} zeros in front,
 * {@code k-1-padLeft} behind) and C_i, W_I, P are the paper's matrices for that length, so
 * {@code I * x = P W_I pad(x) in R^d}. The paper does not say where the zeros go; {@link #samePadding}
 * uses {@code padLeft = floor((k-1)/2)} ("same" padding), any {@code 0 <= padLeft <= k-1} is accepted.
 * Hence {@link #WU()}, {@link #WV()}, {@link #WW()} are {@code kd x (d+k-1)} and {@link #P()} is
 * {@code d x kd}; {@link #padding()} is the {@code (d+k-1) x d} embedding Z, so the linear map actually
 * applied to h is {@code P W_U Z} ({@link #convolutionOperator}).
 *
 * <p>Garbling and inconsistencies in seed.txt (transcript.md, Appendix D):
 * <ul>
 * <li>"P = 1 [Id−k+i Id−k+i ···Id−k+i]" is read as {@code P = (1/k)[I_{d-k+1} ...]} (the "1/k" lost
 *     its denominator, "i" is "1"); "I = [Ii,..., Zk]" as {@code [I_1, ..., I_k]}; "I * X = PWIx" as
 *     {@code I * x = P W_I x}.</li>
 * <li>Figure 5 (x in R^6, three 3-dim filters) is lost apart from the label W_I; nothing in it is used.</li>
 * <li>"To get y_t, we convolve h_t with V followed by an average pooling to reduce the dimension to K":
 *     with P as defined, {@code V * h_t} has dimension d (padded) or d-k+1 (unpadded), not K. The
 *     equation {@code y_t = sigmaY(V * h_t)} is implemented as written, so y_t is in R^d.</li>
 * <li>The proof's first line of the h-difference expansion has garbled primes ("U 0 * ht-1 + W* Xt - U 0
 *     * ht-i - W0 * xt"); it does not affect the model.</li>
 * </ul>
 *
 * <p>Inputs are given as {@code xs} with {@code xs[s-1] = x_s}. The arrays are not copied: callers must
 * not mutate them.
 */
public record ConvRnn(double[][] U, double[][] W, double[][] V, int d, int padLeft,
                      DoubleUnaryOperator sigmaH, DoubleUnaryOperator sigmaY) {

    public ConvRnn {
        int k = rows(U);
        require(cols(U) == k, "U must be k x k, is " + k + " x " + cols(U));
        require(rows(W) == k && cols(W) == k, "W must be " + k + " x " + k);
        require(rows(V) == k && cols(V) == k, "V must be " + k + " x " + k);
        // d >= k so that the unpadded C_i of the paper (d-k+1 rows) exists as well.
        require(d >= k, "d = " + d + " must be at least k = " + k);
        require(padLeft >= 0 && padLeft <= k - 1, "padLeft = " + padLeft + " outside 0.." + (k - 1));
        require(sigmaH != null && sigmaY != null, "activations must be given");
    }

    /** "Same" padding: floor((k-1)/2) zeros in front, the rest behind. */
    public static ConvRnn samePadding(double[][] U, double[][] W, double[][] V, int d,
                                      DoubleUnaryOperator sigmaH, DoubleUnaryOperator sigmaY) {
        return new ConvRnn(U, W, V, d, (U.length - 1) / 2, sigmaH, sigmaY);
    }

    /** Number of channels = filter dimension. */
    public int k() { return U.length; }

    /** Length of a padded operand, {@code d + k - 1}. */
    public int paddedLength() { return d + k() - 1; }

    /** W_U for padded operands: {@code kd x (d+k-1)}. */
    public double[][] WU() { return stackedFilterMatrix(U, paddedLength()); }

    /** W_W for padded operands: {@code kd x (d+k-1)}. */
    public double[][] WW() { return stackedFilterMatrix(W, paddedLength()); }

    /** W_V for padded operands: {@code kd x (d+k-1)}. */
    public double[][] WV() { return stackedFilterMatrix(V, paddedLength()); }

    /** The average pooling matrix for padded operands: {@code d x kd}. */
    public double[][] P() { return pooling(k(), d); }

    /** The zero-padding embedding Z: {@code (d+k-1) x d}. */
    public double[][] padding() { return paddingMatrix(d, k(), padLeft); }

    /** The hidden states h_0..h_t (index s holds h_s); needs {@code 0 <= t <= xs.length}. */
    public double[][] hidden(double[][] xs, int t) {
        require(t >= 0 && t <= xs.length, "t = " + t + " outside 0.." + xs.length);
        double[][] p = P(), wu = WU(), ww = WW();
        double[][] hs = new double[t + 1][];
        hs[0] = new double[d];
        for (int s = 1; s <= t; s++) {
            double[] x = xs[s - 1];
            require(x.length == d, "x_" + s + " has length " + x.length + ", d is " + d);
            double[] uh = VanillaRnn.matVec(p, VanillaRnn.matVec(wu, zeroPad(hs[s - 1], k(), padLeft)));
            double[] wx = VanillaRnn.matVec(p, VanillaRnn.matVec(ww, zeroPad(x, k(), padLeft)));
            double[] h = new double[d];
            for (int i = 0; i < d; i++) h[i] = sigmaH.applyAsDouble(uh[i] + wx[i]);
            hs[s] = h;
        }
        return hs;
    }

    /** All hidden states h_0..h_T, {@code T = xs.length}. */
    public double[][] hidden(double[][] xs) { return hidden(xs, xs.length); }

    /** The output y_t = sigmaY(V * h_t); at t = 0 this is sigmaY(0). */
    public double[] output(double[][] xs, int t) {
        return outputOf(hidden(xs, t)[t], P(), WV());
    }

    /** All outputs y_0..y_T (index s holds y_s; y_0 = sigmaY(0) only for alignment with hidden()). */
    public double[][] outputs(double[][] xs) {
        double[][] hs = hidden(xs);
        double[][] p = P(), wv = WV();
        double[][] ys = new double[hs.length][];
        for (int s = 0; s < hs.length; s++) ys[s] = outputOf(hs[s], p, wv);
        return ys;
    }

    private double[] outputOf(double[] h, double[][] p, double[][] wv) {
        double[] v = VanillaRnn.matVec(p, VanillaRnn.matVec(wv, zeroPad(h, k(), padLeft)));
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) y[i] = sigmaY.applyAsDouble(v[i]);
        return y;
    }

    // ---------------------------------------------------------------- the paper's matrices

    /** Filter I_{i+1} = column i of the k x k filter matrix. */
    public static double[] filter(double[][] filters, int i) {
        double[] f = new double[filters.length];
        for (int a = 0; a < filters.length; a++) f[a] = filters[a][i];
        return f;
    }

    /**
     * The circulant-like matrix C_i generated by {@code filter} for operands of length n:
     * {@code (n-k+1) x n}, row j (0-based) holds the filter in columns j..j+k-1.
     */
    public static double[][] circulant(double[] filter, int n) {
        int k = filter.length;
        require(k >= 1 && n >= k, "need 1 <= k <= n, have k = " + k + ", n = " + n);
        double[][] c = new double[n - k + 1][n];
        for (int j = 0; j < n - k + 1; j++)
            for (int a = 0; a < k; a++) c[j][j + a] = filter[a];
        return c;
    }

    /** W_I = [C_1^T, ..., C_k^T]^T for the filters in the columns of {@code filters}: {@code k(n-k+1) x n}. */
    public static double[][] stackedFilterMatrix(double[][] filters, int n) {
        int k = rows(filters);
        require(cols(filters) == k, "filters must be k x k");
        int m = n - k + 1;
        double[][] w = new double[k * m][];
        for (int i = 0; i < k; i++) {
            double[][] c = circulant(filter(filters, i), n);
            for (int j = 0; j < m; j++) w[i * m + j] = c[j];
        }
        return w;
    }

    /** P = (1/k)[I_m ... I_m] with k identity blocks: {@code m x km}. For operands of length n, m = n-k+1. */
    public static double[][] pooling(int k, int m) {
        require(k >= 1 && m >= 1, "need k, m >= 1");
        double[][] p = new double[m][k * m];
        for (int r = 0; r < m; r++)
            for (int i = 0; i < k; i++) p[r][i * m + r] = 1.0 / k;
        return p;
    }

    /** The zero-padding embedding Z: {@code (d+k-1) x d}, Z[padLeft + c][c] = 1. */
    public static double[][] paddingMatrix(int d, int k, int padLeft) {
        require(padLeft >= 0 && padLeft <= k - 1, "padLeft = " + padLeft + " outside 0.." + (k - 1));
        double[][] z = new double[d + k - 1][d];
        for (int c = 0; c < d; c++) z[padLeft + c][c] = 1;
        return z;
    }

    /** x with padLeft zeros in front and k-1-padLeft behind. */
    public static double[] zeroPad(double[] x, int k, int padLeft) {
        require(padLeft >= 0 && padLeft <= k - 1, "padLeft = " + padLeft + " outside 0.." + (k - 1));
        double[] p = new double[x.length + k - 1];
        System.arraycopy(x, 0, p, padLeft, x.length);
        return p;
    }

    /** The convolution operator with zero padding: {@code I * x = P W_I pad(x)}, in R^{x.length}. */
    public static double[] convolve(double[][] filters, double[] x, int padLeft) {
        int k = filters.length, n = x.length + k - 1;
        return VanillaRnn.matVec(pooling(k, x.length),
                VanillaRnn.matVec(stackedFilterMatrix(filters, n), zeroPad(x, k, padLeft)));
    }

    /** The unpadded operator exactly as defined, {@code I * x = P W_I x}, in R^{x.length-k+1}. */
    public static double[] convolveValid(double[][] filters, double[] x) {
        int k = filters.length;
        return VanillaRnn.matVec(pooling(k, x.length - k + 1),
                VanillaRnn.matVec(stackedFilterMatrix(filters, x.length), x));
    }

    /** The d x d matrix {@code P W_I Z} of the padded convolution on R^d. */
    public static double[][] convolutionOperator(double[][] filters, int d, int padLeft) {
        int k = filters.length;
        return matMul(pooling(k, d), matMul(stackedFilterMatrix(filters, d + k - 1), paddingMatrix(d, k, padLeft)));
    }

    // ---------------------------------------------------------------- small linear algebra

    public static double[][] matMul(double[][] a, double[][] b) {
        int n = cols(a), m = cols(b);
        require(b.length == n, "inner dimensions differ: " + n + " vs " + b.length);
        double[][] c = new double[a.length][m];
        for (int i = 0; i < a.length; i++)
            for (int l = 0; l < n; l++) {
                double e = a[i][l];
                if (e == 0) continue;
                for (int j = 0; j < m; j++) c[i][j] += e * b[l][j];
            }
        return c;
    }

    public static double[][] transpose(double[][] a) {
        int m = cols(a);
        double[][] t = new double[m][a.length];
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j < m; j++) t[j][i] = a[i][j];
        return t;
    }

    private static int rows(double[][] a) {
        require(a != null && a.length > 0, "a matrix is missing or empty");
        return a.length;
    }

    // A ragged matrix would make every later dimension check meaningless.
    private static int cols(double[][] a) {
        rows(a);
        int n = a[0].length;
        for (double[] row : a) require(row.length == n, "ragged matrix");
        return n;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
