package boundcheck.latex;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints expressions as LaTeX math, one method per node kind, the author's order of terms kept and
 * parentheses only where precedence needs them (as {@link boundcheck.lang.Printer} does for source
 * text, so the printed formula reads back to the same tree). Division prints as {@code \frac}, products
 * by juxtaposition ({@code \cdot} before a digit or a parenthesis), {@code min}/{@code max} with braces
 * and norms as {@code \|x\|_2}, {@code \|x\|_F}, {@code \|x\|_{2,1}}. {@code \log} is the natural logarithm.
 */
public final class LatexPrinter {
    // precedence levels, higher binds tighter (the same levels as the source printer)
    private static final int ADD = 1, BIG = 2, MUL = 3, NEG = 4, POW = 5, ATOM = 6;

    private final LatexNames names;

    public LatexPrinter(LatexNames names) { this.names = names; }

    public String print(Expr e) { return print(e, 0); }

    public String print(Relation r) { return print(r.lhs()) + " " + rel(r.rel()) + " " + print(r.rhs()); }

    public String print(Statement s) {
        StringBuilder b = new StringBuilder();
        for (Binder binder : s.binders()) {
            b.append("\\forall ").append(names.symbol(binder.var())).append(' ').append(rel(binder.rel())).append(' ')
                    .append(print(binder.bound())).append(":\\ ");
        }
        return b.append(print(s.relation())).toString();
    }

    public String print(Interval iv) {
        return (iv.loOpen() ? "(" : "[") + print(iv.lo()) + ", " + print(iv.hi()) + (iv.hiOpen() ? ")" : "]");
    }

    public static String rel(Rel r) {
        return switch (r) {
            case LE -> "\\le";
            case LT -> "<";
            case GE -> "\\ge";
            case GT -> ">";
            case EQ -> "=";
            case NE -> "\\ne";
            case APPROX -> "\\approx";
        };
    }

    public String symbol(String id) { return names.symbol(id); }

    /** About the widest formula that fits a line of the page, in the units of {@link #width}. */
    public static final double LINE = 45;

    /**
     * A rough printed width (about one unit per symbol): a fraction is as wide as the wider of its parts,
     * an exponent or subscript counts for less than the base. Used only to decide where to break lines.
     */
    public double width(Expr e) {
        if (e instanceof Num n) return number(n.value()).replaceAll("\\\\cdot|[{}^]", "").length();
        if (e instanceof Name n) return n.id().contains("_") ? 1.8 : Math.min(n.id().length(), 4);
        if (e instanceof Infinity) return 1;
        if (e instanceof Neg n) return 1 + width(n.operand());
        if (e instanceof Index i) return width(i.base()) + 0.6 * width(i.index());
        if (e instanceof Norm n) return width(n.arg()) + 2.5;
        if (e instanceof Abs a) return width(a.arg()) + 1;
        if (e instanceof Aggregate a) return 3 + width(a.body());
        if (e instanceof Limit l) return 4 + width(l.body());
        if (e instanceof Call c) {
            double args = c.args().stream().mapToDouble(this::width).sum() + c.args().size() - 1;
            return switch (c.fn()) {
                case "sqrt" -> args + 1.5;
                case "min", "max", "log", "exp" -> args + 4;
                default -> args + 1 + Math.min(c.fn().length(), 4);
            };
        }
        Binary b = (Binary) e;
        return switch (b.op()) {
            case ADD, SUB -> width(b.left()) + width(b.right()) + 2;
            case MUL, HADAMARD -> width(b.left()) + width(b.right()) + 0.5;
            case DIV -> Math.max(width(b.left()), width(b.right())) + 0.5;
            case POW -> width(b.left()) + 0.6 * width(b.right());
        };
    }

