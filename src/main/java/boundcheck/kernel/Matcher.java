package boundcheck.kernel;

import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import java.util.List;
import java.util.Map;

/** Syntactic first-order matching of a pattern (with pattern variables) against an expression. */
final class Matcher {
    private Matcher() {}

    static boolean match(Expr pattern, Expr target, List<String> vars, Map<String, Expr> sigma) {
        if (pattern instanceof Name n && vars.contains(n.id())) {
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
        for (int i = 0; i < pc.size(); i++) if (!match(pc.get(i), tc.get(i), vars, sigma)) return false;
        return true;
    }
}
