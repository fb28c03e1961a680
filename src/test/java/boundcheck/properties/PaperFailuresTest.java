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
}
