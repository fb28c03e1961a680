package boundcheck.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import boundcheck.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structural rules of the Lipschitz layer, beyond the corpora: steps a rule must prove, and
 * true-looking steps it must not prove because the rule does not apply (wrong norm, undeclared
 * property, an index the recurrence does not cover, a copy of the network without its assumptions).
 */
class StructuralRulesTest {
    private static final String THEORY = """
            theory structural "structural rules"
            var t : nat
            var n, m, d_x, d_h : dim
            var B_x, B_U, B_W, rho_h, b, L : pos
            let beta = rho_h * B_U
            let S(q, m0) = (q^m0 - 1) / (q - 1)
            vec x[s] : R^d_x
            vec u, v : R^n
            mat A, C : R^(n, n)
            mat U, U', U2 : R^(d_h, d_h)
            mat W, W', W2 : R^(d_h, d_x)
            fun sigma_h : lipschitz rho_h, zero_at_zero, bounded b   sample tanh
            fun sig : lipschitz 1/4, range (0, 1)   sample sigmoid
            fun g : lipschitz L, zero_at_zero   sample tanh
            seq h[0] = 0
            seq h[s] = sigma_h(U * h[s-1] + W * x[s])
            seq h'[0] = 0
            seq h'[s] = sigma_h(U' * h'[s-1] + W' * x[s])
            seq k[0] = 0
            seq k[s] = sigma_h(U2 * k[s-1] + W2 * x[s])
            assume A1 "inputs": forall s >= 1: ||x[s]|| <= B_x
            assume A2 "weights": ||U|| <= B_U, ||U'|| <= B_U, ||W|| <= B_W, ||W'|| <= B_W

            lemma hidden "Lemma 6":
              forall t >= 0: ||h[t]|| <= rho_h * B_W * B_x * S(beta, t)
            proof by induction t
              base:
                ||h[0]||
                  = 0                                        by def h
                  <= rho_h * B_W * B_x * S(beta, 0)          by positivity
              step:
                ||h[t]||
                  = ||sigma_h(U * h[t-1] + W * x[t])||       by def h
                  <= rho_h * ||U * h[t-1] + W * x[t]||       by lipschitz sigma_h
                  <= rho_h * (||U * h[t-1]|| + ||W * x[t]||) by triangle
                  <= rho_h * (B_U * ||h[t-1]|| + B_W * B_x)  by submult, A1, A2
                  <= rho_h * (B_U * rho_h * B_W * B_x * S(beta, t-1) + B_W * B_x)   by IH
                  = rho_h * B_W * B_x * S(beta, t)           by algebra
            qed

            -- the lemma for the copy h' (U', W' satisfy the same assumptions)
            lemma hidden_copy "Lemma 6 for h'":
              forall t >= 0: ||h'[t]|| <= rho_h * B_W * B_x * S(beta, t)
            proof
              ||h'[t]||
                <= rho_h * B_W * B_x * S(beta, t)   by hidden
            qed

            -- k is built from U2, W2, which no assumption bounds: not a copy
            lemma hidden_k "Lemma 6 for k (no assumptions on U2, W2)":
              forall t >= 0: ||k[t]|| <= rho_h * B_W * B_x * S(beta, t) + 1000000
            proof
              ||k[t]||
                <= rho_h * B_W * B_x * S(beta, t) + 1000000   by hidden, mono
            qed

            -- h[t] for t >= 0 may be the base: the recurrence does not apply
            lemma def_at_zero "def h needs t >= 1":
              forall t >= 0: ||h[t]|| <= ||sigma_h(U * h[t-1] + W * x[t])|| + 1
            proof
              ||h[t]||
                <= ||sigma_h(U * h[t-1] + W * x[t])|| + 1   by def h, mono
            qed

            lemma frob_by_triangle "a true step, the wrong rule":
              ||A * v|| <= ||A||_F * ||v||
            proof
              ||A * v||
                <= ||A||_F * ||v||   by triangle
            qed

            lemma frob_by_submult "the same step, the right rule":
              ||A * v|| <= ||A||_F * ||v||
            proof
              ||A * v||
                <= ||A||_F * ||v||   by submult
            qed

            lemma no_zero_at_zero "sig is not declared zero at zero":
              ||sig(u)|| <= 1/4 * ||u|| + 10
            proof
              ||sig(u)||
                <= 1/4 * ||u|| + 10   by lipschitz sig, mono
            qed

            lemma spectral_entrywise "an entrywise activation is not Lipschitz in the spectral norm with its constant":
              ||g(A) - g(C)|| <= L * ||A - C|| * 100
            proof
              ||g(A) - g(C)||
                <= L * ||A - C|| * 100   by lipschitz g, mono
            qed

            lemma frobenius_entrywise "but it is in the Frobenius norm":
              ||g(A) - g(C)||_F <= L * ||A - C||_F
            proof
              ||g(A) - g(C)||_F
                <= L * ||A - C||_F   by lipschitz g
            qed

            lemma split "the triangle inequality as the author groups it":
              ||U * u - U' * v|| <= ||U * (u - v)|| + ||(U - U') * v||
            proof
              ||U * u - U' * v||
                <= ||U * (u - v)|| + ||(U - U') * v||   by triangle
            qed

            lemma unrolled "Lemma 6 by unrolling one-step bounds":
              forall t >= 0: ||h[t]|| <= rho_h * B_W * B_x * S(beta, t)
            proof
              ||h[t]||
                <= rho_h * B_W * B_x * S(beta, t)   by unroll, one_step
            qed
            """;

