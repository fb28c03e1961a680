package boundcheck.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.QRDecomposition;
import org.junit.jupiter.api.Test;

/**
 * Sanity tests of {@link ConvRnn} (Appendix D). The spectral-norm facts are written as the paper states
 * them (main text after Theorem 6 and proof D.1); where a stated fact is false the test asserts the
 * failure and prints the counterexample instead of weakening the statement:
 * <ul>
 * <li>D.1 "We also have ||P||_2 = 1": false for k >= 2, ||P||_2 = 1/sqrt(k).</li>
 * <li>D.1 "||W_U - W_U'||_F^2 = (d-k)||U - U'||_F^2": the equality is false; it is (d-k+1)||.||_F^2 for
 *     the literal C_i in R^{(d-k+1) x d} (each of its d-k+1 rows holds the whole filter) and d||.||_F^2
 *     for the zero-padded operator. The outer chain ||.||_2^2 <= ||.||_F^2 <= d||U-U'||_F^2 holds.</li>
 * </ul>
 */
class ConvRnnTest {
    private static final double TOL = 1e-12;
    /** (d, k) shapes: Figure 5's (6, 3) and a few more; k = 1 is covered where it matters. */
    private static final int[][] SHAPES = {{6, 3}, {7, 2}, {10, 4}, {12, 5}, {9, 3}, {16, 4}, {5, 1}};
    private static final int INSTANCES = 4;

    // ------------------------------------------------------------ (a) matrix convolution = direct loop

    /** Direct zero-padded convolution: out[r] = (1/k) sum_i sum_a I_i[a] xpad[r + a]. */
    private static double[] directConv(double[][] f, double[] x, int padLeft) {
        int k = f.length, d = x.length;
        double[] out = new double[d];
        for (int r = 0; r < d; r++) {
            double s = 0;
            for (int i = 0; i < k; i++)
                for (int a = 0; a < k; a++) {
                    int src = r + a - padLeft;
                    if (src >= 0 && src < d) s += f[a][i] * x[src];
                }
            out[r] = s / k;
        }
        return out;
    }

    /** Direct valid (unpadded) convolution: out[r] = (1/k) sum_i sum_a I_i[a] x[r + a], r < d-k+1. */
    private static double[] directValid(double[][] f, double[] x) {
        int k = f.length, m = x.length - k + 1;
        double[] out = new double[m];
        for (int r = 0; r < m; r++) {
            double s = 0;
            for (int i = 0; i < k; i++)
                for (int a = 0; a < k; a++) s += f[a][i] * x[r + a];
            out[r] = s / k;
        }
        return out;
    }

