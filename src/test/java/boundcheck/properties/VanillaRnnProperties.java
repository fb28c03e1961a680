package boundcheck.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.properties.Networks.Case;
import boundcheck.properties.Networks.Regime;
import boundcheck.reference.VanillaRnn;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The vanilla-RNN claims of the paper on random networks (Section 1 model, Assumptions 1-3;
 * {@code sigma_h(x) = b tanh(rho_h x / b)}, which is rho_h-Lipschitz, zero at zero, bounded by b;
 * {@code sigma_y} the identity, rho_y = 1). Every regime of {@code beta = rho_h B_U} must be generated.
 * A failing sample prints jqwik's seed; pass it back with {@code @Property(seed = "...")}.
 */
class VanillaRnnProperties {
    private static final double SLACK = 1e-9; // relative: rounding of the forward pass, not a margin

    @Provide
    Arbitrary<Case> cases() { return Networks.vanillaCases(); }

    private static VanillaRnn net(Case c, boolean primed) {
        double rho = c.rhoH(), b = c.b();
        return new VanillaRnn(primed ? c.u2() : c.u(), primed ? c.w2() : c.w(), primed ? c.v2() : c.v(),
                z -> b * Math.tanh(rho * z / b), z -> z);
    }

    private static void coverRegimes(Case c) {
        Statistics.label("regime").collect(c.regime());
        Statistics.label("regime").coverage(cov -> {
            for (Regime r : Regime.values()) cov.check(r).count(n -> n > 0);
        });
    }

    private static boolean le(double lhs, double rhs) { return lhs <= rhs * (1 + SLACK) + 1e-14; } // states are O(b): rounding is below 1e-14

    /** Lemma 6, eq. (6): ||h_t||_2 <= min{ b sqrt(d), rho_h B_W B_x S(beta, t) } with d of Theorem 2. */
    @Property(tries = 1000)
    void lemma6HiddenStateNorm(@ForAll("cases") Case c) {
        coverRegimes(c);
        double[][] hs = net(c, false).hidden(c.xs(), c.t());
        double d = Math.sqrt(c.dx() * c.dh() + c.dh() * c.dh() + c.dh() * c.dy());
        double bound = Math.min(c.b() * Math.sqrt(d), c.rhoH() * c.bw() * c.bx() * Networks.geometric(c.beta(), c.t()));
        for (int s = 0; s <= c.t(); s++) {
            double bs = Math.min(c.b() * Math.sqrt(d), c.rhoH() * c.bw() * c.bx() * Networks.geometric(c.beta(), s));
            assertTrue(le(Networks.norm2(hs[s]), bs), "||h_" + s + "|| = " + Networks.norm2(hs[s]) + " > " + bs);
        }
        assertTrue(le(Networks.norm2(hs[c.t()]), bound));
    }

    /** Lemma 7: ||h_t - h'_t|| <= L_{W,t} ||W - W'||_2 + L_{U,t} ||U - U'||_2 (Lemma 7's constants). */
    @Property(tries = 1000)
    void lemma7HiddenStateLipschitz(@ForAll("cases") Case c) {
        coverRegimes(c);
        double[] h = net(c, false).hidden(c.xs(), c.t())[c.t()], h2 = net(c, true).hidden(c.xs(), c.t())[c.t()];
        double s = Networks.geometric(c.beta(), c.t());
        double lw = c.rhoH() * c.bx() * s, lu = c.rhoH() * c.rhoH() * c.bw() * c.bx() * c.t() * s;
        double rhs = lw * Networks.spectral(Networks.minus(c.w(), c.w2())) + lu * Networks.spectral(Networks.minus(c.u(), c.u2()));
        assertTrue(le(Networks.norm2(Networks.minus(h, h2)), rhs), "lhs " + Networks.norm2(Networks.minus(h, h2)) + " > rhs " + rhs);
    }

    /** Lemma 2: ||y_t - y'_t|| <= L_{U,t} ||U - U'||_F + L_{V,t} ||V - V'||_F + L_{W,t} ||W - W'||_F. */
    @Property(tries = 1000)
    void lemma2OutputLipschitz(@ForAll("cases") Case c) {
        coverRegimes(c);
        double[] y = net(c, false).output(c.xs(), c.t()), y2 = net(c, true).output(c.xs(), c.t());
        double a = 1 * c.rhoH() * c.bx() * Networks.geometric(c.beta(), c.t()); // rho_y = 1
        double lu = c.rhoH() * c.bv() * c.bw() * c.t() * a, lv = c.bw() * a, lw = c.bv() * a;
        double rhs = lu * Networks.frobenius(Networks.minus(c.u(), c.u2())) + lv * Networks.frobenius(Networks.minus(c.v(), c.v2()))
                + lw * Networks.frobenius(Networks.minus(c.w(), c.w2()));
        assertTrue(le(Networks.norm2(Networks.minus(y, y2)), rhs), "lhs " + Networks.norm2(Networks.minus(y, y2)) + " > rhs " + rhs);
    }

    @Provide
    Arbitrary<double[][]> scorePairs() {
        return Arbitraries.integers().between(2, 10).edgeCases(e -> e.includeOnly(2)).flatMap(k ->
                Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(k).array(double[][].class).ofSize(2));
    }

    private static double margin(double[] y, int z) {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < y.length; j++) if (j != z) best = Math.max(best, y[j]);
        return y[z] - best;
    }

    /** Lemma 5: the margin operator M(y, z) = y_z - max_{j != z} y_j is 2-Lipschitz in y (Euclidean norm). */
    @Property(tries = 1000)
    void lemma5MarginIsTwoLipschitz(@ForAll("scorePairs") double[][] pair, @ForAll("labels") int label) {
        double[] y = pair[0], y2 = pair[1];
        int z = label % y.length;
        double lhs = Math.abs(margin(y, z) - margin(y2, z)), rhs = 2 * Networks.norm2(Networks.minus(y, y2));
        assertTrue(le(lhs, rhs), lhs + " > " + rhs);
    }

    @Provide
    Arbitrary<Integer> labels() { return Arbitraries.integers().between(0, 9); }

    /** Lemma 8's norm relations: ||A||_2 <= ||A||_F <= sqrt(min(d1, d2)) ||A||_2. */
    @Property(tries = 1000)
    void lemma8NormRelations(@ForAll("matrices") double[][] a) {
        double s = Networks.spectral(a), f = Networks.frobenius(a);
        assertTrue(le(s, f), "||A||_2 = " + s + " > ||A||_F = " + f);
        assertTrue(le(f, Math.sqrt(Math.min(a.length, a[0].length)) * s), "||A||_F = " + f + " > sqrt(min) ||A||_2");
    }

    @Provide
    Arbitrary<double[][]> matrices() {
        return net.jqwik.api.Combinators.combine(Networks.dimension(), Networks.dimension(), Networks.shape(), Arbitraries.longs())
                .as((r, c, shape, seed) -> Networks.matrix(new java.util.SplittableRandom(seed), r, c, 1.0, true, shape));
    }
}
