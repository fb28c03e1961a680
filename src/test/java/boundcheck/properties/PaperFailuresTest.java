package boundcheck.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Claims of the paper that fail, kept as the paper states them: the stored counterexample is
 * re-checked exactly (BigDecimal, 60 digits for the square root), and a random search must find
 * such counterexamples often — a fix of the generator that hides them would fail here.
 */
class PaperFailuresTest {
    @Test
    void lemma5LastStepFailsAtTheStoredCounterexample() throws Exception {
        JsonNode f = new ObjectMapper().readTree(Path.of("test-data/properties/lemma5_last_step.json").toFile());
        JsonNode y = f.get("counterexample").get("y"), y2 = f.get("counterexample").get("y'");
        MathContext mc = new MathContext(60);
        BigDecimal inf = BigDecimal.ZERO, sq = BigDecimal.ZERO;
        for (int i = 0; i < y.size(); i++) {
            BigDecimal d = y.get(i).decimalValue().subtract(y2.get(i).decimalValue());
            inf = inf.max(d.abs());
            sq = sq.add(d.multiply(d));
        }
        BigDecimal lhs = inf.multiply(BigDecimal.valueOf(2)), rhs = sq.sqrt(mc);
        assertTrue(lhs.compareTo(rhs) > 0, "2||v||_inf = " + lhs + " <= ||v||_2 = " + rhs);
        assertEquals(0, lhs.compareTo(new BigDecimal(f.get("lhs").asText())));
        assertEquals(0, rhs.compareTo(new BigDecimal(f.get("rhs").asText())));
    }

    @Test
    void lemma5LastStepFailsOnMostRandomScoreVectors() {
        SplittableRandom r = new SplittableRandom(5);
        int failures = 0, n = 1000;
        for (int i = 0; i < n; i++) {
            double[] v = Networks.gaussian(r, 2 + r.nextInt(9));
            double inf = 0;
            for (double x : v) inf = Math.max(inf, Math.abs(x));
            if (2 * inf > Networks.norm2(v) * (1 + 1e-12)) failures++;
        }
        // 2||v||_inf > ||v||_2 unless v is spread over at least four equal coordinates
        assertTrue(failures > n / 2, "only " + failures + " of " + n);
    }

    @Test
    void lstmLipschitzBoundAsWrittenFailsAtTheStoredCounterexample() throws Exception {
        JsonNode c = new ObjectMapper().readTree(Path.of("test-data/properties/lstm_lipschitz_as_written.json").toFile()).get("counterexample");
        long digits = 60;
        org.apfloat.Apfloat one = new org.apfloat.Apfloat(1, digits), two = new org.apfloat.Apfloat(2, digits);
        java.util.function.Function<org.apfloat.Apfloat, org.apfloat.Apfloat> sigmoid = x -> one.divide(one.add(org.apfloat.ApfloatMath.exp(x.negate())));
        java.util.function.Function<org.apfloat.Apfloat, org.apfloat.Apfloat> tanh = x -> {
            org.apfloat.Apfloat e = org.apfloat.ApfloatMath.exp(two.multiply(x));
            return e.subtract(one).divide(e.add(one));
        };
        org.apfloat.Apfloat x = new org.apfloat.Apfloat(c.get("x_1").get(0).asText(), digits);
        org.apfloat.Apfloat w = x.multiply(new org.apfloat.Apfloat(c.get("W_r").get(0).get(0).asText(), digits));
        org.apfloat.Apfloat cell = sigmoid.apply(w).multiply(tanh.apply(x.multiply(new org.apfloat.Apfloat(c.get("W_c").get(0).get(0).asText(), digits))));
        org.apfloat.Apfloat o = sigmoid.apply(x.multiply(new org.apfloat.Apfloat(c.get("W_o").get(0).get(0).asText(), digits)));
        org.apfloat.Apfloat o2 = sigmoid.apply(x.multiply(new org.apfloat.Apfloat(c.get("W_o'").get(0).get(0).asText(), digits)));
        org.apfloat.Apfloat lhs = o.subtract(o2).multiply(tanh.apply(cell));
        // the bound: B_x (B_Uc + B_Ug + B_Ur) ||W_o - W_o'||, every other difference is zero
        double bound = c.get("B_x").asDouble() * (c.get("B_Uc").asDouble() + c.get("B_Ug").asDouble() + c.get("B_Ur").asDouble()) * 10;
        assertTrue(lhs.compareTo(new org.apfloat.Apfloat(bound, digits)) > 0, "lhs " + lhs + " <= " + bound);
        assertTrue(lhs.doubleValue() > 0.49, "lhs " + lhs);
    }

    @Test
    void convRnnStatedFactsFailAtTheStoredCounterexamples() {
        // ||P||_2 for P = (1/3)[I_4 I_4 I_4]: P P^T = I/3 exactly, so ||P||_2 = sqrt(1/3) != 1
        double[][] p = boundcheck.reference.ConvRnn.pooling(3, 4);
        double[][] ppt = new double[4][4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int l = 0; l < p[0].length; l++) ppt[i][j] += p[i][l] * p[j][l];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? 1.0 / 3 : 0.0, ppt[i][j], 1e-15);
        assertEquals(Math.sqrt(1.0 / 3), Networks.spectral(p), 1e-12);
        // ||W_U - W_U'||_F^2 for d = 2, k = 1, U = [[1]], U' = [[-1]]: 8, not (d - k) * 4 = 4 (exact in doubles)
        double[][] wu = boundcheck.reference.ConvRnn.stackedFilterMatrix(new double[][] {{1}}, 2);
        double[][] wu2 = boundcheck.reference.ConvRnn.stackedFilterMatrix(new double[][] {{-1}}, 2);
        // sum of squared entries, exact in doubles (entries are 0 and +-2)
        double fro2 = 0;
        for (double[] row : Networks.minus(wu, wu2)) for (double v : row) fro2 += v * v;
        assertEquals(8.0, fro2, 0.0);
        assertTrue(fro2 != (2 - 1) * 4.0);
    }
}
