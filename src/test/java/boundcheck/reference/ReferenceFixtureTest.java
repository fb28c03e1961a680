package boundcheck.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Java reference models {@link Mgu} and {@link Lstm} (paper, Section 5: the MGU equations for
 * r_t, h~_t, h_t, y_t and the LSTM equations for g_t, r_t, o_t, c~_t, c_t, h_t, y_t; no biases,
 * h_0 = c_0 = 0) agree with an independent numpy implementation, test-data/reference/forward_numpy.py,
 * whose output forward_fixture.json stores weights, inputs and every state: each state to 1e-12
 * absolute. Garbled formulas and the readings chosen are described in Mgu and Lstm.
 *
 * <p>The paper states no elementary bound on the LSTM cell state right after Theorem 5 (its only
 * bound on c_t, ||c_t||_2 <= B_{W_c} B_x (beta^t - 1)/(beta - 1), sits inside the proof in Appendix
 * C.2), so none is tested here. Right after Theorem 4 it does state, for MGU, that h_t is entrywise
 * bounded by 1 and that ||r_t||_inf and ||1 - r_t||_inf are at most
 * 1 / (1 + exp(-B_{W_r} B_x - ||U_r||_1)); {@link #mguStatementsAfterTheorem4} checks those.
 */
class ReferenceFixtureTest {
    private static final Path FIXTURE = Path.of("test-data/reference/forward_fixture.json");
    private static final double TOL = 1e-12;
    private static final DoubleUnaryOperator IDENTITY = x -> x;

    private static JsonNode cases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(FIXTURE.toFile()).get("cases");
        assertNotNull(cases, "fixture has no cases");
        return cases;
    }

    @Test
    void mguAgreesWithNumpy() throws IOException {
        int checked = 0;
        for (JsonNode c : cases()) {
            if (!c.get("model").asText().equals("MGU")) continue;
            checkActivations(c, "sigma_h");
            JsonNode w = c.get("weights");
            Mgu mgu = new Mgu(matrix(w, "W_r"), matrix(w, "W_h"), matrix(w, "U_r"), matrix(w, "U_h"), matrix(w, "V"), IDENTITY);
            int t = c.get("t").asInt();
            double[][] xs = matrix(c, "inputs");
            assertEquals(t, xs.length, c.get("name").asText());
            Mgu.Trace tr = mgu.trace(xs, t);
            Map<String, double[][]> got = new LinkedHashMap<>();
            got.put("r", tr.r());
            got.put("h_tilde", tr.hTilde());
            got.put("h", tr.h());
            got.put("y", tr.y());
            compare(c, got);
            checked++;
        }
        assertEquals(2, checked, "MGU cases in the fixture");
    }

    @Test
    void lstmAgreesWithNumpy() throws IOException {
        int checked = 0;
        for (JsonNode c : cases()) {
            if (!c.get("model").asText().equals("LSTM")) continue;
            checkActivations(c, "sigma_c");
            JsonNode w = c.get("weights");
            Lstm lstm = new Lstm(
                    matrix(w, "W_g"), matrix(w, "W_r"), matrix(w, "W_o"), matrix(w, "W_c"),
                    matrix(w, "U_g"), matrix(w, "U_r"), matrix(w, "U_o"), matrix(w, "U_c"),
                    matrix(w, "V"), IDENTITY);
            int t = c.get("t").asInt();
            double[][] xs = matrix(c, "inputs");
            assertEquals(t, xs.length, c.get("name").asText());
            Lstm.Trace tr = lstm.trace(xs, t);
            Map<String, double[][]> got = new LinkedHashMap<>();
            got.put("g", tr.g());
            got.put("r", tr.r());
            got.put("o", tr.o());
            got.put("c_tilde", tr.cTilde());
            got.put("c", tr.c());
            got.put("h", tr.h());
            got.put("y", tr.y());
            compare(c, got);
            checked++;
        }
        assertEquals(2, checked, "LSTM cases in the fixture");
    }

    /** Zero weights: every gate is sigmoid(0) = 1/2, every candidate tanh(0) = 0, so h_t = c_t = 0. */
    @Test
    void zeroWeightsGiveZeroStates() {
        int dh = 3, dx = 2, dy = 2, t = 5;
        double[][] xs = randomMatrix(new SplittableRandom(7), t, dx, 1.0);
        Mgu mgu = new Mgu(zeros(dh, dx), zeros(dh, dx), zeros(dh, dh), zeros(dh, dh), zeros(dy, dh), Math::tanh);
        Mgu.Trace m = mgu.trace(xs, t);
        Lstm lstm = new Lstm(zeros(dh, dx), zeros(dh, dx), zeros(dh, dx), zeros(dh, dx),
                zeros(dh, dh), zeros(dh, dh), zeros(dh, dh), zeros(dh, dh), zeros(dy, dh), Math::tanh);
        Lstm.Trace l = lstm.trace(xs, t);
        assertNull(m.r()[0]);
        assertNull(l.g()[0]);
        for (int s = 0; s <= t; s++) {
            for (int i = 0; i < dh; i++) {
                assertEquals(0.0, m.h()[s][i], 0.0, "MGU h_" + s);
                assertEquals(0.0, l.h()[s][i], 0.0, "LSTM h_" + s);
                assertEquals(0.0, l.c()[s][i], 0.0, "LSTM c_" + s);
                if (s > 0) {
                    assertEquals(0.5, m.r()[s][i], 0.0, "MGU r_" + s);
                    assertEquals(0.5, l.g()[s][i], 0.0, "LSTM g_" + s);
                    assertEquals(0.5, l.r()[s][i], 0.0, "LSTM r_" + s);
                    assertEquals(0.5, l.o()[s][i], 0.0, "LSTM o_" + s);
                }
            }
        }
        assertEquals(t + 1, mgu.hidden(xs, t).length);
        assertEquals(0.0, lstm.output(xs, t)[0], 0.0);
    }

    /**
     * Section 5, after Theorem 4: h_t is entrywise bounded by 1, and ||r_t||_inf, ||1 - r_t||_inf are
     * at most 1 / (1 + exp(-B_{W_r} B_x - ||U_r||_1)), with B_{W_r} = ||W_r||_2, B_x = max ||x_s||_2
     * and ||U_r||_1 the maximal absolute row sum. Random weights, some of them large.
     */
    @Test
    void mguStatementsAfterTheorem4() {
        SplittableRandom rnd = new SplittableRandom(2019);
        for (int trial = 0; trial < 200; trial++) {
            int dh = 1 + rnd.nextInt(5), dx = 1 + rnd.nextInt(4), t = 1 + rnd.nextInt(12);
            double scale = trial % 4 == 0 ? 3.0 : 0.7;
            double[][] wr = randomMatrix(rnd, dh, dx, scale);
            double[][] ur = randomMatrix(rnd, dh, dh, scale);
            Mgu mgu = new Mgu(wr, randomMatrix(rnd, dh, dx, scale), ur, randomMatrix(rnd, dh, dh, scale),
                    randomMatrix(rnd, 1, dh, scale), IDENTITY);
            double[][] xs = randomMatrix(rnd, t, dx, 1.5);
            double bx = 0;
            for (double[] x : xs) bx = Math.max(bx, VanillaRnn.norm2(x));
            double ur1 = 0;
            for (double[] row : ur) {
                double sum = 0;
                for (double e : row) sum += Math.abs(e);
                ur1 = Math.max(ur1, sum);
            }
            double bound = 1 / (1 + Math.exp(-VanillaRnn.spectralNorm(wr) * bx - ur1));
            Mgu.Trace tr = mgu.trace(xs, t);
            for (int s = 1; s <= t; s++) {
                for (int i = 0; i < dh; i++) {
                    assertTrue(Math.abs(tr.h()[s][i]) <= 1 + 1e-15, "|h_" + s + "| > 1 in trial " + trial);
                    assertTrue(tr.r()[s][i] <= bound * (1 + 1e-12), "r_" + s + " above bound in trial " + trial);
                    assertTrue(1 - tr.r()[s][i] <= bound * (1 + 1e-12), "1 - r_" + s + " above bound in trial " + trial);
                }
            }
        }
    }

    private static void checkActivations(JsonNode c, String candidate) {
        JsonNode a = c.get("activations");
        assertEquals("sigmoid", a.get("sigma").asText());
        assertEquals("tanh", a.get(candidate).asText());
        assertEquals("identity", a.get("sigma_y").asText());
    }

    /** Stored states[k][s-1] is the value at step s; the trace holds it at index s. */
    private static void compare(JsonNode c, Map<String, double[][]> got) {
        String name = c.get("name").asText();
        int t = c.get("t").asInt();
        JsonNode states = c.get("states");
        List<String> stored = new ArrayList<>();
        states.fieldNames().forEachRemaining(stored::add);
        assertEquals(new ArrayList<>(got.keySet()), stored, name + ": stored states");
        for (Map.Entry<String, double[][]> e : got.entrySet()) {
            double[][] want = matrix(states, e.getKey());
            assertEquals(t, want.length, name + " " + e.getKey());
            for (int s = 1; s <= t; s++) {
                double[] actual = e.getValue()[s];
                assertEquals(want[s - 1].length, actual.length, name + " " + e.getKey() + "_" + s);
                for (int i = 0; i < actual.length; i++) {
                    assertEquals(want[s - 1][i], actual[i], TOL, name + " " + e.getKey() + "_" + s + "[" + i + "]");
                }
            }
        }
    }

    private static double[][] matrix(JsonNode parent, String field) {
        JsonNode rows = parent.get(field);
        assertNotNull(rows, "missing " + field);
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) m[i][j] = row.get(j).doubleValue();
        }
        return m;
    }

    private static double[][] zeros(int r, int c) {
        return new double[r][c];
    }

    private static double[][] randomMatrix(SplittableRandom rnd, int r, int c, double scale) {
        double[][] m = new double[r][c];
        for (double[] row : m) for (int j = 0; j < c; j++) row[j] = scale * (2 * rnd.nextDouble() - 1);
        return m;
    }
}
