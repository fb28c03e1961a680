package boundcheck.reference;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The vanilla RNN of the paper, Section 1, without biases: {@code h_0 = 0},
 * {@code h_t = sigmaH(U h_{t-1} + W x_t)}, {@code y_t = sigmaY(V h_t)}.
 *
 * <p>{@code U} is d_h x d_h, {@code W} is d_h x d_x, {@code V} is d_y x d_h. Inputs are given as
 * {@code xs} with {@code xs[s-1] = x_s}. The arrays are not copied: callers must not mutate them.
 */
public record VanillaRnn(double[][] U, double[][] W, double[][] V, DoubleUnaryOperator sigmaH, DoubleUnaryOperator sigmaY) {

    public VanillaRnn {
        int dh = rows(U);
        // A shape mismatch would otherwise surface as an index error deep inside a forward pass.
        require(cols(U) == dh, "U must be square, is " + dh + " x " + cols(U));
        require(rows(W) == dh, "W must have d_h = " + dh + " rows, has " + rows(W));
        rows(V);
        require(cols(V) == dh, "V must have d_h = " + dh + " columns, has " + cols(V));
        require(sigmaH != null && sigmaY != null, "activations must be given");
    }

    public int dh() { return U.length; }

    public int dx() { return cols(W); }

    public int dy() { return V.length; }

    /** The hidden states h_0..h_t (index s holds h_s); needs {@code 0 <= t <= xs.length}. */
    public double[][] hidden(double[][] xs, int t) {
        require(t >= 0 && t <= xs.length, "t = " + t + " outside 0.." + xs.length);
        double[][] hs = new double[t + 1][];
        hs[0] = new double[dh()];
        for (int s = 1; s <= t; s++) {
            double[] x = xs[s - 1];
            require(x.length == dx(), "x_" + s + " has length " + x.length + ", d_x is " + dx());
            double[] pre = add(matVec(U, hs[s - 1]), matVec(W, x));
            hs[s] = apply(sigmaH, pre);
        }
        return hs;
    }

    /** The output y_t; at t = 0 this is sigmaY(V h_0) = sigmaY(0). */
    public double[] output(double[][] xs, int t) {
        double[][] hs = hidden(xs, t);
        return apply(sigmaY, matVec(V, hs[t]));
    }

    public static double[] matVec(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            require(a[i].length == x.length, "row " + i + " has length " + a[i].length + ", vector " + x.length);
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /** Euclidean norm. */
    public static double norm2(double[] v) {
        double s = 0;
        for (double e : v) s += e * e;
        return Math.sqrt(s);
    }

    /** Largest singular value; Hipparchus so that the witness does not hinge on a home-made SVD. */
    public static double spectralNorm(double[][] a) {
        if (a.length == 0 || a[0].length == 0) return 0;
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, true)).getNorm();
    }

    public static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) for (double e : row) s += e * e;
        return Math.sqrt(s);
    }

    /** Entrywise a - b. */
    public static double[][] sub(double[][] a, double[][] b) {
        require(a.length == b.length, "row counts differ: " + a.length + " vs " + b.length);
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            require(a[i].length == b[i].length, "row " + i + " lengths differ");
            c[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) c[i][j] = a[i][j] - b[i][j];
        }
        return c;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] + b[i];
        return c;
    }

    private static double[] apply(DoubleUnaryOperator f, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = f.applyAsDouble(v[i]);
        return r;
    }

    private static int rows(double[][] a) {
        require(a != null && a.length > 0, "a weight matrix is missing or empty");
        return a.length;
    }

    // A ragged matrix would make every later dimension check meaningless.
    private static int cols(double[][] a) {
        int n = a[0].length;
        for (double[] row : a) require(row.length == n, "ragged matrix");
        return n;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
