package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
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
    public enum Kind { SCALAR, VECTOR, MATRIX }

    public static final Shapes NONE = new Shapes(Map.of(), Map.of(), Map.of(), Map.of());

    public Kind kind(Expr e) { return kind(e, new HashSet<>()); }

    private Kind kind(Expr e, Set<String> visiting) {
        e = Exprs.strip(e);
        if (e instanceof Name n) {
            if (vecs.containsKey(n.id())) return Kind.VECTOR;
            if (mats.containsKey(n.id())) return Kind.MATRIX;
            return Kind.SCALAR;
        }
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name n) {
            if (vecs.containsKey(n.id()) && vecs.get(n.id()).indexVar() != null) return Kind.VECTOR;
            if (mats.containsKey(n.id()) && mats.get(n.id()).indexVar() != null) return Kind.MATRIX;
            if (seqs.containsKey(n.id())) return seqKind(n.id(), visiting);
            return Kind.SCALAR; // an entry of a vector
        }
        if (e instanceof Index) return Kind.SCALAR;
        if (e instanceof Call c) return funs.containsKey(c.fn()) ? kind(c.args().get(0), visiting) : Kind.SCALAR;
        if (e instanceof Neg n) return kind(n.operand(), visiting);
        if (e instanceof Aggregate a) return kind(a.body(), visiting);
        if (e instanceof Binary b) {
            Kind l = kind(b.left(), visiting), r = kind(b.right(), visiting);
            return switch (b.op()) {
                case MUL -> l == Kind.SCALAR ? r : r == Kind.SCALAR ? l : l == Kind.MATRIX && r == Kind.MATRIX ? Kind.MATRIX : Kind.VECTOR;
                case DIV -> l;
                case POW -> Kind.SCALAR;
                default -> l != Kind.SCALAR ? l : r;
            };
        }
        return Kind.SCALAR; // numbers, norms, absolute values, limits
    }

    private Kind seqKind(String name, Set<String> visiting) {
        if (!visiting.add(name)) return Kind.VECTOR;
        try {
            for (SeqDecl d : seqs.get(name)) {
                if (Exprs.strip(d.index()) instanceof Name) return kind(d.body(), visiting);
            }
            return Kind.VECTOR;
        } finally {
            visiting.remove(name);
        }
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
                try {
                    for (SeqDecl d : seqs.get(n.id())) if (Exprs.strip(d.index()) instanceof Name) return rows(d.body(), visiting);
                } finally {
                    visiting.remove(n.id());
                }
            }
            return null;
        }
        if (e instanceof Call c && funs.containsKey(c.fn())) return rows(c.args().get(0), visiting);
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
