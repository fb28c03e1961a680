package boundcheck.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.reference.Lstm;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * LSTM claims of Appendix C.2 on random networks (sigmoid gates, tanh cell; Assumption 7 bounds met
 * with equality in half the draws; gate weights from tiny to large so gates saturate both ways).
 */
class LstmProperties {
    private static final double SLACK = 1e-9;

    record Net(int dh, int dx, int t, double bwc, double buc, double bx, Lstm lstm, double[][] xs, long seed) {}

    @Provide
    Arbitrary<Net> nets() {
        Arbitrary<int[]> dims = Combinators.combine(Networks.dimension(), Networks.dimension(), Networks.steps()).as((a, b, c) -> new int[] {a, b, c});
        Arbitrary<double[]> bounds = Combinators.combine(Arbitraries.of(0.01, 0.5, 2.0, 10.0), Arbitraries.doubles().between(0.05, 3),
                        Arbitraries.doubles().between(0.01, 3), Arbitraries.doubles().between(0.1, 2))
                .as((gate, bwc, buc, bx) -> new double[] {gate, bwc, buc, bx});
        return Combinators.combine(dims, bounds, Arbitraries.longs()).as((d, c, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            int dh = d[0], dx = d[1], t = d[2];
            double gate = c[0];
            Networks.Shape g = Networks.Shape.GAUSSIAN;
            Lstm lstm = new Lstm(Networks.matrix(r, dh, dx, gate, r.nextBoolean(), g), Networks.matrix(r, dh, dx, gate, r.nextBoolean(), g),
                    Networks.matrix(r, dh, dx, gate, r.nextBoolean(), g), Networks.matrix(r, dh, dx, c[1], r.nextBoolean(), g),
                    Networks.matrix(r, dh, dh, gate, r.nextBoolean(), g), Networks.matrix(r, dh, dh, gate, r.nextBoolean(), g),
                    Networks.matrix(r, dh, dh, gate, r.nextBoolean(), g), Networks.matrix(r, dh, dh, c[2], r.nextBoolean(), g),
                    Networks.matrix(r, 1, dh, 1, true, g), z -> z);
            return new Net(dh, dx, t, c[1], c[2], c[3], lstm, Networks.inputs(r, t, dx, c[3]), seed);
        });
    }

    private static double normInf(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** Theorem 5's beta = max_{j <= t} { ||g_j||_inf + ||r_j||_inf ||o_j||_inf B_{U_c} }. */
    private static double beta(Lstm.Trace tr, double buc) {
        double beta = 0;
        for (int j = 1; j < tr.g().length; j++) beta = Math.max(beta, normInf(tr.g()[j]) + normInf(tr.r()[j]) * normInf(tr.o()[j]) * buc);
        return beta;
    }

    /** C.2: ||h_t||_2 <= ||c_t||_2 <= B_{W_c} B_x (beta^t - 1)/(beta - 1). */
    @Property(tries = 1000)
    void hiddenAndCellNorm(@ForAll("nets") Net n) {
        Lstm.Trace tr = n.lstm().trace(n.xs(), n.t());
        double beta = beta(tr, n.buc());
        Statistics.label("beta").collect(beta < 1 ? "below 1" : "at least 1");
        Statistics.label("beta").coverage(c -> {
            c.check("below 1").count(k -> k > 0);
            c.check("at least 1").count(k -> k > 0);
        });
        double h = Networks.norm2(tr.h()[n.t()]), c = Networks.norm2(tr.c()[n.t()]);
        double bound = n.bwc() * n.bx() * Networks.geometric(beta, n.t());
        assertTrue(h <= c * (1 + SLACK), "||h_t|| = " + h + " > ||c_t|| = " + c);
        assertTrue(c <= bound * (1 + SLACK) + 1e-300, "||c_t|| = " + c + " > " + bound + " (beta " + beta + ", t " + n.t() + ")");
    }
}
