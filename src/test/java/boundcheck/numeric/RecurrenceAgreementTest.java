package boundcheck.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Loader;
import boundcheck.lang.Parsing;
import boundcheck.lang.Theory;
import boundcheck.reference.VanillaRnn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language's evaluation of the vanilla RNN (its {@code seq} recurrence, run by the numeric
 * engine) agrees with the plain-Java reference model on the same weights and inputs: to 1e-12 in
 * doubles, and the 60-digit evaluation agrees with both. The weights come from the engine's own
 * sampler, so the instances include its boundary and low-rank cases.
 */
class RecurrenceAgreementTest {
    private static final String THEORY = """
            theory rnn "vanilla RNN"
            var t : nat
            var d_x, d_h, d_y : dim
            var B_x, B_U, B_V, B_W, rho_h, rho_y, b : pos
            vec x[s] : R^d_x
            mat U : R^(d_h, d_h)
            mat W : R^(d_h, d_x)
            mat V : R^(d_y, d_h)
            fun sigma_h : lipschitz rho_h, zero_at_zero, bounded b   sample tanh
            fun sigma_y : lipschitz rho_y, zero_at_zero   sample identity
            seq h[0] = 0
            seq h[s] = sigma_h(U * h[s-1] + W * x[s])
            assume A1 "inputs": forall s >= 1: ||x[s]|| <= B_x
            assume A2 "weights": ||U|| <= B_U, ||V|| <= B_V, ||W|| <= B_W
            """;

    private static Theory theory;
    private static ObjectModel model;

    @BeforeAll
    static void load() throws Exception {
        Path f = Files.createTempFile("rnn", ".bnd");
        Files.writeString(f, THEORY);
        Diagnostics d = new Diagnostics();
        theory = Loader.load(List.of(f), d).get(0);
        Files.delete(f);
        assertTrue(!d.hasErrors(), d.errors().toString());
        model = new ObjectModel(theory.vecs, theory.mats, theory.funs, theory.seqs, theory.assumptionStatements());
    }

    @Test
    void hiddenStatesAndOutputsAgreeWithTheReference() {
        SplittableRandom r = new SplittableRandom(20261126L);
        Expr hidden = Parsing.parseExpr("h[t]", new Diagnostics()), output = Parsing.parseExpr("sigma_y(V * h[t])", new Diagnostics());
        int compared = 0;
        for (int trial = 0; trial < 200; trial++) {
            Map<String, Double> scalars = new HashMap<>();
            scalars.put("t", (double) r.nextInt(0, 31));
            scalars.put("d_x", (double) r.nextInt(1, 9));
            scalars.put("d_h", (double) r.nextInt(1, 9));
            scalars.put("d_y", (double) r.nextInt(1, 4));
            for (String c : List.of("B_x", "B_U", "B_V", "B_W", "rho_h", "rho_y", "b")) scalars.put(c, Math.exp(r.nextDouble(-2, 2)));
            Instance inst = new Instance(model, scalars, r.nextLong() & ((1L << 52) - 1), r.nextInt(10) == 0, theory.lets);
            TensorEvaluator<Double> fast = new TensorEvaluator<>(DoubleArith.INSTANCE, inst, Set.of(), theory.lets, scalars);
            List<Double> h = ((Value.Vector<Double>) fast.value(hidden)).v();
            List<Double> y = ((Value.Vector<Double>) fast.value(output)).v();

            int t = scalars.get("t").intValue();
            double[][] xs = new double[t][];
            for (int s = 1; s <= t; s++) xs[s - 1] = inst.vector("x", s);
            double rho = scalars.get("rho_h"), bound = scalars.get("b"), rhoY = scalars.get("rho_y");
            VanillaRnn ref = new VanillaRnn(inst.matrix("U"), inst.matrix("W"), inst.matrix("V"),
                    z -> bound * Math.tanh(rho * z / bound), z -> rhoY * z);
            double[] hRef = ref.hidden(xs, t)[t], yRef = ref.output(xs, t);
            assertEquals(hRef.length, h.size());
            for (int i = 0; i < hRef.length; i++) assertEquals(hRef[i], h.get(i), 1e-12, "h[" + t + "] entry " + i + " at trial " + trial);
            for (int i = 0; i < yRef.length; i++) assertEquals(yRef[i], y.get(i), 1e-12, "y entry " + i + " at trial " + trial);

            compared++;
            // the high-precision evaluation of the same instance (used to re-check counterexamples);
            // one trial in five: 60-digit tanh costs about a millisecond an entry
            if (trial % 5 != 0) continue;
            Map<String, Apfloat> hpScalars = new HashMap<>();
            scalars.forEach((k, v) -> hpScalars.put(k, HighPrecision.INSTANCE.of(new java.math.BigDecimal(v))));
            TensorEvaluator<Apfloat> precise = new TensorEvaluator<>(HighPrecision.INSTANCE, inst, Set.of(), theory.lets, hpScalars);
            List<Apfloat> hp = ((Value.Vector<Apfloat>) precise.value(hidden)).v();
            for (int i = 0; i < hRef.length; i++) assertEquals(hRef[i], hp.get(i).doubleValue(), 1e-12, "60-digit h entry " + i);
        }
        assertEquals(200, compared);
    }

    @Test
    void sampledWeightsMeetTheirNormBoundsOftenWithEquality() {
        SplittableRandom r = new SplittableRandom(7);
        int onBoundary = 0, n = 300;
        for (int trial = 0; trial < n; trial++) {
            Map<String, Double> scalars = new HashMap<>(Map.of("t", 3.0, "d_x", 3.0, "d_h", (double) r.nextInt(1, 9), "d_y", 2.0,
                    "B_x", 1.0, "B_V", 1.0, "B_W", 0.5, "rho_h", 1.0, "rho_y", 1.0, "b", 1.0));
            scalars.put("B_U", Math.exp(r.nextDouble(-3, 3)));
            Instance inst = new Instance(model, scalars, r.nextLong() & ((1L << 52) - 1), false, theory.lets);
            double spectral = Linalg.spectral(inst.matrix("U"));
            assertTrue(spectral <= scalars.get("B_U"), "||U|| = " + spectral + " > B_U = " + scalars.get("B_U"));
            if (spectral >= scalars.get("B_U") * (1 - 1e-9)) onBoundary++;
            for (int s = 1; s <= 3; s++) {
                double[] x = inst.vector("x", s);
                double norm = 0;
                for (double v : x) norm += v * v;
                assertTrue(Math.sqrt(norm) <= 1 + 1e-15, "||x[" + s + "]|| = " + Math.sqrt(norm));
            }
        }
        // worst cases live on the boundary: a good share of draws must meet ||U|| = B_U
        assertTrue(onBoundary > n / 4, "only " + onBoundary + " of " + n + " on the boundary");
    }
}