    @Test
    void convolutionViaMatricesEqualsDirectLoop() {
        Random rnd = new Random(20190101);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                double[][] f = gaussian(rnd, k, k);
                double[] x = gaussian(rnd, d);
                assertArrayEquals(directValid(f, x), ConvRnn.convolveValid(f, x), TOL, "valid, d=" + d + " k=" + k);
                for (int pad = 0; pad < k; pad++) {
                    double[] expected = directConv(f, x, pad);
                    assertArrayEquals(expected, ConvRnn.convolve(f, x, pad), TOL, "padded, d=" + d + " k=" + k + " pad=" + pad);
                    assertArrayEquals(expected, VanillaRnn.matVec(ConvRnn.convolutionOperator(f, d, pad), x), TOL,
                            "P W_I Z, d=" + d + " k=" + k + " pad=" + pad);
                }
            }
        }
    }

    @Test
    void circulantLayoutAsDisplayed() {
        // Figure 5's sizes: x in R^6, k = 3, so C_i is (6-3+1) x 6 = 4 x 6.
        double[] f = {1, 2, 3};
        double[][] c = ConvRnn.circulant(f, 6);
        double[][] expected = {
                {1, 2, 3, 0, 0, 0},   // first row ends with d-k = 3 zeros
                {0, 1, 2, 3, 0, 0},   // second row ends with d-k-1 = 2 zeros
                {0, 0, 1, 2, 3, 0},   // second-to-last: d-k-1 zeros in front, one 0 behind
                {0, 0, 0, 1, 2, 3}};  // last: d-k zeros in front
        assertEquals(4, c.length);
        for (int j = 0; j < 4; j++) assertArrayEquals(expected[j], c[j], 0.0);
        double[][] p = ConvRnn.pooling(3, 4);
        assertEquals(4, p.length);
        assertEquals(12, p[0].length);
        for (int r = 0; r < 4; r++)
            for (int col = 0; col < 12; col++) assertEquals(col % 4 == r ? 1.0 / 3 : 0.0, p[r][col], 0.0);
    }

    @Test
    void recurrenceEqualsDirectLoop() {
        Random rnd = new Random(7);
        DoubleUnaryOperator tanh = Math::tanh;
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int pad = 0; pad < k; pad++) {
                double[][] u = gaussian(rnd, k, k), w = gaussian(rnd, k, k), v = gaussian(rnd, k, k);
                double[][] xs = new double[5][];
                for (int s = 0; s < xs.length; s++) xs[s] = gaussian(rnd, d);
                ConvRnn net = new ConvRnn(u, w, v, d, pad, tanh, z -> Math.max(z, 0));
                double[][] hs = net.hidden(xs), ys = net.outputs(xs);
                double[] h = new double[d];
                for (int s = 1; s <= xs.length; s++) {
                    double[] a = directConv(u, h, pad), b = directConv(w, xs[s - 1], pad);
                    double[] next = new double[d];
                    for (int i = 0; i < d; i++) next[i] = Math.tanh(a[i] + b[i]);
                    h = next;
                    assertArrayEquals(h, hs[s], TOL, "h_" + s);
                    double[] y = directConv(v, h, pad);
                    for (int i = 0; i < d; i++) y[i] = Math.max(y[i], 0);
                    assertArrayEquals(y, ys[s], TOL, "y_" + s);
                    assertArrayEquals(y, net.output(xs, s), TOL, "output(xs, " + s + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------ (b) Assumption 8 and the stated norm facts

    /**
     * Assumption 8's filters: U^T U = U U^T = (1/k) I_k. A Haar-ish orthogonal Q (QR of a Gaussian
     * matrix) scaled by 1/sqrt(k); the assumption is checked, not trusted.
     */
    private static double[][] assumption8Filters(Random rnd, int k) {
        double[][] q = new QRDecomposition(new Array2DRowRealMatrix(gaussian(rnd, k, k), false)).getQ().getData();
        double[][] u = new double[k][k];
        for (int a = 0; a < k; a++) for (int i = 0; i < k; i++) u[a][i] = q[a][i] / Math.sqrt(k);
        double[][] utu = ConvRnn.matMul(ConvRnn.transpose(u), u), uut = ConvRnn.matMul(u, ConvRnn.transpose(u));
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) {
                double target = a == b ? 1.0 / k : 0.0;
                assertEquals(target, utu[a][b], TOL, "U^T U");
                assertEquals(target, uut[a][b], TOL, "U U^T");
            }
        return u;
    }

    /** The three ways to read "W_U" for h in R^d: literal (n = d), padded (n = d+k-1), padded restricted to R^d. */
    private static double[][][] readings(double[][] f, int d, int pad) {
        int k = f.length;
        double[][] literal = ConvRnn.stackedFilterMatrix(f, d);
        double[][] padded = ConvRnn.stackedFilterMatrix(f, d + k - 1);
        double[][] effective = ConvRnn.matMul(padded, ConvRnn.paddingMatrix(d, k, pad));
        return new double[][][] {literal, padded, effective};
    }

    private static final String[] READING = {"literal W_I (n=d)", "padded W_I (n=d+k-1)", "padded W_I Z"};

    /** Main text after Theorem 6 and end of D.1: "||W_U||_2, ||W_V||_2, ||W_W||_2 <= 1" under Assumption 8. */
    @Test
    void weightMatrixSpectralNormsAtMostOne() {
        Random rnd = new Random(8);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                ConvRnn net = ConvRnn.samePadding(assumption8Filters(rnd, k), assumption8Filters(rnd, k),
                        assumption8Filters(rnd, k), d, Math::tanh, z -> z);
                for (double[][] m : new double[][][] {net.WU(), net.WV(), net.WW()})
                    assertTrue(VanillaRnn.spectralNorm(m) <= 1 + TOL, "||W||_2 = " + VanillaRnn.spectralNorm(m));
                for (double[][] f : new double[][][] {net.U(), net.V(), net.W()}) {
                    double[][][] rs = readings(f, d, net.padLeft());
                    for (int r = 0; r < rs.length; r++) {
                        double s = VanillaRnn.spectralNorm(rs[r]);
                        assertTrue(s <= 1 + TOL, READING[r] + ": ||W||_2 = " + s + " > 1, d=" + d + " k=" + k);
                    }
                }
            }
        }
    }

    /**
     * D.1: "(W_U^T W_U)_ii <= sum_i ||U_i||_2^2", "the off-diagonal elements are zero", hence
     * "||W_U||_2 <= sqrt(sum_i ||U_i||_2^2) <= 1".
     */
    @Test
    void gramMatrixDiagonalAndBound() {
        Random rnd = new Random(9);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                double[][] u = assumption8Filters(rnd, k);
                double sumSq = 0;
                for (int i = 0; i < k; i++) sumSq += Math.pow(VanillaRnn.norm2(ConvRnn.filter(u, i)), 2);
                assertTrue(Math.sqrt(sumSq) <= 1 + TOL, "sqrt(sum ||U_i||^2) = " + Math.sqrt(sumSq));
                for (int pad = 0; pad < k; pad++) {
                    double[][][] rs = readings(u, d, pad);
                    for (int r = 0; r < rs.length; r++) {
                        double[][] g = ConvRnn.matMul(ConvRnn.transpose(rs[r]), rs[r]);
                        for (int p = 0; p < g.length; p++)
                            for (int q = 0; q < g.length; q++) {
                                if (p == q) assertTrue(g[p][p] <= sumSq + TOL, READING[r] + ": diagonal " + g[p][p] + " > " + sumSq);
                                else assertEquals(0.0, g[p][q], TOL, READING[r] + ": off-diagonal (" + p + "," + q + ")");
                            }
                        double s = VanillaRnn.spectralNorm(rs[r]);
                        assertTrue(s <= Math.sqrt(sumSq) + TOL, READING[r] + ": ||W_U||_2 = " + s + " > " + Math.sqrt(sumSq));
                    }
                }
            }
        }
    }

    /** D.1: "We also have ||P||_2 = 1." False for k >= 2: P P^T = (1/k) I, so ||P||_2 = 1/sqrt(k). */
    @Test
    void poolingSpectralNormIsOne_statedFactFails() {
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int m : new int[] {d, d - k + 1}) { // padded P (d x kd) and literal P ((d-k+1) x k(d-k+1))
                double s = VanillaRnn.spectralNorm(ConvRnn.pooling(k, m));
                assertEquals(1 / Math.sqrt(k), s, TOL, "||P||_2 for k=" + k + ", m=" + m);
                if (k == 1) {
                    assertEquals(1.0, s, TOL);
                } else {
                    assertTrue(Math.abs(s - 1) > 0.1, "expected the stated ||P||_2 = 1 to fail");
                    System.out.println("COUNTEREXAMPLE D.1 ||P||_2 = 1: k=" + k + ", P = (1/k)[I_" + m + " x " + k
                            + "] has ||P||_2 = " + s + " = 1/sqrt(k) (the weaker ||P||_2 <= 1 holds)");
                }
            }
        }
    }

    /**
     * D.1: "||W_U - W_U'||_2^2 <= ||W_U - W_U'||_F^2 = (d-k)||U - U'||_F^2 <= d||U - U'||_F^2", with U, U'
     * both satisfying Assumption 8. The stated equality fails (it is d-k+1, resp. d when padded); the
     * outer inequalities hold.
     */
    @Test
    void differenceFrobeniusIdentity_statedEqualityFails() {
        Random rnd = new Random(10);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                double[][] u = assumption8Filters(rnd, k), u2 = assumption8Filters(rnd, k);
                if (VanillaRnn.frobenius(VanillaRnn.sub(u, u2)) < 1e-6) u2 = negate(u2); // k = 1: u2 = u happens
                double du2 = Math.pow(VanillaRnn.frobenius(VanillaRnn.sub(u, u2)), 2);
                int pad = (k - 1) / 2;
                double[][][] a = readings(u, d, pad), b = readings(u2, d, pad);
                for (int r = 0; r < a.length; r++) {
                    double[][] diff = VanillaRnn.sub(a[r], b[r]);
                    double spec2 = Math.pow(VanillaRnn.spectralNorm(diff), 2), fro2 = Math.pow(VanillaRnn.frobenius(diff), 2);
                    assertTrue(spec2 <= fro2 * (1 + TOL) + TOL, READING[r] + ": ||.||_2^2 > ||.||_F^2");
                    assertTrue(fro2 <= d * du2 * (1 + TOL) + TOL, READING[r] + ": ||.||_F^2 = " + fro2 + " > d||U-U'||_F^2 = " + d * du2);
                    double stated = (d - k) * du2;
                    assertTrue(Math.abs(fro2 - stated) > 1e-6 * Math.max(1, du2),
                            READING[r] + ": expected the stated equality to fail");
                    if (r == 0) assertEquals((d - k + 1) * du2, fro2, 1e-10, "literal: (d-k+1)||U-U'||_F^2");
                    if (r == 1) assertEquals(d * du2, fro2, 1e-10, "padded: d||U-U'||_F^2");
                    if (n == 0)
                        System.out.println("COUNTEREXAMPLE D.1 ||W_U-W_U'||_F^2 = (d-k)||U-U'||_F^2 [" + READING[r] + "]: d=" + d
                                + " k=" + k + " lhs=" + fro2 + " rhs=" + stated + " ratio lhs/||U-U'||_F^2=" + fro2 / du2);
                }
            }
        }
    }

    /** Main text after Theorem 6: "||W||_F <= sqrt(d) ||U||_F", read as ||W_U||_F <= sqrt(d)||U||_F. */
    @Test
    void frobeniusAtMostSqrtDTimesFilters() {
        Random rnd = new Random(11);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                double[][] u = assumption8Filters(rnd, k);
                for (double[][] m : readings(u, d, (k - 1) / 2))
                    assertTrue(VanillaRnn.frobenius(m) <= Math.sqrt(d) * VanillaRnn.frobenius(u) * (1 + TOL));
            }
        }
    }

    /** End of D.1: ||h_t||_2 <= min{sqrt(d), B_x t}, with sigma_h = tanh (1-Lipschitz, bounded by 1). */
    @Test
    void hiddenStateNormBound() {
        Random rnd = new Random(12);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            for (int n = 0; n < INSTANCES; n++) {
                ConvRnn net = new ConvRnn(assumption8Filters(rnd, k), assumption8Filters(rnd, k),
                        assumption8Filters(rnd, k), d, rnd.nextInt(k), Math::tanh, z -> z);
                double[][] xs = new double[8][];
                double bx = 0;
                for (int s = 0; s < xs.length; s++) {
                    xs[s] = gaussian(rnd, d);
                    for (int i = 0; i < d; i++) xs[s][i] *= 3; // large enough that sqrt(d) binds too
                    bx = Math.max(bx, VanillaRnn.norm2(xs[s]));
                }
                double[][] hs = net.hidden(xs);
                for (int s = 0; s < hs.length; s++) {
                    double bound = Math.min(Math.sqrt(d), bx * s);
                    assertTrue(VanillaRnn.norm2(hs[s]) <= bound * (1 + TOL) + TOL, "||h_" + s + "|| > " + bound);
                }
            }
        }
    }

    // ------------------------------------------------------------ (c) zero filters

    @Test
    void zeroFiltersGiveZeroStates() {
        Random rnd = new Random(13);
        for (int[] shape : SHAPES) {
            int d = shape[0], k = shape[1];
            double[][] zero = new double[k][k];
            ConvRnn net = new ConvRnn(zero, zero, zero, d, (k - 1) / 2, Math::tanh, z -> Math.max(z, 0));
            double[][] xs = new double[6][];
            for (int s = 0; s < xs.length; s++) xs[s] = gaussian(rnd, d);
            double[][] hs = net.hidden(xs), ys = net.outputs(xs);
            for (int s = 0; s <= xs.length; s++) {
                assertArrayEquals(new double[d], hs[s], 0.0, "h_" + s);
                assertArrayEquals(new double[d], ys[s], 0.0, "y_" + s);
            }
        }
    }

    // ------------------------------------------------------------ helpers

    private static double[][] negate(double[][] a) {
        double[][] m = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) m[i][j] = -a[i][j];
        return m;
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
        return v;
    }

    private static double[][] gaussian(Random rnd, int r, int c) {
        double[][] m = new double[r][];
        for (int i = 0; i < r; i++) m[i] = gaussian(rnd, c);
        return m;
    }
}
