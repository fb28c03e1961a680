package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.util.List;
import java.util.Map;

/** Syntactic first-order matching of a pattern (with pattern variables) against an expression. */
final class Matcher {
    private Matcher() {}

    static boolean match(Expr pattern, Expr target, List<String> vars, Map<String, Expr> sigma) {
        return match(pattern, target, vars, sigma, java.util.Set.of());
    }

    /**
     * {@code binders}: variables bound by a sum or limit around the current position of the target.
     * A pattern variable may not be bound to a term that mentions one: it would escape its scope.
     */
    private static boolean match(Expr pattern, Expr target, List<String> vars, Map<String, Expr> sigma, java.util.Set<String> binders) {
        if (pattern instanceof Name n && vars.contains(n.id())) {
            if (!binders.isEmpty() && !java.util.Collections.disjoint(Exprs.freeNames(target), binders)) return false;
            Expr bound = sigma.get(n.id());
            if (bound == null) { sigma.put(n.id(), target); return true; }
            return bound.equals(target);
        }
        if (pattern.getClass() != target.getClass()) return false;
        if (pattern instanceof Num || pattern instanceof Name || pattern instanceof Infinity) return pattern.equals(target);
        if (pattern instanceof Binary p && ((Binary) target).op() != p.op()) return false;
        if (pattern instanceof Call p && (!p.fn().equals(((Call) target).fn()) || p.args().size() != ((Call) target).args().size())) return false;
        if (pattern instanceof Norm p && p.kind() != ((Norm) target).kind()) return false;
        if (pattern instanceof Aggregate p && (p.kind() != ((Aggregate) target).kind() || !p.var().equals(((Aggregate) target).var()))) return false;
        if (pattern instanceof Limit p && !p.var().equals(((Limit) target).var())) return false;
        List<Expr> pc = Exprs.children(pattern), tc = Exprs.children(target);
        if (pc.size() != tc.size()) return false;
        java.util.Set<String> inner = binders;
        if (target instanceof Aggregate a) { inner = new java.util.HashSet<>(binders); inner.add(a.var()); }
        if (target instanceof Limit l) { inner = new java.util.HashSet<>(binders); inner.add(l.var()); }
        for (int i = 0; i < pc.size(); i++) if (!match(pc.get(i), tc.get(i), vars, sigma, inner)) return false;
        return true;
    }
}
