package boundcheck.reference;

import static boundcheck.reference.Mgu.add;
import static boundcheck.reference.Mgu.apply;
import static boundcheck.reference.Mgu.cols;
import static boundcheck.reference.Mgu.require;
import static boundcheck.reference.Mgu.rows;
import static boundcheck.reference.VanillaRnn.matVec;

import java.util.function.DoubleUnaryOperator;

/**
 * The LSTM RNN of the paper, Section 5 ("LSTM"), without biases, {@code h_0 = c_0 = 0}:
 * <pre>
 *   g_t  = sigma(W_g x_t + U_g h_{t-1})
 *   r_t  = sigma(W_r x_t + U_r h_{t-1})
 *   o_t  = sigma(W_o x_t + U_o h_{t-1})
 *   c~_t = sigmaC(W_c x_t + U_c h_{t-1})
 *   c_t  = g_t (.) c_{t-1} + r_t (.) c~_t
 *   h_t  = o_t (.) tanh(c_t)
 *   y_t  = sigmaY(V h_t)
 * </pre>
 * where {@code (.)} is the Hadamard product. The paper takes {@code sigma} = sigmoid and
 * {@code sigmaC} = tanh (the second constructor uses those); the {@code tanh} in h_t is written
 * literally in the paper and is fixed here, not tied to {@code sigmaC}. In the usual LSTM naming
 * g_t is the forget gate, r_t the input gate and o_t the output gate.
 *
 * <p>Garbling in seed.txt: the first line reads "gt = sigma(WgXt + Ug hi)" and the second
 * "r = sigma(Wr Xt + Ur ht-l)"; both are read as using h_{t-1} at step t (the other two gates show
 * "ht-1" clearly), the bare "r" as r_t, and "cet" as c~_t. The Hadamard products in c_t and h_t
 * are lost in the extraction (a tab stands in their place) and are restored. Assumption 7 bounds a
 * "U_h", which the LSTM does not have; it does not affect the forward pass.
 *
 * <p>{@code W_*} are d_h x d_x, {@code U_*} are d_h x d_h, {@code V} is d_y x d_h. Inputs are given
 * as {@code xs} with {@code xs[s-1] = x_s}. The arrays are not copied: callers must not mutate them.
 */
public record Lstm(
        double[][] W_g, double[][] W_r, double[][] W_o, double[][] W_c,
        double[][] U_g, double[][] U_r, double[][] U_o, double[][] U_c,
        double[][] V,
        DoubleUnaryOperator sigma, DoubleUnaryOperator sigmaC, DoubleUnaryOperator sigmaY) {

    public Lstm {
        int dh = rows(W_g);
        int dx = cols(W_g);
        String[] wNames = {"W_r", "W_o", "W_c"};
        double[][][] ws = {W_r, W_o, W_c};
        for (int k = 0; k < ws.length; k++) {
            require(rows(ws[k]) == dh && cols(ws[k]) == dx, wNames[k] + " must be " + dh + " x " + dx);
        }
        String[] uNames = {"U_g", "U_r", "U_o", "U_c"};
        double[][][] us = {U_g, U_r, U_o, U_c};
        for (int k = 0; k < us.length; k++) {
            require(rows(us[k]) == dh && cols(us[k]) == dh, uNames[k] + " must be " + dh + " x " + dh);
        }
        rows(V);
        require(cols(V) == dh, "V must have d_h = " + dh + " columns, has " + cols(V));
        require(sigma != null && sigmaC != null && sigmaY != null, "activations must be given");
    }

    /** The paper's choice: sigma = sigmoid, sigma_c = tanh. */
    public Lstm(double[][] W_g, double[][] W_r, double[][] W_o, double[][] W_c,
                double[][] U_g, double[][] U_r, double[][] U_o, double[][] U_c,
                double[][] V, DoubleUnaryOperator sigmaY) {
        this(W_g, W_r, W_o, W_c, U_g, U_r, U_o, U_c, V, Mgu.SIGMOID, Math::tanh, sigmaY);
    }

    public int dh() { return W_g.length; }

    public int dx() { return W_g[0].length; }

    public int dy() { return V.length; }

    /**
     * All quantities of a forward pass up to step t; index s holds the value at step s. Gates and
     * candidate are not defined at s = 0, so {@code g[0], r[0], o[0], cTilde[0]} are null;
     * {@code c[0] = h[0] = 0} and {@code y[0] = sigmaY(V h_0)}.
     */
    public record Trace(double[][] g, double[][] r, double[][] o, double[][] cTilde,
                        double[][] c, double[][] h, double[][] y) {
        public int t() { return h.length - 1; }
    }

    /** The forward pass over x_1..x_t; needs {@code 0 <= t <= xs.length}. */
    public Trace trace(double[][] xs, int t) {
        require(t >= 0 && t <= xs.length, "t = " + t + " outside 0.." + xs.length);
        double[][] g = new double[t + 1][];
        double[][] r = new double[t + 1][];
        double[][] o = new double[t + 1][];
        double[][] cTilde = new double[t + 1][];
        double[][] c = new double[t + 1][];
        double[][] h = new double[t + 1][];
        double[][] y = new double[t + 1][];
        c[0] = new double[dh()];
        h[0] = new double[dh()];
        y[0] = apply(sigmaY, matVec(V, h[0]));
        for (int s = 1; s <= t; s++) {
            double[] x = xs[s - 1];
            require(x.length == dx(), "x_" + s + " has length " + x.length + ", d_x is " + dx());
            double[] hPrev = h[s - 1];
            g[s] = apply(sigma, add(matVec(W_g, x), matVec(U_g, hPrev)));
            r[s] = apply(sigma, add(matVec(W_r, x), matVec(U_r, hPrev)));
            o[s] = apply(sigma, add(matVec(W_o, x), matVec(U_o, hPrev)));
            cTilde[s] = apply(sigmaC, add(matVec(W_c, x), matVec(U_c, hPrev)));
            double[] cs = new double[dh()];
            double[] hs = new double[dh()];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = g[s][i] * c[s - 1][i] + r[s][i] * cTilde[s][i];
                hs[i] = o[s][i] * Math.tanh(cs[i]);
            }
            c[s] = cs;
            h[s] = hs;
            y[s] = apply(sigmaY, matVec(V, hs));
        }
        return new Trace(g, r, o, cTilde, c, h, y);
    }

    /** The hidden states h_0..h_t (index s holds h_s). */
    public double[][] hidden(double[][] xs, int t) {
        return trace(xs, t).h();
    }

    /** The cell states c_0..c_t (index s holds c_s). */
    public double[][] cells(double[][] xs, int t) {
        return trace(xs, t).c();
    }

    /** The output y_t = sigmaY(V h_t); at t = 0 this is sigmaY(0). */
    public double[] output(double[][] xs, int t) {
        return trace(xs, t).y()[t];
    }
}
