package boundcheck.lang;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/**
 * Prints expressions back in source form, with the fewest parentheses that parse back to the
 * same tree (one method per node kind; parentheses from precedence, as in SymPy's printers).
 */
public final class Printer {
    private Printer() {}

    // precedence levels, higher binds tighter
    private static final int ADD = 1, BIG = 2, MUL = 3, NEG = 4, POW = 5, ATOM = 6;

    public static String print(Expr e) { return print(e, 0); }

    public static String print(Relation r) { return print(r.lhs()) + " " + r.rel().symbol + " " + print(r.rhs()); }

    public static String print(Statement s) {
        StringBuilder b = new StringBuilder();
        for (Binder binder : s.binders()) {
            b.append("forall ").append(binder.var()).append(' ').append(binder.rel().symbol).append(' ')
                    .append(print(binder.bound())).append(": ");
        }
        return b.append(print(s.relation())).toString();
    }

    private static int level(Expr e) {
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case ADD, SUB -> ADD;
                case MUL, DIV, HADAMARD -> MUL;
                case POW -> POW;
            };
        }
        if (e instanceof Neg) return NEG;
        if (e instanceof Aggregate || e instanceof Limit) return BIG;
        if (e instanceof Num n && n.value().signum() < 0) return NEG;
        return ATOM;
    }

    private static String print(Expr e, int context) {
        String s = bare(e);
        return level(e) < context ? "(" + s + ")" : s;
    }

    private static String bare(Expr e) {
        if (e instanceof Num n) return number(n.value());
        if (e instanceof Name n) return n.id();
        if (e instanceof Infinity) return "oo";
        if (e instanceof Call c) {
            return c.fn() + "(" + c.args().stream().map(Printer::print).collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof Neg n) return "-" + print(n.operand(), POW);
        if (e instanceof Index i) return print(i.base(), ATOM) + "[" + print(i.index()) + "]";
        if (e instanceof Norm n) return "||" + print(n.arg()) + "||" + n.kind().suffix;
        if (e instanceof Abs a) return "|" + print(a.arg()) + "|";
        if (e instanceof Aggregate a) {
            String head = a.kind().name().toLowerCase() + "(" + a.var() + " = " + print(a.lo()) + ".." + print(a.hi())
                    + (a.exclude() == null ? "" : ", " + a.var() + " != " + print(a.exclude())) + ") ";
            return head + print(a.body(), MUL);
        }
        if (e instanceof Limit l) return "limit(" + l.var() + " -> " + print(l.target()) + ") " + print(l.body(), MUL);
        Binary b = (Binary) e;
        return switch (b.op()) {
            // left-associative: the right operand needs parentheses at equal precedence
            case ADD, SUB -> print(b.left(), ADD) + " " + b.op().symbol + " " + print(b.right(), ADD + 1);
            case MUL, DIV, HADAMARD -> print(b.left(), MUL) + " " + b.op().symbol + " " + print(b.right(), MUL + 1);
            // right-associative; a negative base needs parentheses
            case POW -> print(b.left(), POW + 1) + "^" + print(b.right(), POW);
        };
    }

    static String number(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0 && s.precision() - s.scale() <= 12) s = s.setScale(0);
        String text = s.toPlainString().length() <= 24 ? s.toPlainString() : s.toString().replace("E+", "e").replace("E", "e");
        return text;
    }
}
