package boundcheck.kernel;

import boundcheck.kernel.Shapes.Kind;
import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Equality of vector and matrix expressions by expansion into non-commutative polynomials: products
 * of matrices and vectors keep their order, scalars commute and collect into coefficients. Two
 * expressions are equal when every word has the same coefficient (compared by the CAS). Activations,
 * Hadamard products and sequence elements are atoms: {@code U*(a - b) + (U - U')*b = U*a - U'*b} is
 * proved, {@code f(a + b) = f(b + a)} is not.
 */
final class VectorAlgebra {
    private final Shapes shapes;
    private final Predicate<Expr> isZero;

    VectorAlgebra(Shapes shapes, Predicate<Expr> isZero) {
        this.shapes = shapes;
        this.isZero = isZero;
    }

    /** Whether {@code a = b} as vectors or matrices. */
    boolean equal(Expr a, Expr b) {
        Map<List<String>, Expr> pa = expand(a), pb = expand(b);
        if (pa == null || pb == null) return false;
        java.util.Set<List<String>> words = new java.util.LinkedHashSet<>(pa.keySet());
        words.addAll(pb.keySet());
        for (List<String> w : words) {
            Expr ca = pa.getOrDefault(w, Exprs.num(0)), cb = pb.getOrDefault(w, Exprs.num(0));
            if (Exprs.same(ca, cb)) continue;
            if (!isZero.test(Exprs.bin(BinOp.SUB, ca, cb))) return false;
        }
        return true;
    }

    /** Words of atoms (printed) to scalar coefficients; null when the expression is outside this algebra. */
    private Map<List<String>, Expr> expand(Expr e) {
        e = Exprs.strip(e);
        Map<List<String>, Expr> out = new LinkedHashMap<>();
        if (shapes.kind(e) == Kind.SCALAR) {
            out.put(List.of(), e);
            return out;
        }
        if (e instanceof Neg n) return scale(expand(n.operand()), Exprs.num(-1));
        if (e instanceof Binary b) {
            switch (b.op()) {
                case ADD, SUB -> {
                    Map<List<String>, Expr> l = expand(b.left()), r = expand(b.right());
                    if (l == null || r == null) return null;
                    // a scalar added to a vector is entrywise: keep such sums atomic
                    if (shapes.kind(b.left()) == Kind.SCALAR || shapes.kind(b.right()) == Kind.SCALAR) return atom(e);
                    out.putAll(l);
                    for (Map.Entry<List<String>, Expr> t : r.entrySet()) {
                        Expr c = b.op() == BinOp.ADD ? t.getValue() : new Neg(t.getValue(), Pos.NONE);
                        out.merge(t.getKey(), c, (x, y) -> Exprs.bin(BinOp.ADD, x, y));
                    }
                    return out;
                }
                case MUL -> {
                    Map<List<String>, Expr> l = expand(b.left()), r = expand(b.right());
                    if (l == null || r == null) return null;
                    for (Map.Entry<List<String>, Expr> x : l.entrySet()) {
                        for (Map.Entry<List<String>, Expr> y : r.entrySet()) {
                            List<String> w = new ArrayList<>(x.getKey());
                            w.addAll(y.getKey());
                            out.merge(List.copyOf(w), Exprs.bin(BinOp.MUL, x.getValue(), y.getValue()), (p, q) -> Exprs.bin(BinOp.ADD, p, q));
                        }
                    }
                    return out;
                }
                case DIV -> {
                    if (shapes.kind(b.right()) != Kind.SCALAR) return null;
                    return scale(expand(b.left()), Exprs.bin(BinOp.DIV, Exprs.num(1), b.right()));
                }
                default -> { return atom(e); }
            }
        }
        return atom(e);
    }

    private Map<List<String>, Expr> atom(Expr e) {
        Map<List<String>, Expr> out = new LinkedHashMap<>();
        String k = key(e);
        atoms.putIfAbsent(k, e);
        out.put(List.of(k), Exprs.num(1));
        return out;
    }

    /** Products with 1 and double negations removed: for the factored form a person reads. */
    private static Expr tidy(Expr e) {
        Expr x = Exprs.mapChildren(Exprs.strip(e), VectorAlgebra::tidy);
        if (x instanceof Binary b && b.op() == BinOp.MUL) {
            if (Exprs.same(b.left(), Exprs.num(1))) return b.right();
            if (Exprs.same(b.right(), Exprs.num(1))) return b.left();
            if (b.left() instanceof Neg n) return tidy(new Neg(Exprs.bin(BinOp.MUL, n.operand(), b.right()), Pos.NONE));
        }
        if (x instanceof Neg n && n.operand() instanceof Neg m) return m.operand();
        if (x instanceof Neg n && n.operand() instanceof Num k && k.value().signum() < 0) return Exprs.num(k.value().negate());
        return x;
    }

    /** The expression of each atom name met so far, to rebuild factored forms. */
    private final Map<String, Expr> atoms = new java.util.HashMap<>();

    /**
     * {@code e} as {@code M * y} (right) or {@code A * r} (left), when every word of its expansion
     * ends (starts) with the same atom and has another factor; null otherwise. The rebuilt factor
     * expands to exactly the original words, so the factored form is equal to {@code e}.
     */
    Expr[] factor(Expr e, boolean right) {
        Map<List<String>, Expr> p = expand(e);
        if (p == null || p.isEmpty()) return null;
        String common = null;
        for (List<String> w : p.keySet()) {
            if (w.size() < 2) return null;
            String f = right ? w.get(w.size() - 1) : w.get(0);
            if (common == null) common = f;
            else if (!common.equals(f)) return null;
        }
        Expr rest = null;
        for (Map.Entry<List<String>, Expr> t : p.entrySet()) {
            List<String> w = t.getKey();
            List<String> others = right ? w.subList(0, w.size() - 1) : w.subList(1, w.size());
            Expr word = null;
            for (String a : others) {
                Expr x = atoms.get(a);
                if (x == null) return null;
                word = word == null ? x : Exprs.bin(BinOp.MUL, word, x);
            }
            Expr c = tidy(t.getValue());
            boolean negative = c instanceof Neg;
            Expr magnitude = negative ? ((Neg) c).operand() : c;
            Expr term = Exprs.same(magnitude, Exprs.num(1)) ? word : Exprs.bin(BinOp.MUL, magnitude, word);
            if (rest == null) rest = negative ? new Neg(term, Pos.NONE) : term;
            else rest = Exprs.bin(negative ? BinOp.SUB : BinOp.ADD, rest, term);
        }
        Expr f = atoms.get(common);
        if (f == null || rest == null) return null;
        return right ? new Expr[] {rest, f} : new Expr[] {f, rest};
    }

    /**
     * The name of an atom. An activation's argument is named by its sorted expansion, so
     * {@code f(W x + U h)} and {@code f(U h + W x)} are one atom; equal names mean equal expansions.
     */
    private String key(Expr e) {
        if (e instanceof Call c && shapes.funs().containsKey(c.fn())) {
            Map<List<String>, Expr> inner = expand(c.args().get(0));
            if (inner != null) {
                List<String> terms = new ArrayList<>();
                for (Map.Entry<List<String>, Expr> t : inner.entrySet()) terms.add(String.join(" ", t.getKey()) + " : " + Printer.print(t.getValue()));
                java.util.Collections.sort(terms);
                return c.fn() + "(" + String.join(" ; ", terms) + ")";
            }
        }
        return Printer.print(e);
    }

    private static Map<List<String>, Expr> scale(Map<List<String>, Expr> p, Expr c) {
        if (p == null) return null;
        Map<List<String>, Expr> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Expr> t : p.entrySet()) out.put(t.getKey(), Exprs.bin(BinOp.MUL, c, t.getValue()));
        return out;
    }
}
