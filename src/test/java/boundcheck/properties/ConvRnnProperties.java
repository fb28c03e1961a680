package boundcheck.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.reference.ConvRnn;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.QRDecomposition;

/**
 * Conv RNN (Appendix D) under Assumption 8 (orthogonal filters: {@code U^T U = U U^T = I/k}), with
 * {@code sigma_h = tanh} (rho_h = 1) and zero padding placed by {@code padLeft} (the paper does not say).
 */
class ConvRnnProperties {
    record Pair(int d, int k, int t, double bx, ConvRnn a, ConvRnn b, double[][] xs, long seed) {}

    /** Filters as the columns of Q / sqrt(k), Q orthogonal from the QR decomposition of a Gaussian matrix. */
    static double[][] assumption8(SplittableRandom r, int k) {
        double[][] g = new double[k][k];
        for (double[] row : g) for (int j = 0; j < k; j++) row[j] = r.nextGaussian();
        double[][] q = new QRDecomposition(new Array2DRowRealMatrix(g, false)).getQ().getData();
        for (double[] row : q) for (int j = 0; j < k; j++) row[j] /= Math.sqrt(k);
        return q;
    }

    @Provide
    Arbitrary<Pair> pairs() {
        Arbitrary<Integer> k = Arbitraries.integers().between(1, 4).edgeCases(e -> e.includeOnly(1, 2));
        return Combinators.combine(k, Arbitraries.integers().between(0, 6), Arbitraries.integers().between(1, 30).edgeCases(e -> e.includeOnly(1, 30)),
                        Arbitraries.doubles().between(0.1, 3), Arbitraries.integers().between(0, 3), Arbitraries.longs())
                .as((kk, extra, t, bx, which, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int d = kk + extra;
                    double[][] u = assumption8(r, kk), w = assumption8(r, kk), v = assumption8(r, kk);
                    // the second network: U, W or both redrawn (which = 0, 1, 2), or identical (3)
                    double[][] u2 = which == 0 || which == 2 ? assumption8(r, kk) : u, w2 = which == 1 || which == 2 ? assumption8(r, kk) : w;
                    int pad = r.nextInt(kk);
                    ConvRnn a = new ConvRnn(u, w, v, d, pad, Math::tanh, z -> z), b = new ConvRnn(u2, w2, v, d, pad, Math::tanh, z -> z);
                    return new Pair(d, kk, t, bx, a, b, Networks.inputs(r, t, d, bx), seed);
                });
    }

    /** D.1: ||h_t - h'_t|| <= B_x sqrt(d) t ||W - W'||_F + d t ||U - U'||_F (rho_h = 1). */
    @Property(tries = 1000)
    void lipschitzBound(@ForAll("pairs") Pair p) {
        Statistics.label("k").collect(p.k());
        double[] h = p.a().hidden(p.xs(), p.t())[p.t()], h2 = p.b().hidden(p.xs(), p.t())[p.t()];
        double lhs = Networks.norm2(Networks.minus(h, h2));
        double rhs = p.bx() * Math.sqrt(p.d()) * p.t() * Networks.frobenius(Networks.minus(p.a().W(), p.b().W()))
                + p.d() * p.t() * Networks.frobenius(Networks.minus(p.a().U(), p.b().U()));
        assertTrue(lhs <= rhs * (1 + 1e-9) + 1e-14, "||h_t - h'_t|| = " + lhs + " > " + rhs);
    }

    /**
     * D.1's spectral facts under Assumption 8, each as stated where it holds: ||W_U||_2 <= 1 (also for
     * the padded operator), ||W_U||_F <= sqrt(d) ||U||_F, and the pooling matrix's ||P||_2 <= 1 (the
     * stated "= 1" fails for k >= 2, see PaperFailuresTest).
     */
    @Property(tries = 1000)
    void spectralFactsUnderAssumption8(@ForAll("pairs") Pair p) {
        ConvRnn a = p.a();
        double[][] literal = ConvRnn.stackedFilterMatrix(a.U(), p.d()), padded = a.WU();
        assertTrue(Networks.spectral(literal) <= 1 + 1e-12, "||W_U||_2 (literal) = " + Networks.spectral(literal));
        assertTrue(Networks.spectral(padded) <= 1 + 1e-12, "||W_U||_2 (padded) = " + Networks.spectral(padded));
        assertTrue(Networks.frobenius(literal) <= Math.sqrt(p.d()) * Networks.frobenius(a.U()) * (1 + 1e-12), "||W_U||_F > sqrt(d) ||U||_F");
        assertTrue(Networks.spectral(a.P()) <= 1 + 1e-12, "||P||_2 > 1");
    }
}
