package boundcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @TempDir Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void exitZeroWhenAllAsExpected() throws Exception {
        Path f = write("ok.bnd", "var x, y : pos\nclaim c: x * y <= (x + y)^2 / 4\nclaim w: x * y <= (x + y)^2 / 5 expect refuted\n");
        Outcome o = run("check", "--samples", "300", f.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("seed 0"), o.out());
        assertTrue(o.out().contains("counterexample: x = 1, y = 1"), o.out());
    }

    @Test
    void exitOneOnUnexpectedRefutationAndOnUnrefutedMark() throws Exception {
        Path f = write("bad.bnd", "var x, y : pos\nclaim w: x * y <= (x + y)^2 / 5\n");
        assertEquals(1, run("check", "--samples", "300", f.toString()).code());
        Path g = write("mark.bnd", "var x, y : pos\nclaim c: x * y <= (x + y)^2 / 4 expect refuted\n");
        assertEquals(1, run("check", "--samples", "300", g.toString()).code());
    }

    @Test
    void exitTwoWithPositionsAndNothingOnStdout() throws Exception {
        Path f = write("err.bnd", "var x : pos\nclaim a: x <= z\nclaim b: x <= q\n");
        Outcome o = run("check", f.toString());
        assertEquals(2, o.code());
        assertEquals("", o.out());
        String[] lines = o.err().strip().split("\n");
        assertEquals(2, lines.length, o.err());
        assertEquals(f + ":2:15: error: undeclared name 'z'", lines[0]);
        assertTrue(!o.err().contains("Exception") && !o.err().contains("\tat "), o.err());
    }

    @Test
    void missingFileIsExitTwo() {
        Outcome o = run("check", dir.resolve("nope.bnd").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("nope.bnd:1:1: error: no such file or folder"), o.err());
    }

    @Test
    void badOptionIsExitTwo() {
        assertEquals(2, run("check", "--format", "xml", "x.bnd").code());
        assertEquals(2, run("check", "--samples", "many", "x.bnd").code());
    }

    @Test
    void jsonShapeFollowsLanguageSection7() throws Exception {
        Path f = write("j.bnd", """
                var x : pos
                var n : nat
                claim w "wrong": x^2 <= x expect refuted
                lemma l "label":
                  where x >= 1
                  x <= x^2
                proof
                  x
                    <= x * x  by mono
                    = x^2     by algebra
                qed
                """);
        Outcome o = run("check", "--format", "json", "--samples", "300", "--seed", "7", f.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals("boundcheck", root.get("tool").asText());
        assertEquals(7, root.get("seed").asInt());
        assertTrue(root.has("version"));
        JsonNode w = root.get("items").get(0);
        for (String field : new String[] {"file", "line", "kind", "name", "label", "verdict", "expected", "uses", "steps"}) {
            assertTrue(w.has(field), "item lacks " + field);
        }
        assertEquals("claim", w.get("kind").asText());
        assertEquals("refuted", w.get("verdict").asText());
        assertEquals("refuted", w.get("expected").asText());
        JsonNode step = w.get("steps").get(0);
        for (String field : new String[] {"line", "relation", "rules", "verdict", "samples", "min_margin", "counterexample"}) {
            assertTrue(step.has(field), "step lacks " + field);
        }
        JsonNode cex = step.get("counterexample");
        assertTrue(cex.get("values").has("x"));
        assertTrue(cex.get("lhs").asDouble() > cex.get("rhs").asDouble());
        JsonNode lemma = root.get("items").get(1);
        JsonNode steps = lemma.get("steps");
        assertEquals("conclusion", steps.get(steps.size() - 1).get("relation").asText());
        for (String field : new String[] {"proved", "tested", "refuted", "cited", "unsupported", "unexpected"}) {
            assertTrue(root.get("summary").has(field), "summary lacks " + field);
        }
    }

    @Test
    void vectorCounterexamplesListEveryVectorAndMatrix() throws Exception {
        Path f = write("v.bnd", """
                var n, m : dim
                vec v : R^n
                mat A : R^(m, n)
                claim wrong "Frobenius below spectral": ||A||_F <= ||A|| expect refuted
                claim dir "wrong direction": ||v||_2 <= ||v||_inf expect refuted
                """);
        Outcome o = run("check", "--format", "json", "--samples", "300", f.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode items = new ObjectMapper().readTree(o.out()).get("items");
        JsonNode a = items.get(0).get("steps").get(0).get("counterexample").get("values").get("A");
        assertTrue(a.isArray() && a.get(0).isArray(), "a matrix is a list of rows: " + a);
        JsonNode v = items.get(1).get("steps").get(0).get("counterexample").get("values").get("v");
        assertTrue(v.isArray() && v.get(0).isNumber(), "a vector is a list of numbers: " + v);
        // re-evaluate the printed vector: the counterexample is what was checked
        double two = 0, inf = 0;
        for (JsonNode x : v) { two += x.asDouble() * x.asDouble(); inf = Math.max(inf, Math.abs(x.asDouble())); }
        assertTrue(Math.sqrt(two) > inf, "printed values do not violate the claim: " + v);
        Outcome text = run("check", "--samples", "300", "--no-color", f.toString());
        assertTrue(text.out().contains("A = [["), text.out());
    }

    @Test
    void sameSeedSameReport() throws Exception {
        Path f = write("s.bnd", "var x, y : pos\nclaim w: x * y <= (x + y)^2 / 5 expect refuted\n");
        Outcome a = run("check", "--format", "json", "--samples", "200", "--seed", "3", f.toString());
        Outcome b = run("check", "--format", "json", "--samples", "200", "--seed", "3", f.toString());
        assertEquals(a.out().replaceAll("\"(millis|cas_millis|cas_calls)\" : \\d+", ""), b.out().replaceAll("\"(millis|cas_millis|cas_calls)\" : \\d+", ""));
    }

    @Test
    void latexWritesOneDocumentPerFileWithVerdictMarks() throws Exception {
        Path f = write("ok.bnd", "var x, y : pos\nclaim c \"AM-GM\": x * y <= (x + y)^2 / 4\nclaim w: x * y <= (x + y)^2 / 5 expect refuted\n");
        Path out = dir.resolve("tex");
        Outcome o = run("latex", "--standalone", "--samples", "200", "-o", out.toString(), f.toString());
        assertEquals(0, o.code(), o.err());
        String tex = Files.readString(out.resolve("ok.tex"));
        assertTrue(tex.startsWith("\\documentclass"), tex);
        assertTrue(tex.contains("x y \\le \\frac{\\left(x + y\\right)^{2}}{4}"), tex);
        assertTrue(tex.contains("\\bcverdict{refuted (expected)}"), tex);
        assertTrue(tex.contains("Counterexample"), tex);
    }

    @Test
    void latexWithoutVerdictsToStdoutAndErrorsWriteNothing() throws Exception {
        Path f = write("ok.bnd", "var x : pos\nlatex x \"\\xi\"\nclaim c: x <= x + 1\n");
        Outcome o = run("latex", "--no-verdicts", f.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("\\xi \\le \\xi + 1"), o.out());
        assertTrue(!o.out().contains("\\bcverdict{"), o.out());
        Path bad = write("bad.bnd", "var x : pos\nlatex y \"\\eta\"\n");
        Path out = dir.resolve("none");
        Outcome e = run("latex", "--no-verdicts", "-o", out.toString(), f.toString(), bad.toString());
        assertEquals(2, e.code());
        assertEquals(bad + ":2:7: error: latex notation for 'y', which is not a declared symbol", e.err().strip());
        assertTrue(!Files.exists(out), "no output on bad input");
    }

    @Test
    void subcommandsHaveHelp() {
        Outcome o = run("check", "--help");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("--samples"), o.out());
        assertEquals(0, run("latex", "--help").code());
    }

    private static final String BOUNDS = "var B_U, B_W : pos\nvar t : posint\nvar m : posint\nvar d_h, d_x : dim\nmat U : R^(d_h, d_h)\n"
            + "let S(q, n) = (q^n - 1)/(q - 1)\nlet b(t) = B_W * S(B_U, t)\nlet gap(t) = b(t) / sqrt(m)\n";

    @Test
    void evalRefusesANumberWhileAConstantIsUndefined() throws Exception {
        Path f = write("b.bnd", BOUNDS);
        Outcome o = run("eval", f.toString(), "--set", "B_U=2", "--set", "t=3", "b");
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("(no value)") && o.out().contains("UNDEFINED: no value for B_W"), o.out());
        Outcome j = run("eval", f.toString(), "--set", "B_U=2", "--set", "t=3", "--format", "json", "b");
        JsonNode r = new ObjectMapper().readTree(j.out()).get("results").get(0);
        assertTrue(r.get("value").isNull(), j.out());
        assertEquals("B_W", r.get("undefined").get(0).asText());
    }

    @Test
    void evalAtConstantsFlagsVacuousBoundsAndTakesTheLimitAtOne() throws Exception {
        Path f = write("b.bnd", BOUNDS);
        Outcome o = run("eval", f.toString(), "--set", "B_U=2", "--set", "B_W=0.5", "--set", "t=3", "--set", "m=4",
                "--format", "json", "b", "--bound", "gap");
        assertEquals(0, o.code(), o.err());
        JsonNode results = new ObjectMapper().readTree(o.out()).get("results");
        assertEquals(3.5, results.get(0).get("value").asDouble(), 1e-12);      // 0.5 * (8 - 1)/(2 - 1)
        assertEquals(1.75, results.get(1).get("value").asDouble(), 1e-12);
        assertTrue(results.get(1).get("vacuous").asBoolean());
        // S(1, t) = t by its limit; a later --set replaces an earlier one
        Outcome one = run("eval", f.toString(), "--set", "B_U=2", "--set", "B_U=1", "--set", "B_W=1", "--set", "t=3", "b");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().matches("(?s).*b\\(t\\)\\s+3\\s.*"), one.out());
        assertTrue(one.out().contains("replaces --set 2"), one.out());
    }

    @Test
    void evalSaysWhichAssumptionsTheConstantsBreak() throws Exception {
        Path f = write("a.bnd", BOUNDS + "assume A1 \"small recurrent weights\": B_U < 1\nassume A2: B_W <= 10\n");
        Outcome o = run("eval", f.toString(), "--set", "B_U=2", "--set", "B_W=1", "--set", "t=2", "b");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("FAILS A1: B_U < 1"), o.out());
        assertTrue(!o.out().contains("FAILS A2"), o.out());
    }

    @Test
    void evalSweepsAndMatricesFromCsv() throws Exception {
        Path f = write("b.bnd", BOUNDS);
        Path u = write("U.csv", "3,0\n0,-4\n");
        Outcome o = run("eval", f.toString(), "--weights", u.toString(), "--set", "B_U=||U||_2 / 8", "--set", "B_W=1",
                "--sweep", "t=1..3", "--format", "json", "b");
        assertEquals(0, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals("2", root.get("constants").get(0).get("value").asText()); // d_h from the shape of U
        JsonNode ys = root.get("sweep").get("series").get(0).get("values");
        assertEquals(1.0, ys.get(0).asDouble(), 1e-12);   // S(0.5, 1)
        assertEquals(1.5, ys.get(1).asDouble(), 1e-12);
        assertEquals(1.75, ys.get(2).asDouble(), 1e-12);
    }

    @Test
    void evalBadInputIsExitTwoWithTheReasonAndNoChart() throws Exception {
        Path f = write("b.bnd", BOUNDS);
        Path png = dir.resolve("chart.png");
        Outcome typo = run("eval", f.toString(), "--set", "B_X=2", "--plot", png.toString(), "b");
        assertEquals(2, typo.code());
        assertTrue(typo.err().startsWith("boundcheck: --set B_X=2: 'B_X' is not a constant of"), typo.err());
        Outcome domain = run("eval", f.toString(), "--set", "B_U=-1", "b");
        assertEquals(2, domain.code());
        assertTrue(domain.err().contains("B_U = -1 (--set -1) is not positive"), domain.err());
        Outcome shape = run("eval", f.toString(), "--weights", write("U.csv", "1,2,3\n4,5,6\n").toString(), "b");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("d_h = 3"), shape.err());
        Outcome target = run("eval", f.toString(), "zz(t)");
        assertEquals(2, target.code());
        assertTrue(target.err().contains("'zz' is not declared"), target.err());
        assertTrue(!Files.exists(png), "no chart on bad input");
        assertTrue(!typo.err().contains("Exception"), typo.err());
    }

    /** A huge B_U^t is a real quotient, not a rounded 0/0; and (B_U - 1)/(B_U - 1) is exactly 1 (review findings). */
    @Test
    void evalKeepsHugeQuotientsAndExactOnes() throws Exception {
        Outcome big = run("eval", "theorems/section6.bnd", "--set", "t=200", "--set", "d=16", "--set", "B_U=2.522832839535987",
                "--set", "B_V=1", "--set", "B_W=1", "--format", "json", "ours");
        assertEquals(0, big.code(), big.out() + big.err());
        double s = (Math.pow(2.522832839535987, 200) - 1) / (2.522832839535987 - 1);
        double expected = 16 * Math.min(4, s) * Math.sqrt(Math.log(s));
        assertEquals(expected, new ObjectMapper().readTree(big.out()).get("results").get(0).get("value").asDouble(), 1e-9 * expected);
        Outcome one = run("eval", "theorems/section6.bnd", "--set", "t=1", "--set", "B_U=2.522832839535987", "--format", "json",
                "log(S(B_U, t))");
        assertEquals(0, one.code(), one.out() + one.err());
        assertEquals("0", new ObjectMapper().readTree(one.out()).get("results").get(0).get("value").asText());
    }
}
