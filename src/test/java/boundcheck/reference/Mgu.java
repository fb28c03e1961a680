package boundcheck.reference;

import java.util.function.DoubleUnaryOperator;

/**
 * The MGU RNN of the paper, Section 5 ("MGU"), without biases, {@code h_0 = 0}:
 * <pre>
 *   r_t  = sigma(W_r x_t + U_r h_{t-1})
 *   h~_t = sigmaH(W_h x_t + U_h (r_t (.) h_{t-1}))
 *   h_t  = (1 - r_t) (.) h_{t-1} + r_t (.) h~_t
 *   y_t  = sigmaY(V h_t)
 * </pre>
 * where {@code (.)} is the Hadamard product. The paper takes {@code sigma} = sigmoid and
 * {@code sigmaH} = tanh; the second constructor uses those.
 *
 * <p>Garbling in seed.txt: the extraction drops the tilde and the {@code (.)} in the second line
 * ("ht = sigma_h (Whxt + Uh (rt ht-1))") and shows h~_t as "eht" in the third; the reading above
 * (tilde on the left of line two, Hadamard product inside U_h) is the only one consistent with the
 * third line and with Appendix C.1, which writes {@code U_h(h_{t-1} (.) r_t)}.
 *
 * <p>{@code W_r, W_h} are d_h x d_x, {@code U_r, U_h} are d_h x d_h, {@code V} is d_y x d_h. Inputs
 * are given as {@code xs} with {@code xs[s-1] = x_s}. The arrays are not copied: callers must not
 * mutate them.
 */
public record Mgu(
        double[][] W_r, double[][] W_h, double[][] U_r, double[][] U_h, double[][] V,
        DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaH, DoubleUnaryOperator sigmaY) {

    /** The logistic sigmoid {@code (1 + exp(-x))^-1}, the paper's gate activation. */
    public static final DoubleUnaryOperator SIGMOID = x -> 1 / (1 + Math.exp(-x));

    public Mgu {
        int dh = rows(W_r);
        int dx = cols(W_r);
        require(rows(W_h) == dh && cols(W_h) == dx, "W_h must be " + dh + " x " + dx);
        require(rows(U_r) == dh && cols(U_r) == dh, "U_r must be " + dh + " x " + dh);
        require(rows(U_h) == dh && cols(U_h) == dh, "U_h must be " + dh + " x " + dh);
        rows(V);
        require(cols(V) == dh, "V must have d_h = " + dh + " columns, has " + cols(V));
        require(sigma != null && sigmaH != null && sigmaY != null, "activations must be given");
    }

    /** The paper's choice: sigma = sigmoid, sigma_h = tanh. */
    public Mgu(double[][] W_r, double[][] W_h, double[][] U_r, double[][] U_h, double[][] V, DoubleUnaryOperator sigmaY) {
        this(W_r, W_h, U_r, U_h, V, SIGMOID, Math::tanh, sigmaY);
    }

    public int dh() { return W_r.length; }

    public int dx() { return W_r[0].length; }

    public int dy() { return V.length; }

    /**
     * All quantities of a forward pass up to step t; index s holds the value at step s. The gate
     * and the candidate are not defined at s = 0, so {@code r[0]} and {@code hTilde[0]} are null;
     * {@code h[0] = 0} and {@code y[0] = sigmaY(V h_0)}.
     */
    public record Trace(double[][] r, double[][] hTilde, double[][] h, double[][] y) {
        public int t() { return h.length - 1; }
    }

    /** The forward pass over x_1..x_t; needs {@code 0 <= t <= xs.length}. */
    public Trace trace(double[][] xs, int t) {
        require(t >= 0 && t <= xs.length, "t = " + t + " outside 0.." + xs.length);
        double[][] r = new double[t + 1][];
        double[][] hTilde = new double[t + 1][];
        double[][] h = new double[t + 1][];
        double[][] y = new double[t + 1][];
        h[0] = new double[dh()];
        y[0] = apply(sigmaY, VanillaRnn.matVec(V, h[0]));
        for (int s = 1; s <= t; s++) {
            double[] x = xs[s - 1];
            require(x.length == dx(), "x_" + s + " has length " + x.length + ", d_x is " + dx());
            double[] hPrev = h[s - 1];
            r[s] = apply(sigma, add(VanillaRnn.matVec(W_r, x), VanillaRnn.matVec(U_r, hPrev)));
            hTilde[s] = apply(sigmaH, add(VanillaRnn.matVec(W_h, x), VanillaRnn.matVec(U_h, hadamard(r[s], hPrev))));
            double[] hs = new double[dh()];
            for (int i = 0; i < hs.length; i++) hs[i] = (1 - r[s][i]) * hPrev[i] + r[s][i] * hTilde[s][i];
            h[s] = hs;
            y[s] = apply(sigmaY, VanillaRnn.matVec(V, hs));
        }
        return new Trace(r, hTilde, h, y);
    }

    /** The hidden states h_0..h_t (index s holds h_s). */
    public double[][] hidden(double[][] xs, int t) {
        return trace(xs, t).h();
    }

    /** The output y_t = sigmaY(V h_t); at t = 0 this is sigmaY(0). */
    public double[] output(double[][] xs, int t) {
        return trace(xs, t).y()[t];
    }

    static double[] hadamard(double[] a, double[] b) {
        require(a.length == b.length, "lengths differ: " + a.length + " vs " + b.length);
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] * b[i];
        return c;
    }

    static double[] add(double[] a, double[] b) {
        require(a.length == b.length, "lengths differ: " + a.length + " vs " + b.length);
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] + b[i];
        return c;
    }

    static double[] apply(DoubleUnaryOperator f, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = f.applyAsDouble(v[i]);
        return r;
    }

    static int rows(double[][] a) {
        require(a != null && a.length > 0, "a weight matrix is missing or empty");
        return a.length;
    }

    static int cols(double[][] a) {
        int n = a[0].length;
        for (double[] row : a) require(row.length == n, "ragged matrix");
        return n;
    }

    static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
