package boundcheck.kernel;

import boundcheck.kernel.Shapes.Kind;
import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The structural rules of the Lipschitz layer as upper bounds: for a term {@code a}, each cited rule
 * proposes terms {@code a'} with {@code a <= a'} an instance of a textbook inequality (triangle
 * inequality, submultiplicativity, Hölder for Hadamard products, Lipschitz continuity of a declared
 * activation, norm equivalences). The kernel then has to show {@code a' <= b} itself. Each instance
 * below is a theorem for every dimension; none needs a side condition beyond the declarations.
 */
final class Structural {
    /** {@code term <= upper}, because of {@code why}, provided every expression in {@code nonneg} is {@code >= 0}. */
    record Bound(Expr upper, String why, List<Expr> nonneg) {
        Bound(Expr upper, String why) { this(upper, why, List.of()); }
    }

    private final Shapes shapes;
    private final Set<String> rules;
    /** Per rule, the activations it was cited for ({@code lipschitz sigma_h}); none means any activation. */
    private final java.util.Map<String, Set<String>> ruleArgs;

    private VectorAlgebra vectors;

    /** Lets submult see products the author wrote expanded ({@code U h - U' h = (U - U') h}). */
    Structural withAlgebra(VectorAlgebra vectors) {
        this.vectors = vectors;
        return this;
    }

    Structural(Shapes shapes, Set<String> rules, java.util.Map<String, Set<String>> ruleArgs) {
        this.shapes = shapes;
        this.rules = rules;
        this.ruleArgs = ruleArgs;
    }

    static final Set<String> NAMES = Set.of("triangle", "submult", "hadamard", "lipschitz", "zero_at_zero", "bounded", "norm_equiv");

    private static Expr mul(Expr a, Expr b) { return Exprs.bin(BinOp.MUL, a, b); }

    private static Expr norm(Expr arg, NormKind k) { return new Norm(arg, k, Pos.NONE); }

    private static Expr sqrt(Expr e) { return new Call("sqrt", List.of(e), Pos.NONE); }

    boolean cites(String rule) { return rules.contains(rule); }

    private boolean citesFor(String rule, String f) {
        Set<String> args = ruleArgs.getOrDefault(rule, Set.of());
        return rules.contains(rule) && (args.isEmpty() || args.contains(f));
    }

    List<Bound> bounds(Expr a) {
        List<Bound> out = new ArrayList<>();
        a = Exprs.strip(a);
        if (a instanceof Norm n) normBounds(n, out);
        if (a instanceof Abs abs) absBounds(abs, out);
        if (a instanceof Index ix && cites("norm_equiv") && shapes.kind(ix) == Kind.SCALAR && shapes.kind(ix.base()) == Kind.VECTOR) {
            out.add(new Bound(norm(ix.base(), NormKind.INF), "norm_equiv: v[i] <= ||v||_inf"));
        }
        return out;
    }

    private void absBounds(Abs abs, List<Bound> out) {
        Expr arg = Exprs.strip(abs.arg());
        if (cites("triangle")) {
            List<Expr> terms = terms(arg);
            if (terms.size() >= 2) {
                Expr sum = null;
                for (Expr t : terms) sum = sum == null ? new Abs(t, Pos.NONE) : Exprs.bin(BinOp.ADD, sum, new Abs(t, Pos.NONE));
                out.add(new Bound(sum, "triangle: |a + b| <= |a| + |b|"));
            }
        }
        if (arg instanceof Index ix && cites("norm_equiv") && shapes.kind(ix.base()) == Kind.VECTOR) {
            out.add(new Bound(norm(ix.base(), NormKind.INF), "norm_equiv: |v[i]| <= ||v||_inf"));
            out.add(new Bound(norm(ix.base(), NormKind.DEFAULT), "norm_equiv: |v[i]| <= ||v||_2"));
        }
        if (arg instanceof Binary b && b.op() == BinOp.SUB && Exprs.strip(b.left()) instanceof Call f && Exprs.strip(b.right()) instanceof Call g
                && f.fn().equals(g.fn()) && citesFor("lipschitz", f.fn()) && shapes.kind(f.args().get(0)) == Kind.SCALAR) {
            FunProp lip = shapes.property(f.fn(), "lipschitz");
            if (lip != null) {
                out.add(new Bound(mul(lip.arg(), new Abs(Exprs.bin(BinOp.SUB, f.args().get(0), g.args().get(0)), Pos.NONE)),
                        "lipschitz " + f.fn() + ": |f(a) - f(b)| <= L |a - b|", List.of(lip.arg())));
            }
        }
    }

    /** The terms of a sum or difference, signs dropped (they do not matter under a norm). */
    private static List<Expr> terms(Expr e) {
        List<Expr> out = new ArrayList<>();
        collectTerms(Exprs.strip(e), out);
        return out;
    }

    private static void collectTerms(Expr e, List<Expr> out) {
        if (e instanceof Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)) {
            collectTerms(Exprs.strip(b.left()), out);
            collectTerms(Exprs.strip(b.right()), out);
        } else if (e instanceof Neg n) {
            collectTerms(Exprs.strip(n.operand()), out);
        } else {
            out.add(e);
        }
    }

    private void normBounds(Norm n, List<Bound> out) {
        Expr arg = Exprs.strip(n.arg());
        NormKind k = n.kind() == NormKind.TWO ? NormKind.DEFAULT : n.kind();
        Kind kind = shapes.kind(arg);
        if (kind != Kind.VECTOR && kind != Kind.MATRIX) return;
        boolean matrix = kind == Kind.MATRIX;
        // homogeneity (an equality): any structural rule may use it
        if (arg instanceof Binary b && b.op() == BinOp.MUL && shapes.kind(b.left()) == Kind.SCALAR) {
            out.add(new Bound(mul(new Abs(b.left(), Pos.NONE), norm(b.right(), k)), "homogeneity: ||c v|| = |c| ||v||"));
        }
        if (arg instanceof Binary b && b.op() == BinOp.MUL && shapes.kind(b.right()) == Kind.SCALAR) {
            out.add(new Bound(mul(new Abs(b.right(), Pos.NONE), norm(b.left(), k)), "homogeneity: ||v c|| = |c| ||v||"));
        }
        if (arg instanceof Binary b && b.op() == BinOp.DIV) {
            out.add(new Bound(Exprs.bin(BinOp.DIV, norm(b.left(), k), new Abs(b.right(), Pos.NONE)), "homogeneity: ||v / c|| = ||v|| / |c|"));
        }
        if (arg instanceof Neg neg) out.add(new Bound(norm(neg.operand(), k), "||-v|| = ||v||"));
        if (cites("triangle")) {
            List<Expr> terms = terms(arg);
            if (terms.size() >= 2) {
                Expr sum = null;
                for (Expr t : terms) sum = sum == null ? norm(t, k) : Exprs.bin(BinOp.ADD, sum, norm(t, k));
                out.add(new Bound(sum, "triangle: ||a + b|| <= ||a|| + ||b||"));
            }
        }
        if (cites("submult") && vectors != null && !(arg instanceof Binary b0 && b0.op() == BinOp.MUL)) {
            // the product written expanded: every term ends (or starts) with the same factor
            for (boolean right : new boolean[] {true, false}) {
                Expr[] f = vectors.factor(arg, right);
                if (f == null || shapes.kind(f[0]) != Kind.MATRIX) continue;
                Bound eq = new Bound(norm(Exprs.bin(BinOp.MUL, f[0], f[1]), k), "vector algebra: " + Printer.print(arg) + " = " + Printer.print(Exprs.bin(BinOp.MUL, f[0], f[1])));
                out.add(eq);
            }
        }
        if (cites("submult") && arg instanceof Binary b && b.op() == BinOp.MUL && shapes.kind(b.left()) == Kind.MATRIX) {
            Expr m = b.left(), y = b.right();
            Kind yk = shapes.kind(y);
            String why = "submult: ||A x|| <= ||A|| ||x||";
            if (yk == Kind.VECTOR) {
                switch (k) {
                    case DEFAULT -> {
                        out.add(new Bound(mul(norm(m, NormKind.DEFAULT), norm(y, NormKind.DEFAULT)), why));
                        out.add(new Bound(mul(norm(m, NormKind.FROBENIUS), norm(y, NormKind.DEFAULT)), "submult: ||A x||_2 <= ||A||_F ||x||_2"));
                    }
                    case INF -> out.add(new Bound(mul(norm(m, NormKind.INF), norm(y, NormKind.INF)), "submult: ||A x||_inf <= ||A||_inf ||x||_inf"));
                    case ONE -> out.add(new Bound(mul(norm(m, NormKind.ONE), norm(y, NormKind.ONE)), "submult: ||A x||_1 <= ||A||_1 ||x||_1"));
                    default -> { }
                }
            } else if (yk == Kind.MATRIX) {
                switch (k) {
                    case DEFAULT, INF, ONE, FROBENIUS -> out.add(new Bound(mul(norm(m, k), norm(y, k)), "submult: ||A B|| <= ||A|| ||B||"));
                    default -> { }
                }
                if (k == NormKind.FROBENIUS) {
                    out.add(new Bound(mul(norm(m, NormKind.DEFAULT), norm(y, NormKind.FROBENIUS)), "submult: ||A B||_F <= ||A|| ||B||_F"));
                    out.add(new Bound(mul(norm(m, NormKind.FROBENIUS), norm(y, NormKind.DEFAULT)), "submult: ||A B||_F <= ||A||_F ||B||"));
                }
            }
        }
        if (cites("hadamard") && arg instanceof Binary b && b.op() == BinOp.HADAMARD && !matrix) {
            Expr p = b.left(), q = b.right();
            String why = "hadamard: ||a .* b|| <= ||a||_inf ||b||";
            switch (k) {
                case DEFAULT -> {
                    out.add(new Bound(mul(norm(p, NormKind.INF), norm(q, NormKind.DEFAULT)), why));
                    out.add(new Bound(mul(norm(p, NormKind.DEFAULT), norm(q, NormKind.INF)), why));
                }
                case INF -> out.add(new Bound(mul(norm(p, NormKind.INF), norm(q, NormKind.INF)), why));
                case ONE -> {
                    out.add(new Bound(mul(norm(p, NormKind.INF), norm(q, NormKind.ONE)), why));
                    out.add(new Bound(mul(norm(p, NormKind.ONE), norm(q, NormKind.INF)), why));
                }
                default -> { }
            }
        }
        // entrywise activations: every norm below is monotone in the absolute values of the entries,
        // except the spectral norm of a matrix
        boolean entrywiseOk = !(matrix && k == NormKind.DEFAULT);
        if (entrywiseOk && arg instanceof Binary b && b.op() == BinOp.SUB && Exprs.strip(b.left()) instanceof Call f
                && Exprs.strip(b.right()) instanceof Call g && f.fn().equals(g.fn()) && shapes.funs().containsKey(f.fn()) && citesFor("lipschitz", f.fn())) {
            FunProp lip = shapes.property(f.fn(), "lipschitz");
            if (lip != null) {
                out.add(new Bound(mul(lip.arg(), norm(Exprs.bin(BinOp.SUB, f.args().get(0), g.args().get(0)), k)),
                        "lipschitz " + f.fn() + ": ||f(a) - f(b)|| <= L ||a - b||", List.of(lip.arg())));
            }
        }
        if (entrywiseOk && arg instanceof Call f && shapes.funs().containsKey(f.fn())) {
            FunProp lip = shapes.property(f.fn(), "lipschitz"), zero = shapes.property(f.fn(), "zero_at_zero");
            if (lip != null && zero != null && (citesFor("lipschitz", f.fn()) || citesFor("zero_at_zero", f.fn()))) {
                out.add(new Bound(mul(lip.arg(), norm(f.args().get(0), k)), "lipschitz and zero at zero " + f.fn() + ": ||f(a)|| <= L ||a||", List.of(lip.arg())));
            }
            if (citesFor("bounded", f.fn())) {
                Expr sup = supremum(f.fn());
                Expr rows = shapes.rows(f.args().get(0));
                if (sup != null) {
                    List<Expr> cond = List.of(sup);
                    if (k == NormKind.INF && !matrix) out.add(new Bound(sup, "bounded " + f.fn() + ": ||f(a)||_inf <= b", cond));
                    if (rows != null && !matrix && k == NormKind.DEFAULT) out.add(new Bound(mul(sup, sqrt(rows)), "bounded " + f.fn() + ": ||f(a)||_2 <= b sqrt(n)", cond));
                    if (rows != null && !matrix && k == NormKind.ONE) out.add(new Bound(mul(sup, rows), "bounded " + f.fn() + ": ||f(a)||_1 <= b n", cond));
                    Expr cols = shapes.cols(f.args().get(0));
                    if (matrix && rows != null && cols != null && k == NormKind.FROBENIUS) {
                        out.add(new Bound(mul(sup, sqrt(mul(rows, cols))), "bounded " + f.fn() + ": ||f(A)||_F <= b sqrt(rows cols)", List.of(sup)));
                    }
                }
            }
        }
        if (cites("norm_equiv")) equivalences(arg, k, matrix, out);
    }

    /** {@code bounded b}, or the larger end of a finite {@code range (lo, hi)} in absolute value. */
    private Expr supremum(String f) {
        FunProp b = shapes.property(f, "bounded");
        if (b != null) return b.arg();
        FunProp r = shapes.property(f, "range");
        if (r != null && r.interval() != null && !(r.interval().lo() instanceof Infinity) && !(r.interval().hi() instanceof Infinity)
                && !(r.interval().lo() instanceof Neg ng && ng.operand() instanceof Infinity)) {
            return new Call("max", List.of(new Abs(r.interval().lo(), Pos.NONE), new Abs(r.interval().hi(), Pos.NONE)), Pos.NONE);
        }
        return null;
    }

    private void equivalences(Expr arg, NormKind k, boolean matrix, List<Bound> out) {
        Expr n = shapes.rows(arg);
        if (!matrix) {
            switch (k) {
                case INF -> {
                    out.add(new Bound(norm(arg, NormKind.DEFAULT), "norm_equiv: ||v||_inf <= ||v||_2"));
                    out.add(new Bound(norm(arg, NormKind.ONE), "norm_equiv: ||v||_inf <= ||v||_1"));
                }
                case DEFAULT -> {
                    out.add(new Bound(norm(arg, NormKind.ONE), "norm_equiv: ||v||_2 <= ||v||_1"));
                    if (n != null) out.add(new Bound(mul(sqrt(n), norm(arg, NormKind.INF)), "norm_equiv: ||v||_2 <= sqrt(n) ||v||_inf"));
                }
                case ONE -> {
                    if (n != null) {
                        out.add(new Bound(mul(sqrt(n), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||v||_1 <= sqrt(n) ||v||_2"));
                        out.add(new Bound(mul(n, norm(arg, NormKind.INF)), "norm_equiv: ||v||_1 <= n ||v||_inf"));
                    }
                }
                default -> { }
            }
            return;
        }
        Expr c = shapes.cols(arg);
        switch (k) {
            case DEFAULT -> {
                out.add(new Bound(norm(arg, NormKind.FROBENIUS), "norm_equiv: ||A|| <= ||A||_F"));
                out.add(new Bound(sqrt(mul(norm(arg, NormKind.ONE), norm(arg, NormKind.INF))), "norm_equiv: ||A|| <= sqrt(||A||_1 ||A||_inf)"));
            }
            case INF -> {
                if (c != null) out.add(new Bound(mul(sqrt(c), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_inf <= sqrt(cols) ||A||"));
            }
            case ONE -> {
                if (n != null) out.add(new Bound(mul(sqrt(n), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_1 <= sqrt(rows) ||A||"));
            }
            case FROBENIUS -> {
                out.add(new Bound(norm(arg, NormKind.TWO_ONE), "norm_equiv: ||A||_F <= ||A||_{2,1}"));
                if (n != null && c != null) {
                    out.add(new Bound(mul(sqrt(new Call("min", List.of(n, c), Pos.NONE)), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_F <= sqrt(rank) ||A||, rank <= min(rows, cols)"));
                    out.add(new Bound(mul(new Call("min", List.of(sqrt(n), sqrt(c)), Pos.NONE), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_F <= min(sqrt(rows), sqrt(cols)) ||A||"));
                }
                if (n != null) out.add(new Bound(mul(sqrt(n), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_F <= sqrt(rows) ||A||"));
                if (c != null) out.add(new Bound(mul(sqrt(c), norm(arg, NormKind.DEFAULT)), "norm_equiv: ||A||_F <= sqrt(cols) ||A||"));
            }
            case TWO_ONE -> {
                if (c != null) out.add(new Bound(mul(sqrt(c), norm(arg, NormKind.FROBENIUS)), "norm_equiv: ||A||_{2,1} <= sqrt(cols) ||A||_F"));
            }
            default -> { }
        }
    }

    static String show(Expr a, Bound b) { return b.why() + " [" + Printer.print(a) + " <= " + Printer.print(b.upper()) + "]"; }
}
