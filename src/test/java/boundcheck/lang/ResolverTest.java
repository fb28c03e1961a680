package boundcheck.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.TestSupport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private static final String DECLS = """
            theory t
            var x, y : pos
            var n : nat
            vec v : R^n
            mat A : R^(n, n)
            let S(q, m) = (q^m - 1) / (q - 1)
            """;

    private static List<String> messages(String body) {
        return TestSupport.errorsOf(DECLS + body).errors().stream()
                .map(d -> d.line() + ":" + d.col() + ": " + d.message()).collect(Collectors.toList());
    }

    @Test
    void cleanTheoryHasNoErrors() {
        assertEquals(List.of(), messages("claim c: x <= x + y\n"));
    }

    @Test
    void aLetMayGoThroughASequenceThatUsesIt() {
        // once a stack overflow: the let's type needs the sequence's, whose equation calls the let
        var d = TestSupport.errorsOf("""
                var d_x, d_h : dim
                vec x[s] : R^d_x
                mat U : R^(d_h, d_h)
                mat W : R^(d_h, d_x)
                fun f : lipschitz 1, zero_at_zero   sample tanh
                let pre(s) = U * h[s-1] + W * x[s]
                seq h[0] = 0
                seq h[s] = f(pre(s))
                """);
        assertEquals(List.of(), d.errors());
    }

    @Test
    void latexNotationsNeedADeclaredNameBalancedBracesAndOnlyOneEach() {
        assertEquals(List.of(), messages("latex S \"\\\\mathcal{S}\"\nlatex x \"\\\\{x\\\\}\"\n"));
        assertEquals(List.of("7:7: latex notation for 'zz', which is not a declared symbol"), messages("latex zz \"z\"\n"));
        assertEquals(List.of("7:7: latex notation for 'x' has unbalanced braces: \\frac{"), messages("latex x \"\\\\frac{\"\n"));
        assertEquals(List.of("8:7: 'x' already has a latex notation"), messages("latex x \"\\\\xi\"\nlatex x \"\\\\eta\"\n"));
    }

    @Test
    void undeclaredNameWithPosition() {
        List<String> m = messages("claim c: x <= z\n");
        assertEquals(List.of("7:15: undeclared name 'z'"), m);
    }

    @Test
    void wrongArity() {
        assertTrue(messages("claim c: S(x) <= 1\n").get(0).contains("'S' takes 2 arguments, found 1"));
    }

    @Test
    void vectorScalarMixUps() {
        assertTrue(messages("claim c: v <= x\n").get(0).contains("compares scalars"));
        assertTrue(messages("claim c: ||v + x * A|| <= x\n").get(0).contains("cannot add a vector and a matrix"));
        assertTrue(messages("claim c: |v| <= x\n").get(0).contains("absolute value of a scalar"));
        assertTrue(messages("claim c: ||x|| <= y\n").get(0).contains("norm of a scalar"));
    }

    @Test
    void mixedChainsAndUnknownRules() {
        List<String> m = messages("""
                lemma l: x <= y
                proof
                  x
                    <= y   by mono
                    >= x   by wizardry
                qed
                """);
        assertTrue(m.stream().anyMatch(s -> s.contains("mixes '<=' and '>='")), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.contains("unknown rule 'wizardry'")), m.toString());
    }

    @Test
    void reportsSeveralErrorsNotJustTheFirst() {
        List<String> m = messages("claim a: x <= z\nclaim b: y <= w\n");
        assertEquals(2, m.size(), m.toString());
    }

    @Test
    void syntaxErrorHasPosition() {
        List<String> m = messages("claim c: x <= (y\n");
        assertEquals(1, m.size());
        assertTrue(m.get(0).startsWith("8:1:"), m.toString());
    }

    @Test
    void ihOnlyInInductionStep() {
        List<String> m = messages("""
                lemma l: x <= x
                proof
                  x
                    = x   by IH
                qed
                """);
        assertTrue(m.get(0).contains("'IH' is only available"), m.toString());
    }
}