    /**
     * The expression in lines no wider than {@code budget} ({@link #width}), broken only between the terms of
     * its top-level sum; every line after the first starts with its sign. One line when it fits or has a single
     * term (a long product stays whole).
     */
    public List<String> lines(Expr e, double budget) {
        if (width(e) <= budget) return List.of(print(e));
        List<Expr> terms = new java.util.ArrayList<>();
        List<String> signs = new java.util.ArrayList<>();
        flatten(e, "+", terms, signs);
        if (terms.size() < 2) return List.of(print(e));
        List<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        double used = 0;
        for (int i = 0; i < terms.size(); i++) {
            Expr t = terms.get(i);
            double w = width(t) + 2;
            String text = i == 0 ? print(t, ADD) : signs.get(i) + " " + signed(print(t, ADD + 1));
            if (i > 0 && used + w > budget) {
                out.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            if (line.length() > 0) line.append(' ');
            line.append(text);
            used += w;
        }
        out.add(line.toString());
        return out;
    }

    private static String signed(String term) { return term.startsWith("-") ? paren(term) : term; }

    private static void flatten(Expr e, String sign, List<Expr> terms, List<String> signs) {
        if (e instanceof Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)) {
            flatten(b.left(), sign, terms, signs);
            terms.add(b.right());
            signs.add(b.op() == BinOp.ADD ? "+" : "-");
            return;
        }
        terms.add(e);
        signs.add(sign);
    }

