package boundcheck.eval;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Diagnostics;
import boundcheck.lang.Exprs;
import boundcheck.lang.MatrixBuiltins;
import boundcheck.lang.Parsing;
import boundcheck.lang.Printer;
import boundcheck.lang.Theory;
import boundcheck.numeric.Evaluator;
import boundcheck.numeric.HighPrecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apfloat.Apfloat;
import org.hipparchus.linear.Array2DRowRealMatrix;

/**
 * Binds a theory's constants (from weight arrays, their shapes and {@code --set}) and evaluates
 * targets: any expression of the theory, typically a {@code let} such as {@code ours6(t)}. A target
 * with an undefined constant gets no number, only the list of what is missing.
 */
public final class BoundEvaluation {
    /** Where a constant's value came from, for the report. */
    public record Constant(String name, BigDecimal value, String source) {}

    /** The quantities of one weight matrix (or vector) a bound may need. */
    public record WeightNorms(String name, String shape, double spectral, double frobenius, Double twoOne, Double twoOneTranspose) {}

    /**
     * One evaluated target. {@code value} is null when {@code undefined} is not empty or {@code problem} says
     * why there is no real number; {@code vacuous} is null unless the target is a bound on a probability.
     */
    public record Target(String text, Expr expr, BigDecimal value, List<String> undefined, String problem, boolean bound, Boolean vacuous) {}

    /** An assumption of the theory evaluated at the constants: holds, fails, or could not be evaluated. */
    public record AssumptionCheck(String name, String statement, Boolean holds) {}

    /** User errors: the message says which option or name and why. */
    public static final class BadInput extends Exception {
        public BadInput(String message) { super(message); }
    }

    private final Theory theory;
    private final Map<String, WeightFiles.Array> weights;
    private final Map<String, BigDecimal> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    public BoundEvaluation(Theory theory, Map<String, WeightFiles.Array> weights) throws BadInput {
        this.theory = theory;
        this.weights = weights;
        bindWeights();
    }

    public Theory theory() { return theory; }

    // ---- binding ------------------------------------------------------------------------------

    /** Scalar arrays named like constants, and dimensions from the shapes of declared matrices and vectors. */
    private void bindWeights() throws BadInput {
        for (WeightFiles.Array a : weights.values()) {
            if (a.isScalar() && theory.vars.containsKey(a.name())) {
                bind(a.name(), fromDouble(a.data()[0]), "array in " + a.source().getFileName());
            }
        }
        for (WeightFiles.Array a : weights.values()) {
            if (a.isScalar()) continue;
            MatDecl m = theory.mats.get(a.name());
            VecDecl v = theory.vecs.get(a.name());
            if (m != null && m.indexVar() == null) {
                if (!a.isMatrix()) throw new BadInput(a.source() + ": '" + a.name() + "' is declared a matrix but the array is " + a.shapeText());
                dimension(m.rows(), a.shape()[0], a);
                dimension(m.cols(), a.shape()[1], a);
            } else if (v != null && v.indexVar() == null) {
                if (a.shape().length != 1) throw new BadInput(a.source() + ": '" + a.name() + "' is declared a vector but the array is " + a.shapeText());
                dimension(v.dim(), a.shape()[0], a);
            }
        }
    }

    private void dimension(Expr declared, int actual, WeightFiles.Array a) throws BadInput {
        if (declared instanceof Name n && theory.vars.containsKey(n.id())) {
            BigDecimal before = values.get(n.id());
            if (before != null && before.compareTo(BigDecimal.valueOf(actual)) != 0) {
                throw new BadInput(a.source() + ": the shape " + a.shapeText() + " of '" + a.name() + "' gives " + n.id() + " = " + actual
                        + ", but " + sources.get(n.id()) + " gave " + before.toPlainString());
            }
            bind(n.id(), BigDecimal.valueOf(actual), "shape of " + a.name());
        } else if (declared instanceof Num num && num.value().compareTo(BigDecimal.valueOf(actual)) != 0) {
            throw new BadInput(a.source() + ": '" + a.name() + "' is declared with dimension " + Printer.print(declared) + " but the array is " + a.shapeText());
        }
    }

    private void bind(String name, BigDecimal value, String source) throws BadInput {
        Domain d = theory.vars.get(name);
        if (d != null) {
            String why = outside(d, value);
            if (why != null) throw new BadInput(name + " = " + value.toPlainString() + " (" + source + ") " + why);
        }
        values.put(name, value);
        sources.put(name, source);
    }

    private static String outside(Domain d, BigDecimal v) {
        if (d.kind().isInteger() && v.stripTrailingZeros().scale() > 0) return "is not an integer";
        return switch (d.kind()) {
            case POS, POSINT, DIM -> v.signum() > 0 ? null : "is not positive";
            case NAT, NONNEG -> v.signum() >= 0 ? null : "is negative";
            default -> null;
        };
    }

