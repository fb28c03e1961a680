package boundcheck.lang;

import boundcheck.lang.Ast.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Structural operations on expressions: rebuilding, substitution, inlining of lets, free names. */
public final class Exprs {
    private Exprs() {}

    public static Num num(long v) { return new Num(BigDecimal.valueOf(v), Pos.NONE); }

    public static Num num(BigDecimal v) { return new Num(v, Pos.NONE); }

    public static Name name(String id) { return new Name(id, Pos.NONE); }

    public static Expr bin(BinOp op, Expr l, Expr r) { return new Binary(op, l, r, Pos.NONE); }

    /** Applies {@code f} to each direct child and rebuilds the node (positions kept). */
    public static Expr mapChildren(Expr e, Function<Expr, Expr> f) {
        if (e instanceof Call c) return new Call(c.fn(), c.args().stream().map(f).toList(), c.pos());
        if (e instanceof Binary b) return new Binary(b.op(), f.apply(b.left()), f.apply(b.right()), b.pos());
        if (e instanceof Neg n) return new Neg(f.apply(n.operand()), n.pos());
        if (e instanceof Index i) return new Index(f.apply(i.base()), f.apply(i.index()), i.pos());
        if (e instanceof Norm n) return new Norm(f.apply(n.arg()), n.kind(), n.pos());
        if (e instanceof Abs a) return new Abs(f.apply(a.arg()), a.pos());
        if (e instanceof Aggregate a) {
            return new Aggregate(a.kind(), a.var(), f.apply(a.lo()), f.apply(a.hi()),
                    a.exclude() == null ? null : f.apply(a.exclude()), f.apply(a.body()), a.pos());
        }
        if (e instanceof Limit l) return new Limit(l.var(), f.apply(l.target()), f.apply(l.body()), l.pos());
        return e;
    }

    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        mapChildren(e, c -> { out.add(c); return c; });
        return out;
    }

    /** The same tree with every position set to {@link Pos#NONE}, so that record equality is structural. */
    public static Expr strip(Expr e) {
        Expr inner = mapChildren(e, Exprs::strip);
        if (inner instanceof Num n) return new Num(n.value().stripTrailingZeros(), Pos.NONE);
        if (inner instanceof Name n) return new Name(n.id(), Pos.NONE);
        if (inner instanceof Infinity) return new Infinity(Pos.NONE);
        if (inner instanceof Call c) return new Call(c.fn(), c.args(), Pos.NONE);
        if (inner instanceof Binary b) return new Binary(b.op(), b.left(), b.right(), Pos.NONE);
        if (inner instanceof Neg n) return new Neg(n.operand(), Pos.NONE);
        if (inner instanceof Index i) return new Index(i.base(), i.index(), Pos.NONE);
        if (inner instanceof Norm n) return new Norm(n.arg(), n.kind() == NormKind.TWO ? NormKind.DEFAULT : n.kind(), Pos.NONE);
        if (inner instanceof Abs a) return new Abs(a.arg(), Pos.NONE);
        if (inner instanceof Aggregate a) return new Aggregate(a.kind(), a.var(), a.lo(), a.hi(), a.exclude(), a.body(), Pos.NONE);
        Limit l = (Limit) inner;
        return new Limit(l.var(), l.target(), l.body(), Pos.NONE);
    }

    public static boolean same(Expr a, Expr b) { return strip(a).equals(strip(b)); }

    /**
     * Replaces free occurrences of names. Capture-avoiding: a bound index (sum, limit) that occurs
     * free in a replacement is renamed first, so {@code F(j)} with {@code F(q) = sum(j = ..) q*j}
     * stays a sum over a fresh index.
     */
    public static Expr substitute(Expr e, Map<String, Expr> map) {
        if (map.isEmpty()) return e;
        if (e instanceof Name n) return map.getOrDefault(n.id(), e);
        if (e instanceof Aggregate a) {
            Map<String, Expr> inner = new HashMap<>(map);
            inner.remove(a.var());
            String var = a.var();
            Expr body = a.body(), exclude = a.exclude();
            if (capturedBy(var, inner)) {
                String fresh = freshName(var, e, inner);
                body = substitute(body, Map.of(var, name(fresh)));
                exclude = exclude == null ? null : substitute(exclude, Map.of(var, name(fresh)));
                var = fresh;
            }
            return new Aggregate(a.kind(), var, substitute(a.lo(), map), substitute(a.hi(), map),
                    exclude == null ? null : substitute(exclude, inner), substitute(body, inner), a.pos());
        }
        if (e instanceof Limit l) {
            Map<String, Expr> inner = new HashMap<>(map);
            inner.remove(l.var());
            String var = l.var();
            Expr body = l.body();
            if (capturedBy(var, inner)) {
                String fresh = freshName(var, e, inner);
                body = substitute(body, Map.of(var, name(fresh)));
                var = fresh;
            }
            return new Limit(var, substitute(l.target(), map), substitute(body, inner), l.pos());
        }
        return mapChildren(e, c -> substitute(c, map));
    }

    private static boolean capturedBy(String var, Map<String, Expr> map) {
        for (Expr v : map.values()) if (freeNames(v).contains(var)) return true;
        return false;
    }

    private static String freshName(String var, Expr scope, Map<String, Expr> map) {
        Set<String> taken = new java.util.HashSet<>(freeNames(scope));
        for (Expr v : map.values()) taken.addAll(freeNames(v));
        taken.addAll(map.keySet());
        for (int i = 1; ; i++) {
            String candidate = var + "_" + i;
            if (!taken.contains(candidate) && !contains(scope, x -> x instanceof Name n && n.id().equals(candidate))) return candidate;
        }
    }

    public static Expr substitute(Expr e, String name, Expr value) { return substitute(e, Map.of(name, value)); }

    /** Unfolds the lets named in {@code which} (all lets when null), recursively. */
    public static Expr inline(Expr e, Theory theory, Set<String> which) {
        if (e instanceof Name n && theory.lets.containsKey(n.id()) && (which == null || which.contains(n.id()))) {
            LetDecl l = theory.lets.get(n.id());
            if (l.params().isEmpty()) return inline(l.body(), theory, which);
        }
        if (e instanceof Call c && theory.lets.containsKey(c.fn()) && (which == null || which.contains(c.fn()))) {
            LetDecl l = theory.lets.get(c.fn());
            Map<String, Expr> args = new HashMap<>();
            for (int i = 0; i < l.params().size(); i++) args.put(l.params().get(i), inline(c.args().get(i), theory, which));
            return inline(substitute(l.body(), args), theory, which);
        }
        return mapChildren(e, c -> inline(c, theory, which));
    }

    /** Free names (variables, objects, lets) in order of first appearance. */
    public static Set<String> freeNames(Expr e) {
        Set<String> out = new LinkedHashSet<>();
        collect(e, Set.of(), out);
        return out;
    }

    private static void collect(Expr e, Set<String> bound, Set<String> out) {
        if (e instanceof Name n) {
            if (!bound.contains(n.id())) out.add(n.id());
            return;
        }
        if (e instanceof Call c && !bound.contains(c.fn()) && !MatrixBuiltins.ARITY.containsKey(c.fn())) out.add(c.fn());
        if (e instanceof Aggregate a) {
            collect(a.lo(), bound, out);
            collect(a.hi(), bound, out);
            Set<String> inner = new java.util.HashSet<>(bound);
            inner.add(a.var());
            if (a.exclude() != null) collect(a.exclude(), inner, out);
            collect(a.body(), inner, out);
            return;
        }
        if (e instanceof Limit l) {
            collect(l.target(), bound, out);
            Set<String> inner = new java.util.HashSet<>(bound);
            inner.add(l.var());
            collect(l.body(), inner, out);
            return;
        }
        for (Expr c : children(e)) collect(c, bound, out);
    }

    /** True when the expression mentions a vector, matrix, sequence, activation or norm. */
    public static boolean isNonScalar(Expr e, Theory theory) {
        if (e instanceof Norm || e instanceof Index) return true;
        if (e instanceof Name n && theory.isObject(n.id())) return true;
        if (e instanceof Call c && theory.funs.containsKey(c.fn())) return true;
        if (MatrixBuiltins.is(e)) return true;
        for (Expr c : children(e)) if (isNonScalar(c, theory)) return true;
        return false;
    }

    public static boolean contains(Expr e, java.util.function.Predicate<Expr> p) {
        if (p.test(e)) return true;
        for (Expr c : children(e)) if (contains(c, p)) return true;
        return false;
    }
}