    private static int level(Expr e) {
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case ADD, SUB -> ADD;
                case MUL, HADAMARD -> MUL;
                case DIV -> ATOM; // a fraction is a single box
                case POW -> POW;
            };
        }
        if (e instanceof Neg) return NEG;
        if (e instanceof Aggregate || e instanceof Limit) return BIG;
        if (e instanceof Num n && n.value().signum() < 0) return NEG;
        return ATOM;
    }

    private String print(Expr e, int context) {
        String s = bare(e);
        return level(e) < context ? paren(s) : s;
    }

    private static String paren(String s) { return "\\left(" + s + "\\right)"; }

    private String bare(Expr e) {
        if (e instanceof Num n) return number(n.value());
        if (e instanceof Name n) return names.symbol(n.id());
        if (e instanceof Infinity) return "\\infty";
        if (e instanceof Call c) return call(c);
        if (e instanceof Neg n) return "-" + print(n.operand(), POW);
        if (e instanceof Index i) return indexBase(i.base()) + "_{" + print(i.index()) + "}";
        if (e instanceof Norm n) return "\\left\\|" + print(n.arg()) + "\\right\\|" + normSuffix(n.kind());
        if (e instanceof Abs a) return "\\left|" + print(a.arg()) + "\\right|";
        if (e instanceof Aggregate a) return aggregate(a);
        if (e instanceof Limit l) {
            return "\\lim_{" + names.symbol(l.var()) + " \\to " + print(l.target()) + "} " + print(l.body(), MUL);
        }
        Binary b = (Binary) e;
        return switch (b.op()) {
            case ADD, SUB -> {
                String right = print(b.right(), ADD + 1);
                // x - -y reads badly: a negative right operand gets parentheses
                yield print(b.left(), ADD) + " " + b.op().symbol + " " + (right.startsWith("-") ? paren(right) : right);
            }
            case MUL -> product(b);
            case HADAMARD -> print(b.left(), MUL) + " \\odot " + print(b.right(), MUL + 1);
            case DIV -> "\\frac{" + print(b.left()) + "}{" + print(b.right()) + "}";
            case POW -> powerBase(b.left()) + "^{" + print(b.right()) + "}";
        };
    }

    private String product(Binary b) {
        String left = print(b.left(), MUL), right = print(b.right(), MUL + 1);
        if (right.startsWith("-")) right = paren(right);
        // juxtaposition reads as a product (B_V B_W (M_U + M_V) t) unless it would glue digits; upright words
        // (m \mathrm{gam}) get a thin space, or they read as one word
        boolean dot = right.isEmpty() || Character.isDigit(right.charAt(0)) || b.left() instanceof Num && b.right() instanceof Num
                || b.left() instanceof Num && right.startsWith("\\mathrm");
        boolean word = right.startsWith("\\mathrm") || endsWithWord(left);
        return left + (dot ? " \\cdot " : word ? " \\, " : " ") + right;
    }

    /** Whether the printed factor ends in an upright word ({@code \mathrm{gam}}, {@code \mathrm{ct}_{0}}). */
    private static boolean endsWithWord(String tex) {
        return tex.matches("(?s).*\\\\mathrm\\{[A-Za-z]+\\}(_\\{[^{}]*\\})?'*$");
    }

    /** A power's base: an atom as it is, braced when it already carries a sub- or superscript. */
    private String powerBase(Expr base) {
        if (base instanceof Name n) return names.isCompound(n.id()) ? "{" + names.symbol(n.id()) + "}" : names.symbol(n.id());
        if (base instanceof Num n && n.value().signum() >= 0) return number(n.value());
        if (base instanceof Call || base instanceof Norm || base instanceof Abs) return "{" + bare(base) + "}";
        return paren(bare(base));
    }

    private String indexBase(Expr base) {
        if (base instanceof Name n) return names.isCompound(n.id()) ? "{" + names.symbol(n.id()) + "}" : names.symbol(n.id());
        return "{" + print(base, ATOM) + "}";
    }

    private String call(Call c) {
        List<Expr> args = c.args();
        String joined = args.stream().map(this::print).collect(Collectors.joining(", "));
        return switch (c.fn()) {
            case "sqrt" -> "\\sqrt{" + joined + "}";
            case "log" -> "\\log" + paren(joined);
            case "exp" -> "\\exp" + paren(joined);
            case "abs" -> "\\left|" + joined + "\\right|";
            case "min" -> "\\min\\left\\{" + joined + "\\right\\}";
            case "max" -> "\\max\\left\\{" + joined + "\\right\\}";
            case "transpose" -> (args.get(0) instanceof Name ? print(args.get(0)) : paren(print(args.get(0)))) + "^{\\top}";
            case "eye" -> "I_{" + joined + "}";
            default -> names.symbol(c.fn()) + paren(joined);
        };
    }

    private String aggregate(Aggregate a) {
        String v = names.symbol(a.var());
        String body = print(a.body(), MUL);
        // a \cdot would end the operator's reach for a reader (and for TeX readers): keep the body together
        if (body.contains("\\cdot") && !body.startsWith("\\left(")) body = paren(body);
        String exclude = a.exclude() == null ? "" : ",\\, " + v + " \\ne " + print(a.exclude());
        return switch (a.kind()) {
            case SUM -> "\\sum_{" + v + "=" + print(a.lo()) + exclude + "}^{" + print(a.hi()) + "} " + body;
            case PROD -> "\\prod_{" + v + "=" + print(a.lo()) + exclude + "}^{" + print(a.hi()) + "} " + body;
            case MAX, MIN -> "\\" + a.kind().name().toLowerCase() + "_{" + print(a.lo()) + " \\le " + v + " \\le "
                    + print(a.hi()) + exclude + "} " + body;
        };
    }

    private static String normSuffix(NormKind k) {
        return switch (k) {
            case DEFAULT -> "";
            case TWO -> "_2";
            case INF -> "_\\infty";
            case ONE -> "_1";
            case FROBENIUS -> "_F";
            case TWO_ONE -> "_{2,1}";
        };
    }

    /** Exact decimals as written; a scientific literal prints as a power of ten. */
    static String number(BigDecimal v) {
        String text = boundcheck.lang.Printer.print(new Num(v, Pos.NONE));
        int e = text.indexOf('e');
        if (e < 0) return text;
        String mantissa = text.substring(0, e), exponent = text.substring(e + 1);
        String power = "10^{" + exponent + "}";
        return mantissa.equals("1") ? power : mantissa + " \\cdot " + power;
    }
}