    private static List<ItemResult> items;

    @BeforeAll
    static void check() {
        // one_step must come before `unrolled`: insert it after `split`
        String text = THEORY.replace("lemma unrolled", """
                lemma one_step "one step of the recurrence":
                  forall t >= 1: ||h[t]|| <= rho_h * B_W * B_x + rho_h * B_U * ||h[t-1]||
                proof
                  ||h[t]||
                    = ||sigma_h(U * h[t-1] + W * x[t])||        by def h
                    <= rho_h * ||U * h[t-1] + W * x[t]||        by lipschitz sigma_h
                    <= rho_h * (||U * h[t-1]|| + ||W * x[t]||)  by triangle
                    <= rho_h * (B_U * ||h[t-1]|| + B_W * B_x)   by submult, A1, A2
                    = rho_h * B_W * B_x + rho_h * B_U * ||h[t-1]||   by algebra
                qed

                lemma unrolled""");
        items = TestSupport.checkText(text, 200);
    }

    private static Verdict verdict(String name) { return TestSupport.item(items, name).verdict(); }

    private static StepResult firstStep(String name) { return TestSupport.item(items, name).steps().get(0); }

    @Test
    void lemma6ProvedStepByStep() {
        assertEquals(Verdict.PROVED, verdict("hidden"), () -> TestSupport.item(items, "hidden").steps().toString());
    }

    @Test
    void lemmaCarriesOverToACopyOfTheNetwork() {
        assertEquals(Verdict.PROVED, verdict("hidden_copy"));
        assertTrue(firstStep("hidden_copy").sideConditions().stream().anyMatch(s -> s.contains("for h'")), firstStep("hidden_copy").sideConditions().toString());
    }

    @Test
    void lemmaDoesNotCarryOverWithoutTheAssumptions() {
        assertNotEquals(Verdict.PROVED, firstStep("hidden_k").verdict());
    }

    @Test
    void definitionOfASequenceNeedsItsIndexRange() {
        assertNotEquals(Verdict.PROVED, firstStep("def_at_zero").verdict());
    }

    @Test
    void aRuleThatDoesNotApplyProvesNothing() {
        assertEquals(Verdict.TESTED, firstStep("frob_by_triangle").verdict());
        assertEquals(Verdict.PROVED, firstStep("frob_by_submult").verdict());
    }

    @Test
    void undeclaredPropertiesAreNotUsed() {
        assertNotEquals(Verdict.PROVED, firstStep("no_zero_at_zero").verdict());
        assertNotEquals(Verdict.PROVED, firstStep("spectral_entrywise").verdict());
        assertEquals(Verdict.PROVED, firstStep("frobenius_entrywise").verdict());
    }

    @Test
    void triangleFollowsTheAuthorsGrouping() {
        assertEquals(Verdict.PROVED, firstStep("split").verdict(), () -> firstStep("split").note());
    }

    @Test
    void unrollTurnsAOneStepBoundIntoTheGeometricSum() {
        assertEquals(Verdict.PROVED, verdict("one_step"), () -> TestSupport.item(items, "one_step").steps().toString());
        assertEquals(Verdict.PROVED, firstStep("unrolled").verdict(), () -> firstStep("unrolled").note());
    }
}
