package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.MatrixBuiltins;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel knows about objects: whether an expression is a scalar, a vector or a matrix, its
 * dimensions as expressions ({@code d_h}), and the declared properties of activations. Read from the
 * declarations only; lets are inlined before the kernel looks.
 */
public record Shapes(Map<String, VecDecl> vecs, Map<String, MatDecl> mats, Map<String, FunDecl> funs,
                     Map<String, List<SeqDecl>> seqs) {
    /** UNKNOWN: the kernel cannot tell (a recurrence whose shape only its own equation fixes); no rule applies. */
    public enum Kind { SCALAR, VECTOR, MATRIX, UNKNOWN }

    private static final Set<String> BUILTINS = Set.of("sqrt", "log", "exp", "abs", "min", "max");

    public static final Shapes NONE = new Shapes(Map.of(), Map.of(), Map.of(), Map.of());

    public Kind kind(Expr e) { return kind(e, new java.util.HashMap<>()); }

    /** {@code assumed}: kinds taken for sequences whose recurrences are being read (the fixpoint below). */
    private Kind kind(Expr e, java.util.Map<String, Kind> assumed) {
        e = Exprs.strip(e);
        if (e instanceof Name n) {
            if (vecs.containsKey(n.id())) return Kind.VECTOR;
            if (mats.containsKey(n.id())) return Kind.MATRIX;
            return Kind.SCALAR;
        }
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name n) {
            if (vecs.containsKey(n.id()) && vecs.get(n.id()).indexVar() != null) return Kind.VECTOR;
            if (mats.containsKey(n.id()) && mats.get(n.id()).indexVar() != null) return Kind.MATRIX;
            if (seqs.containsKey(n.id())) return seqKind(n.id(), assumed);
            return Kind.SCALAR; // an entry of a vector
        }
        if (e instanceof Index) return Kind.SCALAR;
        if (e instanceof Call c) {
            if (funs.containsKey(c.fn())) return kind(c.args().get(0), assumed);
            if (MatrixBuiltins.is(c)) return MatrixBuiltins.isVector(c) ? Kind.VECTOR : Kind.MATRIX;
            // builtins are scalar; anything else (a let the caller did not inline) cannot be classified
            return BUILTINS.contains(c.fn()) ? Kind.SCALAR : Kind.UNKNOWN;
        }
        if (e instanceof Neg n) return kind(n.operand(), assumed);
        if (e instanceof Aggregate a) return kind(a.body(), assumed);
        if (e instanceof Binary b) {
            Kind l = kind(b.left(), assumed), r = kind(b.right(), assumed);
            if (b.op() == BinOp.POW) return Kind.SCALAR;
            if (l == Kind.UNKNOWN || r == Kind.UNKNOWN) return Kind.UNKNOWN;
            return switch (b.op()) {
                case MUL -> l == Kind.SCALAR ? r : r == Kind.SCALAR ? l : l == Kind.MATRIX && r == Kind.MATRIX ? Kind.MATRIX : Kind.VECTOR;
                case DIV -> l;
                case POW -> Kind.SCALAR;
                // a sum or entrywise product of a vector and a matrix has no kind
                default -> l == Kind.SCALAR ? r : r == Kind.SCALAR || r == l ? l : Kind.UNKNOWN;
            };
        }
        return Kind.SCALAR; // numbers, norms, absolute values, limits
    }

    /**
     * The kind every equation of the sequence agrees on; a literal 0 says nothing (it is the zero of
     * any shape), a cycle through the sequence itself says nothing, and disagreement is UNKNOWN.
     */
    private Kind seqKind(String name, java.util.Map<String, Kind> assumed) {
        if (assumed.containsKey(name)) return assumed.get(name);
        // the kinds X for which every equation, read with h of kind X, gives X; a literal 0 is the
        // zero of any kind. One such X is the kind; none or several: UNKNOWN (no rule applies)
        Kind found = null;
        for (Kind x : new Kind[] {Kind.SCALAR, Kind.VECTOR, Kind.MATRIX}) {
            java.util.Map<String, Kind> inner = new java.util.HashMap<>(assumed);
            inner.put(name, x);
            boolean consistent = true;
            for (SeqDecl d : seqs.get(name)) {
                Expr body = Exprs.strip(d.body());
                if (body instanceof Num n && n.value().signum() == 0) continue;
                consistent &= kind(body, inner) == x;
            }
            if (!consistent) continue;
            if (found != null) return Kind.UNKNOWN;
            found = x;
        }
        return found == null ? Kind.UNKNOWN : found;
    }

    /** The length of a vector or the rows of a matrix, or null when the kernel cannot tell. */
    public Expr rows(Expr e) { return rows(e, new HashSet<>()); }

    private Expr rows(Expr e, Set<String> visiting) {
        e = Exprs.strip(e);
        if (e instanceof Name n) {
            if (vecs.containsKey(n.id())) return vecs.get(n.id()).dim();
            if (mats.containsKey(n.id())) return mats.get(n.id()).rows();
            return null;
        }
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name n) {
            if (vecs.containsKey(n.id())) return vecs.get(n.id()).dim();
            if (mats.containsKey(n.id())) return mats.get(n.id()).rows();
            if (seqs.containsKey(n.id()) && visiting.add(n.id())) {
                // every equation must give the same dimension (a base x[1] of length d_x and a
                // recurrence of length d_h would make either answer wrong at some index)
                try {
                    Expr found = null;
                    for (SeqDecl d : seqs.get(n.id())) {
                        Expr body = Exprs.strip(d.body());
                        if (body instanceof Num z && z.value().signum() == 0) continue;
                        Expr r = rows(body, visiting);
                        if (r == null) continue;
                        if (found != null && !Exprs.same(found, r)) return null;
                        found = r;
                    }
                    return found;
                } finally {
                    visiting.remove(n.id());
                }
            }
            return null;
        }
        if (e instanceof Call c && funs.containsKey(c.fn())) return rows(c.args().get(0), visiting);
        if (e instanceof Call c && MatrixBuiltins.is(c)) return MatrixBuiltins.rows(c, x -> rows(x, visiting), this::cols);
        if (e instanceof Neg n) return rows(n.operand(), visiting);
        if (e instanceof Binary b) {
            if (b.op() == BinOp.MUL) return kind(b.left()) == Kind.SCALAR ? rows(b.right(), visiting) : rows(b.left(), visiting);
            if (b.op() == BinOp.DIV) return rows(b.left(), visiting);
            Expr l = kind(b.left()) == Kind.SCALAR ? null : rows(b.left(), visiting);
            return l != null ? l : kind(b.right()) == Kind.SCALAR ? null : rows(b.right(), visiting);
        }
        return null;
    }

    /** The columns of a matrix, or null. */
    public Expr cols(Expr e) {
        e = Exprs.strip(e);
        if (e instanceof Name n && mats.containsKey(n.id())) return mats.get(n.id()).cols();
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name n && mats.containsKey(n.id())) return mats.get(n.id()).cols();
        if (e instanceof Call c && funs.containsKey(c.fn())) return cols(c.args().get(0));
        if (e instanceof Call c && MatrixBuiltins.is(c)) return MatrixBuiltins.cols(c, this::rows);
        if (e instanceof Neg n) return cols(n.operand());
        if (e instanceof Binary b) {
            if (b.op() == BinOp.MUL) return kind(b.right()) == Kind.SCALAR ? cols(b.left()) : cols(b.right());
            if (b.op() == BinOp.DIV) return cols(b.left());
            Expr l = kind(b.left()) == Kind.MATRIX ? cols(b.left()) : null;
            return l != null ? l : cols(b.right());
        }
        return null;
    }

    /** The argument of the declared property {@code name} of activation {@code f}; null when not declared. */
    public FunProp property(String f, String name) {
        FunDecl d = funs.get(f);
        if (d == null) return null;
        for (FunProp p : d.props()) if (p.name().equals(name)) return p;
        return null;
    }
}
