package boundcheck.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Exprs;
import boundcheck.lang.Loader;
import boundcheck.lang.Theory;
import boundcheck.numeric.DoubleArith;
import boundcheck.numeric.Evaluator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The printed LaTeX means what the tree means: Symja's own TeX reader (independent of our printer)
 * parses the formula, the names are replaced by values, and the number must equal our evaluator's on
 * the tree. {@code \log} is read as the natural logarithm, the convention the printed documents state.
 */
class LatexRoundTripProperties {
    private static final List<String> NAMES = List.of("x", "rho_h", "B_U", "beta", "alpha3", "B_UF", "gamma", "h'");
    private static ExprEvaluator symja;

    private static synchronized ExprEvaluator symja() {
        if (symja == null) {
            // the product's Symja settings (case-sensitive names) first, whichever test class loads Symja first;
            // then a strict (Mathematica-syntax) engine, the same in every order the test classes run
            try {
                Class.forName("boundcheck.cas.Cas");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            symja = new ExprEvaluator(new org.matheclipse.core.eval.EvalEngine(false), true, (short) 0);
        }
        return symja;
    }

    @AfterContainer
    static void release() { symja = null; }

    private final LatexPrinter printer = new LatexPrinter(new LatexNames(Map.of()));

    @Property(tries = 300)
    void printedFormulaEvaluatesLikeTheTree(@ForAll("expressions") Expr e, @ForAll("seeds") long seed) {
        Map<String, Double> env = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (String n : NAMES) env.put(n, 0.25 + random.nextInt(12) / 4.0);
        agree(e, env, printer);
    }

    /** Every scalar definition of the paper's files, with the lets unfolded, at values from each domain. */
    @Example
    void theoremDefinitionsEvaluateLikeTheTree() {
        Diagnostics d = new Diagnostics();
        List<Theory> theories = Loader.load(List.of(Path.of("theorems")), d);
        assertTrue(!d.hasErrors(), d.errors().toString());
        int checked = 0;
        Random random = new Random(7);
        for (Theory t : theories) {
            for (LetDecl l : t.lets.values()) {
                Expr body = Exprs.inline(l.body(), t, null);
                if (Exprs.isNonScalar(body, t) || Exprs.contains(body, x -> x instanceof Limit)) continue;
                Map<String, Double> env = new LinkedHashMap<>();
                for (String n : Exprs.freeNames(body)) {
                    Domain dom = t.vars.get(n);
                    boolean integer = dom != null && dom.kind().isInteger();
                    // integers small (sums run over them); reals in (0.3, 0.9) so that log and sqrt stay real
                    env.put(n, integer ? 2.0 + random.nextInt(4) : 0.3 + random.nextInt(7) / 10.0);
                }
                LatexPrinter p = new LatexPrinter(new LatexNames(readableNames(t, env.keySet())));
                if (agree(body, env, p)) checked++;
            }
        }
        assertTrue(checked >= 40, "only " + checked + " definitions could be evaluated");
    }

    /**
     * Names are atoms: their printing has its own test ({@code LatexNamesTest}). TeX readers split an upright
     * word ({@code \mathrm{eps}}) into letters, so here such names print as indexed letters Symja reads whole.
     */
    private static Map<String, String> readableNames(Theory t, Set<String> names) {
        Map<String, String> out = new LinkedHashMap<>(t.notations);
        LatexNames plain = new LatexNames(t.notations);
        int k = 0;
        for (String n : names) if (plain.symbol(n).contains("\\mathrm") || Set.of("e", "i", "E", "I", "N", "D", "\\pi").contains(plain.symbol(n))) out.put(n, "Z_{" + (k++) + "}");
        return out;
    }

    /** Returns false when the tree has no finite real value at this point (then there is nothing to compare). */
    private static boolean agree(Expr e, Map<String, Double> env, LatexPrinter p) {
        double expected;
        try {
            expected = new Evaluator<>(DoubleArith.INSTANCE, Set.of()).eval(e, env);
        } catch (RuntimeException notFinite) {
            return false;
        }
        if (!Double.isFinite(expected) || Math.abs(expected) > 1e12) return false;
        String tex = p.print(e);
        StringBuilder rules = new StringBuilder();
        for (Map.Entry<String, Double> v : env.entrySet()) {
            if (rules.length() > 0) rules.append(", ");
            rules.append(read(p.symbol(v.getKey()))).append(" -> ").append(new BigDecimal(v.getValue()).toPlainString());
        }
        String program = "N[ReplaceAll[" + read(tex) + ", {" + rules + "}], 30]";
        IExpr value = symja().eval(program);
        // 0^0: 1 in our evaluator (the paper's sums start at beta^0), Indeterminate in Symja; nothing to compare
        if (value.toString().equals("Indeterminate")) return false;
        assertTrue(value.isReal(), tex + " read back as " + value + " (expected " + expected + ")");
        double got = value.evalf();
        assertEquals(expected, got, 1e-9 * Math.max(1, Math.abs(expected)), tex + " read back as " + symja().eval(read(tex)));
        return true;
    }

    private static String read(String tex) {
        String natural = tex.replace("\\log", "\\ln");
        return "ToExpression[\"" + natural.replace("\\", "\\\\") + "\", TeXForm]";
    }

    @Provide
    Arbitrary<Long> seeds() { return Arbitraries.longs(); }

    @Provide
    Arbitrary<Expr> expressions() { return expr(3); }

    private Arbitrary<Expr> expr(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(
                Arbitraries.of(NAMES).map(Exprs::name),
                Arbitraries.integers().between(0, 12).map(i -> (Expr) Exprs.num(i)),
                Arbitraries.of("0.5", "2.6801", "1e-3", "2.5e-3").map(s -> (Expr) Exprs.num(new BigDecimal(s))));
        if (depth == 0) return leaf;
        Arbitrary<Expr> sub = expr(depth - 1);
        Arbitrary<Expr> smallExponent = Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 3).map(i -> (Expr) (i < 0 ? new Neg(Exprs.num(-i), Pos.NONE) : Exprs.num(i))),
                Arbitraries.of("x", "beta", "0.5").map(s -> Character.isDigit(s.charAt(0)) ? (Expr) Exprs.num(new BigDecimal(s)) : Exprs.name(s)));
        return Arbitraries.lazyOf(
                () -> leaf,
                () -> Arbitraries.of(BinOp.ADD, BinOp.SUB, BinOp.MUL, BinOp.DIV)
                        .flatMap(op -> sub.flatMap(l -> sub.map(r -> (Expr) Exprs.bin(op, l, r)))),
                () -> sub.flatMap(b -> smallExponent.map(x -> (Expr) Exprs.bin(BinOp.POW, new Abs(b, Pos.NONE), x))),
                () -> Arbitraries.of(NAMES).flatMap(n -> smallExponent.map(x -> (Expr) Exprs.bin(BinOp.POW, Exprs.name(n), x))),
                () -> sub.map(x -> (Expr) new Neg(x, Pos.NONE)),
                () -> Arbitraries.of("sqrt", "log").flatMap(f -> sub.map(x -> (Expr) new Call(f,
                        List.of(Exprs.bin(BinOp.ADD, Exprs.num(1), new Abs(x, Pos.NONE))), Pos.NONE))),
                () -> sub.map(x -> (Expr) new Call("exp", List.of(new Call("min", List.of(x, Exprs.num(3)), Pos.NONE)), Pos.NONE)),
                () -> Arbitraries.of("min", "max").flatMap(f -> sub.flatMap(a -> sub.map(b -> (Expr) new Call(f, List.of(a, b), Pos.NONE)))),
                () -> sub.map(x -> (Expr) new Abs(x, Pos.NONE)),
                () -> Arbitraries.of(AggKind.SUM, AggKind.PROD).flatMap(k -> Arbitraries.integers().between(0, 3).flatMap(hi ->
                        sub.map(body -> (Expr) new Aggregate(k, "j", Exprs.num(1), Exprs.num(hi), null,
                                Exprs.bin(BinOp.MUL, Exprs.name("j"), body), Pos.NONE)))));
    }
}
