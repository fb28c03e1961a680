package boundcheck.numeric;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Norms of vectors and matrices in any {@link Arith}. The spectral norm is exact up to the
 * arithmetic's precision: Hipparchus's SVD in doubles; in high precision the largest eigenvalue of
 * the Gram matrix by cyclic Jacobi rotations (Hipparchus has no arbitrary-precision SVD, and the
 * re-check must not inherit the double's rounding).
 */
public final class Linalg {
    private Linalg() {}

    public static <T> T norm2(Arith<T> a, List<T> v) {
        T s = a.of(0);
        for (T x : v) s = a.add(s, a.mul(x, x));
        return a.sqrt(s);
    }

    public static <T> T normInf(Arith<T> a, List<T> v) {
        T m = a.of(0);
        for (T x : v) if (a.compare(a.abs(x), m) > 0) m = a.abs(x);
        return m;
    }

    public static <T> T norm1(Arith<T> a, List<T> v) {
        T s = a.of(0);
        for (T x : v) s = a.add(s, a.abs(x));
        return s;
    }

    public static <T> T frobenius(Arith<T> a, Value.Matrix<T> m) { return norm2(a, m.data()); }

    /** Sum of the Euclidean norms of the columns. */
    public static <T> T twoOne(Arith<T> a, Value.Matrix<T> m) {
        T s = a.of(0);
        for (int j = 0; j < m.cols(); j++) s = a.add(s, norm2(a, column(m, j)));
        return s;
    }

    /** Largest absolute row sum. */
    public static <T> T inf(Arith<T> a, Value.Matrix<T> m) {
        T best = a.of(0);
        for (int i = 0; i < m.rows(); i++) {
            T s = norm1(a, m.data().subList(i * m.cols(), (i + 1) * m.cols()));
            if (a.compare(s, best) > 0) best = s;
        }
        return best;
    }

    /** Largest absolute column sum. */
    public static <T> T one(Arith<T> a, Value.Matrix<T> m) {
        T best = a.of(0);
        for (int j = 0; j < m.cols(); j++) {
            T s = norm1(a, column(m, j));
            if (a.compare(s, best) > 0) best = s;
        }
        return best;
    }

    public static <T> List<T> column(Value.Matrix<T> m, int j) {
        List<T> out = new ArrayList<>(m.rows());
        for (int i = 0; i < m.rows(); i++) out.add(m.at(i, j));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static <T> T spectral(Arith<T> a, Value.Matrix<T> m) {
        if (a instanceof DoubleArith) return (T) Double.valueOf(spectral(toArray((Value.Matrix<Double>) m)));
        if (a instanceof HighPrecision hp) return (T) spectralHp(hp, (Value.Matrix<Apfloat>) m);
        throw new IllegalArgumentException("no spectral norm for " + a);
    }

    public static double spectral(double[][] m) {
        if (m.length == 0 || m[0].length == 0) return 0;
        boolean zero = true;
        for (double[] row : m) for (double x : row) zero &= x == 0;
        if (zero) return 0;
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(m, false);
        if (Math.min(m.length, m[0].length) <= 16) return new SingularValueDecomposition(a).getNorm();
        // large matrices: the largest eigenvalue of the smaller Gram matrix (a symmetric
        // eigen-decomposition costs about 60 % of a full SVD at 128 x 128; the top eigenvalue is
        // accurate to rounding relative to itself, which is all a norm needs)
        org.hipparchus.linear.RealMatrix gram = m.length >= m[0].length ? a.transposeMultiply(a) : a.multiplyTransposed(a);
        double top = new org.hipparchus.linear.EigenDecompositionSymmetric(gram, 1e-12, true).getEigenvalue(0);
        return Math.sqrt(Math.max(0, top));
    }

    public static double[][] toArray(Value.Matrix<Double> m) {
        double[][] out = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) for (int j = 0; j < m.cols(); j++) out[i][j] = m.at(i, j);
        return out;
    }

    /** sqrt of the largest eigenvalue of the smaller Gram matrix, by cyclic Jacobi. */
    private static Apfloat spectralHp(HighPrecision hp, Value.Matrix<Apfloat> m) {
        boolean rowsGram = m.rows() <= m.cols();
        int n = rowsGram ? m.rows() : m.cols(), k = rowsGram ? m.cols() : m.rows();
        Apfloat[][] g = new Apfloat[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                Apfloat s = hp.of(0);
                for (int l = 0; l < k; l++) {
                    s = hp.add(s, rowsGram ? hp.mul(m.at(i, l), m.at(j, l)) : hp.mul(m.at(l, i), m.at(l, j)));
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        if (n == 1) return hp.sqrt(g[0][0]);
        long digits = hp.digits();
        Apfloat scale = hp.of(0);
        for (Apfloat[] row : g) for (Apfloat x : row) scale = hp.add(scale, hp.mul(x, x));
        if (scale.signum() == 0) return hp.of(0);
        Apfloat tolerance = hp.mul(scale, new Apfloat("1e-" + (2 * digits - 10), digits));
        Apfloat one = new Apint(1), two = new Apint(2);
        for (int sweep = 0; sweep < 100; sweep++) {
            Apfloat off = hp.of(0);
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off = hp.add(off, hp.mul(g[p][q], g[p][q]));
            if (off.compareTo(tolerance) <= 0) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (g[p][q].signum() == 0) continue;
                    // rotation that zeroes g[p][q] (Golub & Van Loan, sym.schur2)
                    Apfloat tau = hp.div(hp.sub(g[q][q], g[p][p]), hp.mul(two, g[p][q]));
                    Apfloat root = hp.sqrt(hp.add(one, hp.mul(tau, tau)));
                    Apfloat t = tau.signum() >= 0 ? hp.div(one, hp.add(tau, root)) : hp.div(one, hp.sub(tau, root));
                    Apfloat c = hp.div(one, hp.sqrt(hp.add(one, hp.mul(t, t)))), s = hp.mul(t, c);
                    for (int r = 0; r < n; r++) {
                        Apfloat grp = g[r][p], grq = g[r][q];
                        g[r][p] = hp.sub(hp.mul(c, grp), hp.mul(s, grq));
                        g[r][q] = hp.add(hp.mul(s, grp), hp.mul(c, grq));
                    }
                    for (int r = 0; r < n; r++) {
                        Apfloat gpr = g[p][r], gqr = g[q][r];
                        g[p][r] = hp.sub(hp.mul(c, gpr), hp.mul(s, gqr));
                        g[q][r] = hp.add(hp.mul(s, gpr), hp.mul(c, gqr));
                    }
                }
            }
        }
        Apfloat max = g[0][0];
        for (int i = 1; i < n; i++) max = ApfloatMath.max(max, g[i][i]);
        return max.signum() <= 0 ? hp.of(0) : hp.sqrt(max);
    }
}
