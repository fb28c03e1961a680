package boundcheck.properties;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Generators shared by the network properties: small dimensions with 1 and 2 as edge cases, weight
 * matrices scaled to a spectral-norm bound (met with equality in half the draws), inputs with
 * {@code ||x_t|| <= B_x}, and the three regimes of {@code beta = rho_h B_U}.
 */
final class Networks {
    private Networks() {}

    /** The regime of beta = rho_h B_U (Section 1: (I) below 1, (II) equal to 1, (III) above 1). */
    enum Regime { BELOW, AT, ABOVE }

    /** How a weight matrix is drawn: Gaussian, zero, tiny (1e-8), rank one. */
    enum Shape { GAUSSIAN, ZERO, TINY, RANK_ONE }

    static Arbitrary<Integer> dimension() {
        return Arbitraries.integers().between(1, 8).edgeCases(e -> e.includeOnly(1, 2));
    }

    static Arbitrary<Integer> steps() {
        return Arbitraries.integers().between(1, 60).edgeCases(e -> e.includeOnly(1, 2, 60));
    }

    static Arbitrary<Regime> regime() { return Arbitraries.of(Regime.class); }

    static Arbitrary<Shape> shape() { return Arbitraries.of(Shape.class); }

    /** beta for a regime: (0.05, 0.95), exactly 1, or (1.05, 1.6) (t up to 60 keeps beta^t finite and readable). */
    static double beta(Regime r, double u) {
        return switch (r) {
            case BELOW -> 0.05 + 0.9 * u;
            case AT -> 1.0;
            case ABOVE -> 1.05 + 0.55 * u;
        };
    }

    /** A rows x cols matrix of the given shape, scaled so that its spectral norm is at most {@code bound} (equal when {@code onBound}). */
    static double[][] matrix(SplittableRandom r, int rows, int cols, double bound, boolean onBound, Shape shape) {
        double[][] m = new double[rows][cols];
        if (shape == Shape.ZERO) return m;
        if (shape == Shape.RANK_ONE) {
            double[] a = gaussian(r, rows), b = gaussian(r, cols);
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i][j] = a[i] * b[j];
        } else {
            for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian();
        }
        double s = spectral(m);
        if (s == 0) return m;
        double target = shape == Shape.TINY ? 1e-8 * bound : onBound ? bound : bound * r.nextDouble();
        double f = target / s;
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] *= f;
        return m;
    }

    /** Inputs x_1..x_t with ||x_s|| <= bx (equal in half of the steps). */
    static double[][] inputs(SplittableRandom r, int t, int dx, double bx) {
        double[][] xs = new double[t][];
        for (int s = 0; s < t; s++) {
            double[] x = gaussian(r, dx);
            double n = 0;
            for (double v : x) n += v * v;
            n = Math.sqrt(n);
            double target = r.nextBoolean() ? bx : bx * r.nextDouble();
            for (int i = 0; i < dx; i++) x[i] = n == 0 ? 0 : x[i] * target / n;
            xs[s] = x;
        }
        return xs;
    }

    static double[] gaussian(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    static double spectral(double[][] m) {
        boolean zero = true;
        for (double[] row : m) for (double x : row) zero &= x == 0;
        return zero ? 0 : new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getNorm();
    }

    static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) for (double x : row) s += x * x;
        return Math.sqrt(s);
    }

    static double[][] minus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) out[i][j] = a[i][j] - b[i][j];
        return out;
    }

    static double norm2(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] - b[i];
        return out;
    }

    /** S(q, t) = (q^t - 1)/(q - 1), and t at q = 1 (the paper's convention). */
    static double geometric(double q, int t) {
        if (q == 1) return t;
        return (Math.pow(q, t) - 1) / (q - 1);
    }

    /** A vanilla RNN case: both weight triples, inputs and the constants they satisfy. */
    record Case(int dh, int dx, int dy, int t, double rhoH, double b, double bu, double bw, double bv, double bx, Regime regime,
                double[][] u, double[][] u2, double[][] w, double[][] w2, double[][] v, double[][] v2, double[][] xs, long seed) {
        double beta() { return rhoH * bu; }
    }

    static Arbitrary<Case> vanillaCases() {
        Arbitrary<int[]> dims = Combinators.combine(dimension(), dimension(), dimension(), steps()).as((a, b, c, d) -> new int[] {a, b, c, d});
        Arbitrary<double[]> consts = Combinators.combine(Arbitraries.of(0.5, 1.0, 2.0), Arbitraries.of(0.5, 1.0, 3.0),
                Arbitraries.doubles().between(0.1, 3), Arbitraries.doubles().between(0.1, 3), Arbitraries.doubles().between(0.1, 2))
                .as((rho, b, bw, bv, bx) -> new double[] {rho, b, bw, bv, bx});
        return Combinators.combine(dims, consts, regime(), Arbitraries.doubles().between(0, 1), shape(), shape(), Arbitraries.longs())
                .as((d, c, regime, u, shapeU, shapeW, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    double rho = c[0], beta = beta(regime, u), bu = beta / rho;
                    boolean onBound = r.nextBoolean();
                    return new Case(d[0], d[1], d[2], d[3], rho, c[1], bu, c[2], c[3], c[4], regime,
                            matrix(r, d[0], d[0], bu, onBound, shapeU), matrix(r, d[0], d[0], bu, r.nextBoolean(), Shape.GAUSSIAN),
                            matrix(r, d[0], d[1], c[2], onBound, shapeW), matrix(r, d[0], d[1], c[2], r.nextBoolean(), Shape.GAUSSIAN),
                            matrix(r, d[2], d[0], c[3], onBound, Shape.GAUSSIAN), matrix(r, d[2], d[0], c[3], r.nextBoolean(), Shape.GAUSSIAN),
                            inputs(r, d[3], d[1], c[4]), seed);
                });
    }
}
