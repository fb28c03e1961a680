package boundcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** eye, transpose, conv, pool, pad and orthogonal matrices: the Conv RNN's construction evaluates as the paper defines it. */
class MatrixBuiltinsTest {
    private static List<ItemResult> items;

    @BeforeAll
    static void run() {
        items = TestSupport.checkText("""
                theory conv "builtins"
                var k : dim
                var d : dim in k..(k+4)
                mat Q, Q' : O^(k, k)
                vec h : R^d
                let U = Q / sqrt(k)
                let U' = Q' / sqrt(k)
                lemma orth "U^T U = I/k": transpose(U) * U = eye(k) / k
                lemma orth_wrong "U^T U = I": transpose(U) * U = eye(k)
                lemma p_norm "||P||_2 = 1": ||pool(k, d-k+1)|| = 1
                lemma p_norm_true "||P||_2 = 1/sqrt(k)": ||pool(k, d-k+1)|| = 1/sqrt(k)
                lemma frob "(d-k)": ||conv(U, d) - conv(U', d)||_F^2 = (d-k) * ||U - U'||_F^2
                lemma frob_true "(d-k+1)": ||conv(U, d) - conv(U', d)||_F^2 = (d-k+1) * ||U - U'||_F^2
                lemma spec "||W_U||_2 <= 1": ||conv(U, d)|| <= 1
                lemma padded "padding keeps the norm": ||pad(h, k)|| = ||h||
                lemma shape "P W_U h has d-k+1 entries": ||pool(k, d-k+1) * conv(U, d) * h||_inf <= ||pool(k, d-k+1) * conv(U, d) * h||
                """, 400);
    }

    private static Verdict verdict(String name) { return TestSupport.item(items, name).verdict(); }

    @Test
    void trueFactsAreNotRefuted() {
        for (String n : List.of("orth", "p_norm_true", "frob_true", "spec", "padded", "shape")) {
            assertNotEquals(Verdict.REFUTED, verdict(n), n);
            assertNotEquals(Verdict.UNSUPPORTED, verdict(n), n);
        }
    }

    @Test
    void thePapersConvFactsAreRefuted() {
        assertEquals(Verdict.REFUTED, verdict("p_norm"));
        assertEquals(Verdict.REFUTED, verdict("frob"));
        assertEquals(Verdict.REFUTED, verdict("orth_wrong"));
    }

    @Test
    void orthogonalMatricesPrintExactly() {
        var cex = TestSupport.item(items, "frob").steps().get(0).counterexample();
        assertTrue(cex.objects().containsKey("Q") || cex.objects().containsKey("Q'"), cex.objects().toString());
    }
}