    /**
     * {@code NAME=EXPR}: NAME must be a constant of the theory; EXPR is a number, or any expression of the
     * language over constants set before it and the weight arrays ({@code ||U||_2}, {@code rho_h * B_U}).
     * A later setting of the same name replaces the earlier one.
     */
    public void set(String assignment) throws BadInput {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new BadInput("--set " + assignment + ": expected NAME=VALUE, e.g. --set B_U=2.6801");
        String name = assignment.substring(0, eq).strip(), text = assignment.substring(eq + 1).strip();
        if (!theory.vars.containsKey(name)) {
            throw new BadInput("--set " + assignment + ": '" + name + "' is not a constant of " + theory.file.path()
                    + (theory.lets.containsKey(name) ? " (it is a definition)" : "") + "; constants: " + String.join(", ", theory.vars.keySet()));
        }
        Diagnostics d = new Diagnostics();
        Expr e = Parsing.parseExpr(text, d);
        if (e == null || text.isEmpty()) throw new BadInput("--set " + assignment + ": '" + text + "' is not an expression of the language (e.g. 2.5, ||U||_2, rho_h*B_U)");
        BigDecimal value;
        String source = "--set " + text;
        if (e instanceof Num n) value = n.value();
        else if (e instanceof Neg n && n.operand() instanceof Num num) value = num.value().negate();
        else if (usesWeights(e)) {
            try {
                double v = new MatrixValues(weights, k -> values.containsKey(k) ? values.get(k).doubleValue() : null).scalar(e);
                if (!Double.isFinite(v)) throw new BadInput("--set " + assignment + ": the value is not a finite number");
                value = fromDouble(v);
            } catch (MatrixValues.Unsupported ex) {
                throw new BadInput("--set " + assignment + ": " + ex.getMessage());
            }
        } else {
            Set<String> missing = undefinedIn(e);
            if (!missing.isEmpty()) throw new BadInput("--set " + assignment + ": no value yet for " + String.join(", ", missing));
            try {
                value = decimal(evaluator().eval(e, env()));
            } catch (Evaluator.Unusable | Evaluator.Unsupported ex) {
                throw new BadInput("--set " + assignment + ": no real value (" + ex.getMessage() + ")");
            }
        }
        if (values.containsKey(name)) source += " (replaces " + sources.get(name) + ")";
        bind(name, value, source);
    }

    private boolean usesWeights(Expr e) {
        return Exprs.contains(e, x -> x instanceof Name n && weights.containsKey(n.id()) && !weights.get(n.id()).isScalar()
                || x instanceof Norm || x instanceof Call c && c.fn().equals("transpose"));
    }

    // ---- evaluation ---------------------------------------------------------------------------

    private Evaluator<Apfloat> evaluator() {
        Set<String> continuous = new LinkedHashSet<>();
        theory.vars.forEach((k, dom) -> { if (!dom.kind().isInteger()) continuous.add(k); });
        return new Evaluator<>(HighPrecision.EVAL, continuous, theory.lets).exactZeroOnly();
    }

    /**
     * Constants as exact rationals: S(B_U, 1) = (B_U - 1)/(B_U - 1) is exactly 1 (in 60-digit floats its log came
     * out -1e-68 and a sqrt failed). The arithmetic rounds to 60 digits once a fraction grows past 400 digits.
     */
    private Map<String, Apfloat> env() {
        Map<String, Apfloat> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(k, HighPrecision.EVAL.of(v)));
        return env;
    }

    /** The theory's constants and objects the expression needs that have no value. */
    private Set<String> undefinedIn(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : Exprs.freeNames(Exprs.inline(e, theory, null))) {
            if (values.containsKey(n) || theory.lets.containsKey(n) || theory.funs.containsKey(n) || MatrixBuiltins.ARITY.containsKey(n)) continue;
            if (theory.vars.containsKey(n) || theory.isObject(n)) out.add(n);
            else if (!Set.of("sqrt", "log", "exp", "abs", "min", "max").contains(n)) out.add(n);
        }
        return out;
    }

    /** Parses a target: an expression, or the bare name of a definition (its parameters become its arguments). */
    public Expr target(String text) throws BadInput {
        String name = text.strip();
        LetDecl let = theory.lets.get(name);
        if (let != null) return application(let);
        Diagnostics d = new Diagnostics();
        Expr e = Parsing.parseExpr(text, d);
        if (e == null) throw new BadInput("target '" + text + "' is not an expression of the language (a definition's name, or e.g. ours(56) / 2)");
        for (String n : Exprs.freeNames(e)) {
            boolean known = theory.vars.containsKey(n) || theory.lets.containsKey(n) || theory.isObject(n) || theory.funs.containsKey(n)
                    || Set.of("sqrt", "log", "exp", "abs", "min", "max").contains(n) || MatrixBuiltins.ARITY.containsKey(n);
            if (!known) throw new BadInput("target '" + text + "': '" + n + "' is not declared in " + theory.file.path());
        }
        return e;
    }

    private static Expr application(LetDecl let) {
        if (let.params().isEmpty()) return Exprs.name(let.name());
        return new Call(let.name(), let.params().stream().map(p -> (Expr) Exprs.name(p)).toList(), Pos.NONE);
    }

    /** Every scalar definition of the theory whose parameters are constants, applied to them. */
    public List<Expr> allDefinitions() {
        List<Expr> out = new ArrayList<>();
        for (LetDecl l : theory.lets.values()) {
            // a helper with formal parameters (S(q, n)) has no value of its own; ours(t) with t a constant has
            if (!l.params().stream().allMatch(theory.vars::containsKey)) continue;
            if (!Exprs.isNonScalar(Exprs.inline(l.body(), theory, null), theory)) out.add(application(l));
        }
        return out;
    }

    public Target evaluate(Expr target, boolean bound, BigDecimal vacuousAbove) {
        return evaluate(target, bound, vacuousAbove, Map.of());
    }

    /** {@code overrides}: values that replace the bound constants for this evaluation only (a sweep). */
    public Target evaluate(Expr target, boolean bound, BigDecimal vacuousAbove, Map<String, BigDecimal> overrides) {
        String text = Printer.print(target);
        Map<String, BigDecimal> saved = new LinkedHashMap<>(values);
        values.putAll(overrides);
        try {
            Set<String> missing = undefinedIn(target);
            if (!missing.isEmpty()) return new Target(text, target, null, List.copyOf(missing), null, bound, null);
            if (Exprs.isNonScalar(Exprs.inline(target, theory, null), theory)) {
                return new Target(text, target, null, List.of(), "needs vectors or matrices; eval computes numbers from constants", bound, null);
            }
            BigDecimal v;
            try {
                v = decimal(evaluator().eval(target, env()));
            } catch (Evaluator.Unusable | Evaluator.Unsupported | ArithmeticException e) {
                return new Target(text, target, null, List.of(), "no real value at these constants (" + e.getMessage() + ")", bound, null);
            }
            Boolean vacuous = bound ? v.compareTo(vacuousAbove) >= 0 : null;
            return new Target(text, target, v, List.of(), null, bound, vacuous);
        } finally {
            values.clear();
            values.putAll(saved);
        }
    }

    /** The shortest decimal that reads back as this double; integers without a trailing ".0". */
    private static BigDecimal fromDouble(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static BigDecimal decimal(Apfloat a) {
        // approx: a limit taken at a removable singularity can come back as an exact rational
        return new BigDecimal(HighPrecision.approx(a).precision(30).toString(true)).round(new MathContext(30));
    }

    public List<Constant> constants() {
        List<Constant> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(new Constant(k, v, sources.get(k))));
        return out;
    }

    public boolean isConstant(String name) { return theory.vars.containsKey(name); }

    /** Why {@code value} is outside the domain of constant {@code name}, or null. */
    public String outsideDomain(String name, BigDecimal value) { return outside(theory.vars.get(name), value); }

    /** The norms of every weight matrix and vector ({@code ||.||_{2,1}} as in the paper: column norms). */
    public List<WeightNorms> weightNorms() {
        List<WeightNorms> out = new ArrayList<>();
        for (WeightFiles.Array a : weights.values()) {
            if (a.isScalar()) continue;
            if (a.isMatrix()) {
                var m = new Array2DRowRealMatrix(a.matrix(), false);
                out.add(new WeightNorms(a.name(), a.shape()[0] + " x " + a.shape()[1], boundcheck.numeric.Linalg.spectral(a.matrix()),
                        m.getFrobeniusNorm(), MatrixValues.twoOne(m), MatrixValues.twoOne(m.transpose())));
            } else {
                double n = new org.hipparchus.linear.ArrayRealVector(a.data(), false).getNorm();
                out.add(new WeightNorms(a.name(), String.valueOf(a.shape()[0]), n, n, null, null));
            }
        }
        return out;
    }

    /** The theory's scalar assumptions at the bound constants (those whose constants all have values). */
    public List<AssumptionCheck> assumptions() {
        List<AssumptionCheck> out = new ArrayList<>();
        for (Assumption a : theory.assumptions.values()) {
            for (Statement s : a.statements()) {
                Relation r = s.relation();
                if (!s.binders().isEmpty() || Exprs.isNonScalar(r.lhs(), theory) || Exprs.isNonScalar(r.rhs(), theory)) continue;
                if (!undefinedIn(r.lhs()).isEmpty() || !undefinedIn(r.rhs()).isEmpty()) continue;
                Boolean holds;
                try {
                    Apfloat l = evaluator().eval(r.lhs(), env()), rr = evaluator().eval(r.rhs(), env());
                    holds = r.rel() == Rel.APPROX ? null : r.rel().holds(l.compareTo(rr));
                } catch (Evaluator.Unusable | Evaluator.Unsupported e) {
                    holds = null;
                }
                out.add(new AssumptionCheck(a.name(), Printer.print(s), holds));
            }
        }
        return out;
    }
}
