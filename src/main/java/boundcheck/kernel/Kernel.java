package boundcheck.kernel;

import boundcheck.cas.Cas;
import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a step {@code lhs REL rhs} follows from the rules it cites. Every path to
 * {@code proved} ends in a check listed in {@link Outcome#sideConditions}: a structural identity, a
 * sign fact, a matched instance of a cited fact, or an identity/inequality the CAS established.
 */
public final class Kernel {
    /** The verdict of the kernel on one step, with the side conditions it discharged or why it failed. */
    public record Outcome(boolean proved, List<String> sideConditions, String reason) {
        static Outcome no(String reason) { return new Outcome(false, List.of(), reason); }
    }

    /** Everything the kernel may use for one step. Expressions in facts and hypotheses have lets inlined. */
    public record Context(Map<String, Domain> domains, List<Relation> hypotheses, Map<String, List<Fact>> citable,
                          Map<String, LetDecl> lets, Set<String> seqs, Shapes shapes) {
        public Context(Map<String, Domain> domains, List<Relation> hypotheses, Map<String, List<Fact>> citable,
                       Map<String, LetDecl> lets, Set<String> seqs) {
            this(domains, hypotheses, citable, lets, seqs, Shapes.NONE);
        }
    }

    /** How deep structural rules may chain ({@code ||W x|| <= ||W|| ||x|| <= B_W B_x}) inside one step. */
    private static final int MAX_STRUCTURAL_DEPTH = 4;

    private final Cas cas;
    private final Context ctx;
    private final List<String> discharged = new ArrayList<>();
    private List<Fact> usable = List.of();
    private final List<Relation> localHyps = new ArrayList<>();
    private Structural structural;
    private VectorAlgebra vectors;
    private int structuralDepth;

    private Kernel(Cas cas, Context ctx) {
        this.cas = cas;
        this.ctx = ctx;
    }

    /** The kernel's decision for a step. {@code lhs} and {@code rhs} are as written (lets not inlined). */
    public static Outcome check(Cas cas, Context ctx, Expr lhs, Rel rel, Expr rhs, List<RuleRef> rules) {
        return new Kernel(cas, ctx).run(lhs, rel, rhs, rules);
    }

    private Expr inline(Expr e, Set<String> which) {
        Expr out = e;
        for (int i = 0; i < 20; i++) {
            Expr next = inlineOnce(out, which);
            if (next.equals(out)) return out;
            out = next;
        }
        return out;
    }

    private Expr inlineOnce(Expr e, Set<String> which) {
        if (e instanceof Name n && ctx.lets().containsKey(n.id()) && (which == null || which.contains(n.id()))
                && ctx.lets().get(n.id()).params().isEmpty()) {
            return ctx.lets().get(n.id()).body();
        }
        if (e instanceof Call c && ctx.lets().containsKey(c.fn()) && (which == null || which.contains(c.fn()))) {
            LetDecl l = ctx.lets().get(c.fn());
            Map<String, Expr> args = new HashMap<>();
            for (int i = 0; i < l.params().size(); i++) args.put(l.params().get(i), c.args().get(i));
            return Exprs.substitute(l.body(), args);
        }
        return Exprs.mapChildren(e, x -> inlineOnce(x, which));
    }

    private Outcome run(Expr lhs0, Rel rel, Expr rhs0, List<RuleRef> rules) {
        if (rules.isEmpty()) return Outcome.no("no rule cited");
        Set<String> names = new java.util.HashSet<>();
        for (RuleRef r : rules) names.add(r.name());
        if (names.contains("numeric")) return Outcome.no("rule 'numeric': numeric testing only");
        Set<String> structuralNames = new java.util.HashSet<>(names);
        structuralNames.retainAll(Structural.NAMES);
        Map<String, Set<String>> ruleArgs = new HashMap<>();
        for (RuleRef r : rules) {
            if (Structural.NAMES.contains(r.name()) && r.arg() != null) ruleArgs.computeIfAbsent(r.name(), k -> new java.util.HashSet<>()).add(r.arg());
        }
        // homogeneity and ||-v|| = ||v|| are equalities: mono and algebra may use them too
        if (structuralNames.isEmpty() && (names.contains("mono") || names.contains("algebra"))) structuralNames.add("homogeneity");
        vectors = new VectorAlgebra(ctx.shapes(), d -> cas.isZero(d, assumptions()));
        structural = new Structural(ctx.shapes(), structuralNames, ruleArgs).withAlgebra(vectors);
        // rewriting rules: unfold named definitions, geometric sums, limits
        Set<String> unfold = new java.util.HashSet<>();
        Set<String> unfoldSeqs = new java.util.HashSet<>();
        for (RuleRef r : rules) {
            if (r.name().equals("def") && ctx.seqs().contains(r.arg())) unfoldSeqs.add(r.arg());
            else if (r.name().equals("def")) unfold.add(r.arg());
        }
        Expr lhs = twoIsDefault(lhs0), rhs = twoIsDefault(rhs0);
        if (!unfoldSeqs.isEmpty()) {
            // an element whose index is not provably that of an equation stays as it is
            lhs = unfoldSeqs(lhs, unfoldSeqs);
            rhs = unfoldSeqs(rhs, unfoldSeqs);
        }
        if (!unfold.isEmpty()) {
            lhs = inline(lhs, unfold);
            rhs = inline(rhs, unfold);
            discharged.add("unfolded " + String.join(", ", unfold));
        }
        lhs = inline(lhs, null);
        rhs = inline(rhs, null);
        // Closed forms of sums and products (ours and Symja's) assume the range is not reversed
        // beyond empty: hi >= lo - 1. An empty range where the closed form says otherwise is false.
        for (Expr side : List.of(lhs, rhs)) {
            String bad = reversedRange(side);
            if (bad != null) return Outcome.no("cannot show that the range of " + bad + " is not reversed (hi >= lo - 1)");
        }
        if (names.contains("geometric")) {
            Expr l2 = geometric(lhs), r2 = geometric(rhs);
            if (l2.equals(lhs) && r2.equals(rhs)) return Outcome.no("rule 'geometric': no sum(j = a..b) q^j to rewrite");
            lhs = l2;
            rhs = r2;
        }
        if (names.contains("limit")) {
            Expr l2 = limits(lhs), r2 = limits(rhs);
            if (l2 == null || r2 == null) return Outcome.no("rule 'limit': the CAS found no limit");
            lhs = l2;
            rhs = r2;
        }
        // facts cited by name
        List<Fact> facts = new ArrayList<>();
        for (RuleRef r : rules) {
            List<Fact> f = ctx.citable().get(r.name());
            if (f != null) facts.addAll(f);
        }
        List<Fact> normalized = new ArrayList<>();
        for (Fact f : facts) {
            List<Relation> conds = new ArrayList<>();
            for (Relation c : f.conditions()) conds.add(twoIsDefault(c));
            normalized.add(new Fact(f.source(), f.patternVars(), twoIsDefault(f.relation()), conds, f.integerVars()));
        }
        usable = normalized;
        if (names.contains("unroll")) return unroll(lhs, rel, rhs);
        boolean descent = names.contains("mono") || !facts.isEmpty() || names.contains("positivity") || !structuralNames.isEmpty();

        if (rel == Rel.EQ) {
            if (Exprs.same(lhs, rhs)) return proved("both sides are the same expression");
            if (!scalar(lhs) || !scalar(rhs)) {
                // the CAS multiplies commutatively: vectors and matrices are compared by expansion only
                if (vectors.equal(lhs, rhs)) return proved("vector algebra: both sides expand to the same non-commutative polynomial");
                return Outcome.no("could not show the two sides equal as vector expressions");
            }
            if (cas.isZero(Exprs.bin(BinOp.SUB, lhs, rhs), assumptions())) return proved("CAS: lhs - rhs simplifies to 0");
            if (descent && le(lhs, rhs) && le(rhs, lhs)) return proved("both directions");
            return Outcome.no("could not show the two sides equal");
        }
        if (rel == Rel.NE || rel == Rel.APPROX) return Outcome.no("relation '" + rel.symbol + "' is checked numerically only");
        Expr small = rel.isUpper() ? lhs : rhs, big = rel.isUpper() ? rhs : lhs;
        if (rel.isStrict()) {
            if (strictPositive(Exprs.bin(BinOp.SUB, big, small))) return proved("difference is positive");
            return Outcome.no("could not show the strict inequality");
        }
        if (descent ? le(small, big) : nonneg(Exprs.bin(BinOp.SUB, big, small))) {
            return proved(descent ? "monotone descent" : "difference is nonnegative");
        }
        return Outcome.no("no side condition left could be proved");
    }

    private boolean scalar(Expr e) { return ctx.shapes().kind(e) == Shapes.Kind.SCALAR; }

    private Outcome proved(String how) {
        List<String> all = new ArrayList<>(discharged);
        all.add(how);
        return new Outcome(true, List.copyOf(all), null);
    }

    private Cas.Assumptions assumptions() {
        List<Relation> hyps = new ArrayList<>(ctx.hypotheses());
        hyps.addAll(localHyps);
        return new Cas.Assumptions(domainKinds(), hyps);
    }

    private Map<String, DomainKind> domainKinds() {
        Map<String, DomainKind> out = new HashMap<>();
        ctx.domains().forEach((k, v) -> out.put(k, v.kind()));
        return out;
    }

    private Signs signs() {
        List<Relation> hyps = new ArrayList<>(ctx.hypotheses());
        hyps.addAll(localHyps);
        Map<String, Domain> domains = ctx.domains();
        if (!localHyps.isEmpty()) {
            // the index of a sum being descended into ranges over integers
            domains = new HashMap<>(domains);
            for (Relation h : localHyps) {
                if (h.lhs() instanceof Name v && !domains.containsKey(v.id())) domains.put(v.id(), new Domain(DomainKind.INT, null, Pos.NONE));
            }
        }
        return new Signs(domains, hyps);
    }

    // ---- leaf checks ---------------------------------------------------------------------

    private boolean nonneg(Expr d) { return signProved(d, false); }

    private boolean strictPositive(Expr d) { return signProved(d, true); }

    /** {@code d >= 0} (or {@code > 0}): sign rules on d, then on its normal forms, then the CAS. */
    private boolean signProved(Expr d, boolean strict) {
        Signs s = signs();
        String rel = strict ? " > 0" : " >= 0";
        java.util.function.Predicate<Expr> ok = e -> strict ? s.of(e).pos() : s.of(e).nonneg();
        if (ok.test(d)) { discharged.add("sign: " + Printer.print(d) + rel); return true; }
        for (Expr form : cas.normalForms(d, assumptions())) {
            if (ok.test(form)) { discharged.add("sign of normal form: " + Printer.print(form) + rel); return true; }
        }
        if (cas.provesNonnegative(d, assumptions(), strict)) { discharged.add("CAS: " + Printer.print(d) + rel); return true; }
        return false;
    }

    // ---- monotone descent (gcongr) --------------------------------------------------------

    /** Proves {@code a <= b}. */
    private boolean le(Expr a, Expr b) {
        if (Exprs.same(a, b)) return true;
        if (fromFacts(a, b)) return true;
        // 1 compared with a power: read 1 as base^0, so the exponents are compared
        if (isOne(a) && b instanceof Binary p && p.op() == BinOp.POW) a = Exprs.bin(BinOp.POW, p.left(), Exprs.num(0));
        if (isOne(b) && a instanceof Binary p && p.op() == BinOp.POW) b = Exprs.bin(BinOp.POW, p.left(), Exprs.num(0));
        if (a.getClass() == b.getClass() && sameHead(a, b)) {
            List<Expr> ca = Exprs.children(a), cb = Exprs.children(b);
            boolean ok = true;
            int before = discharged.size();
            for (int i = 0; i < ca.size() && ok; i++) {
                if (Exprs.same(ca.get(i), cb.get(i))) continue;
                int m = monotonicity(a, b, i);
                if (m == 0) { ok = false; break; }
                boolean bound = a instanceof Aggregate && i == ca.size() - 1;
                if (bound) pushRange((Aggregate) a);
                ok = m > 0 ? le(ca.get(i), cb.get(i)) : le(cb.get(i), ca.get(i));
                if (bound) localHyps.subList(localHyps.size() - 2, localHyps.size()).clear();
            }
            if (ok) return true;
            discharged.subList(before, discharged.size()).clear();
        }
        if (sameNorm(a, b)) return true;
        if (alignProducts(a, b)) return true;
        // a <= min(p, q) when a <= p and a <= q; max(p, q) <= b when p <= b and q <= b
        if (Exprs.strip(b) instanceof Call m && m.fn().equals("min") && !m.args().isEmpty()) {
            int before = discharged.size();
            boolean all = true;
            for (Expr x : m.args()) all = all && le(a, x);
            if (all) return true;
            discharged.subList(before, discharged.size()).clear();
        }
        if (Exprs.strip(a) instanceof Call m && m.fn().equals("max") && !m.args().isEmpty()) {
            int before = discharged.size();
            boolean all = true;
            for (Expr x : m.args()) all = all && le(x, b);
            if (all) return true;
            discharged.subList(before, discharged.size()).clear();
        }
        if (triangleTo(a, b)) return true;
        if (structuralDepth < MAX_STRUCTURAL_DEPTH && bySubstitution(a, b)) return true;
        if (structuralDepth < MAX_STRUCTURAL_DEPTH) {
            for (Structural.Bound bound : structural.bounds(a)) {
                int before = discharged.size();
                if (!conditionsHold(bound)) { discharged.subList(before, discharged.size()).clear(); continue; }
                structuralDepth++;
                boolean ok = le(inline(bound.upper(), null), b);
                structuralDepth--;
                if (ok) {
                    discharged.add(before, Structural.show(a, bound));
                    return true;
                }
                discharged.subList(before, discharged.size()).clear();
            }
        }
        if (ctx.shapes().kind(a) != Shapes.Kind.SCALAR || ctx.shapes().kind(b) != Shapes.Kind.SCALAR) return false;
        return nonneg(Exprs.bin(BinOp.SUB, b, a));
    }

    /**
     * {@code a <= b} when a cited fact {@code P <= Q} has P inside a at a position where a is
     * nondecreasing (checked node by node on the path, as in the descent), and {@code a[P := Q] <= b}.
     * This is {@code mono} with a bound from IH, an assumption or a lemma, when the author's terms do
     * not line up with b's ({@code B_U * ||h[t-1]||} against {@code B_U * rho_h * ... * S(beta, t-1)}).
     */
    private boolean bySubstitution(Expr a, Expr b) {
        List<Expr> subterms = new ArrayList<>();
        collectSubterms(a, subterms);
        for (Expr p : subterms) {
            List<Expr[]> bounds = upperBounds(p);
            int fromFacts = bounds.size();
            // a structural rule's bound of a norm inside a product or sum ({@code 2 * ||f(a)||} below
            // {@code 2 * rho * ||a||} when the factors do not line up): at the top of a step only, and
            // followed by one more level at most (each level multiplies the CAS calls)
            if (structuralDepth == 0 && (p instanceof Norm || p instanceof Abs)) {
                for (Structural.Bound sb : structural.bounds(p)) {
                    int before = discharged.size();
                    if (conditionsHold(sb)) bounds.add(new Expr[] {Exprs.name(sb.why().replace(' ', '_')), inline(sb.upper(), null)});
                    else discharged.subList(before, discharged.size()).clear();
                }
            }
            for (int k = 0; k < bounds.size(); k++) {
                Expr[] pq = bounds.get(k);
                int before = discharged.size();
                Expr a2 = replaceMonotone(a, p, pq[1]);
                if (a2 != null) {
                    int saved = structuralDepth;
                    structuralDepth = k < fromFacts ? structuralDepth + 1 : MAX_STRUCTURAL_DEPTH - 1;
                    boolean ok = Exprs.same(a2, b) || le(a2, b);
                    structuralDepth = saved;
                    if (ok) {
                        discharged.add(before, "replaced " + Printer.print(p) + " by its bound " + Printer.print(pq[1]) + " (" + Printer.print(pq[0]) + "), where the expression is nondecreasing in it");
                        return true;
                    }
                }
                discharged.subList(before, discharged.size()).clear();
            }
        }
        return false;
    }

    private static void collectSubterms(Expr e, List<Expr> out) {
        if (!(e instanceof Num) && !(e instanceof Name) && out.stream().noneMatch(x -> Exprs.same(x, e))) out.add(e);
        for (Expr c : Exprs.children(e)) collectSubterms(c, out);
    }

    /** Bounds {@code p <= q} from hypotheses and cited facts: pairs {source text, q}. */
    private List<Expr[]> upperBounds(Expr p) {
        List<Expr[]> out = new ArrayList<>();
        List<Relation> pool = new ArrayList<>(localHyps);
        pool.addAll(ctx.hypotheses());
        for (Relation h : pool) {
            Relation r = twoIsDefault(h);
            if (r.rel() == Rel.LE || r.rel() == Rel.LT) { if (Exprs.same(r.lhs(), p)) out.add(new Expr[] {new Abs(Exprs.name("hypothesis"), Pos.NONE), r.rhs()}); }
            else if (r.rel() == Rel.GE || r.rel() == Rel.GT) { if (Exprs.same(r.rhs(), p)) out.add(new Expr[] {new Abs(Exprs.name("hypothesis"), Pos.NONE), r.lhs()}); }
        }
        for (Fact f : usable) {
            Relation r = f.relation();
            Expr small, big;
            if (r.rel() == Rel.LE || r.rel() == Rel.LT) { small = r.lhs(); big = r.rhs(); }
            else if (r.rel() == Rel.GE || r.rel() == Rel.GT) { small = r.rhs(); big = r.lhs(); }
            else continue;
            Map<String, Expr> sigma = new HashMap<>();
            if (!Matcher.match(Exprs.strip(small), Exprs.strip(p), f.patternVars(), sigma)) continue;
            boolean ok = true;
            for (String v : f.integerVars()) if (sigma.get(v) != null && !signs().isInteger(sigma.get(v))) ok = false;
            int before = discharged.size();
            String key = f.source() + "|bound of|" + Printer.print(p);
            if (!instantiating.add(key)) continue;
            try {
                for (Relation cond : f.conditions()) {
                    if (!ok) break;
                    ok = holds(substitute(cond, sigma));
                }
            } finally {
                instantiating.remove(key);
            }
            if (!ok) { discharged.subList(before, discharged.size()).clear(); continue; }
            out.add(new Expr[] {Exprs.name(f.source().replace(' ', '_')), Exprs.substitute(big, sigma)});
        }
        return out;
    }

    /** {@code e} with {@code p} replaced by {@code q}, or null unless every node on the way is nondecreasing in it. */
    private Expr replaceMonotone(Expr e, Expr p, Expr q) {
        if (Exprs.same(e, p)) return q;
        List<Expr> kids = Exprs.children(e);
        boolean found = false;
        for (Expr k : kids) if (Exprs.contains(k, x -> Exprs.same(x, p))) found = true;
        if (!found) return null;
        if (!(e instanceof Binary || e instanceof Call || e instanceof Neg || e instanceof Aggregate)) return null;
        if (e instanceof Aggregate) return null; // the index may occur in p
        List<Expr> replaced = new ArrayList<>();
        for (Expr k : kids) {
            if (!Exprs.contains(k, x -> Exprs.same(x, p))) { replaced.add(k); continue; }
            Expr r = replaceMonotone(k, p, q);
            if (r == null) return null;
            replaced.add(r);
        }
        Expr e2 = withChildren(e, replaced);
        for (int i = 0; i < kids.size(); i++) {
            if (replaced.get(i) == kids.get(i)) continue;
            if (monotonicity(e, e2, i) <= 0) return null;
        }
        return e2;
    }

    private static Expr withChildren(Expr e, List<Expr> kids) {
        int[] i = {0};
        return Exprs.mapChildren(e, x -> kids.get(i[0]++));
    }

    /**
     * The triangle inequality split the way the right side is written: {@code ||v|| <= ||p|| + ||q||}
     * when v equals {@code +-p +- q} as a vector expression (the author's grouping, not term by term).
     */
    private boolean triangleTo(Expr a, Expr b) {
        if (!structural.cites("triangle") || !(Exprs.strip(a) instanceof Norm na)) return false;
        List<Expr> parts = new ArrayList<>();
        collectSum(Exprs.strip(b), parts);
        if (parts.size() < 2 || parts.size() > 4) return false;
        List<Expr> args = new ArrayList<>();
        for (Expr p : parts) {
            if (!(Exprs.strip(p) instanceof Norm np) || np.kind() != na.kind()) return false;
            args.add(np.arg());
        }
        for (int signs = 0; signs < (1 << (args.size() - 1)); signs++) {
            Expr sum = args.get(0);
            for (int i = 1; i < args.size(); i++) sum = Exprs.bin((signs >> (i - 1) & 1) == 0 ? BinOp.ADD : BinOp.SUB, sum, args.get(i));
            if (vectors.equal(na.arg(), sum) || vectors.equal(na.arg(), new Neg(sum, Pos.NONE))) {
                discharged.add("triangle: " + Printer.print(a) + " <= " + Printer.print(b) + " (" + Printer.print(na.arg()) + " = +-(" + Printer.print(sum) + "))");
                return true;
            }
        }
        return false;
    }

    private static void collectSum(Expr e, List<Expr> out) {
        if (e instanceof Binary x && x.op() == BinOp.ADD) {
            collectSum(Exprs.strip(x.left()), out);
            collectSum(Exprs.strip(x.right()), out);
        } else {
            out.add(e);
        }
    }

    /**
     * {@code a * c <= b * c} from {@code a <= b} and {@code c >= 0}: factors common to both products
     * (in any order) cancel, the rest is compared. This lines up {@code rho * ||x||} with
     * {@code rho * ||u|| * ||W||} where the descent, which compares children in place, cannot.
     */
    private boolean alignProducts(Expr a, Expr b) {
        List<Expr> fa = new ArrayList<>(), fb = new ArrayList<>();
        collectFactors(a, fa);
        collectFactors(b, fb);
        if (fa.size() < 2 && fb.size() < 2) return false;
        // scalars only: matrix products do not commute
        for (Expr f : fa) if (!scalar(f)) return false;
        for (Expr f : fb) if (!scalar(f)) return false;
        List<Expr> common = new ArrayList<>();
        for (java.util.Iterator<Expr> it = fa.iterator(); it.hasNext(); ) {
            Expr x = it.next();
            for (int j = 0; j < fb.size(); j++) {
                if (Exprs.same(x, fb.get(j))) { common.add(x); fb.remove(j); it.remove(); break; }
            }
        }
        if (common.isEmpty()) return false;
        int before = discharged.size();
        Signs sg = signs();
        for (Expr c : common) {
            if (!sg.of(c).nonneg()) { discharged.subList(before, discharged.size()).clear(); return false; }
        }
        Expr ra = product(fa), rb = product(fb);
        if (Exprs.same(ra, a) && Exprs.same(rb, b)) return false;
        if (le(ra, rb)) {
            discharged.add(before, "cancelled the common nonnegative factors " + common.stream().map(Printer::print).toList());
            return true;
        }
        discharged.subList(before, discharged.size()).clear();
        return false;
    }

    private static Expr product(List<Expr> factors) {
        Expr out = null;
        for (Expr f : factors) out = out == null ? f : Exprs.bin(BinOp.MUL, out, f);
        return out == null ? Exprs.num(1) : out;
    }

    /** A declared constant a rule relies on ({@code L} of {@code lipschitz L}, a bound b) is nonnegative. */
    private boolean conditionsHold(Structural.Bound bound) {
        for (Expr c : bound.nonneg()) if (!nonneg(inline(c, null))) return false;
        return true;
    }

    /** Norms of the same kind whose arguments are equal (or opposite) as vector expressions. */
    private boolean sameNorm(Expr a, Expr b) {
        if (!(Exprs.strip(a) instanceof Norm na) || !(Exprs.strip(b) instanceof Norm nb) || na.kind() != nb.kind()) return false;
        if (ctx.shapes().kind(na.arg()) == Shapes.Kind.SCALAR) return false;
        if (vectors.equal(na.arg(), nb.arg())) {
            discharged.add("vector algebra: " + Printer.print(na.arg()) + " = " + Printer.print(nb.arg()));
            return true;
        }
        if (vectors.equal(na.arg(), new Neg(nb.arg(), Pos.NONE))) {
            discharged.add("vector algebra: " + Printer.print(na.arg()) + " = -(" + Printer.print(nb.arg()) + ")");
            return true;
        }
        return false;
    }

    // ---- sequences -------------------------------------------------------------------------

    private static Expr twoIsDefault(Expr e) {
        Expr inner = Exprs.mapChildren(e, Kernel::twoIsDefault);
        if (inner instanceof Norm n && n.kind() == NormKind.TWO) return new Norm(n.arg(), NormKind.DEFAULT, n.pos());
        return inner;
    }

    private static Relation twoIsDefault(Relation r) {
        return new Relation(twoIsDefault(r.lhs()), r.rel(), twoIsDefault(r.rhs()), r.pos());
    }

    /**
     * {@code h[e]} becomes the body of h's general equation at {@code e} when the kernel shows e is
     * an integer above every base index, or the base equation's value when e is that index. The norm
     * of a zero base is 0.
     */
    private Expr unfoldSeqs(Expr e, Set<String> which) {
        // the norm of an expression built from zero bases of vector sequences: 0 when replacing each
        // such element by 0 leaves no vector and the CAS simplifies the rest to 0 (matrices times zero)
        if (e instanceof Norm n) {
            Expr zeroed = zeroBases(n.arg(), which);
            if (zeroed != n.arg()) {
                boolean noVectors = Exprs.freeNames(zeroed).stream().noneMatch(x -> ctx.shapes().vecs().containsKey(x) || ctx.shapes().seqs().containsKey(x));
                if (noVectors && cas.isZero(zeroed, assumptions())) {
                    discharged.add("def: " + Printer.print(n.arg()) + " is built from zero vectors, so " + Printer.print(n) + " = 0");
                    return Exprs.num(0);
                }
            }
        }
        Expr inner = Exprs.mapChildren(e, x -> unfoldSeqs(x, which));
        if (inner instanceof Norm n && ctx.shapes().kind(n.arg()) == Shapes.Kind.SCALAR && (Exprs.strip(n.arg()) instanceof Num z && z.value().signum() == 0
                || cas.isZero(n.arg(), assumptions()))) {
            discharged.add("the norm of the zero vector: " + Printer.print(n) + " = 0");
            return Exprs.num(0);
        }
        if (!(inner instanceof Index ix) || !(Exprs.strip(ix.base()) instanceof Name name) || !which.contains(name.id())) return inner;
        List<SeqDecl> decls = ctx.shapes().seqs().get(name.id());
        if (decls == null) return inner;
        Expr index = Exprs.strip(ix.index());
        SeqDecl general = null;
        List<Expr> bases = new ArrayList<>();
        for (SeqDecl d : decls) {
            Expr di = Exprs.strip(d.index());
            if (di instanceof Name) { general = d; continue; }
            bases.add(di);
            boolean atBase = di instanceof Num dn && index instanceof Num in ? dn.value().compareTo(in.value()) == 0
                    : !(index instanceof Num) && cas.isZero(Exprs.bin(BinOp.SUB, index, di), assumptions());
            if (atBase) {
                Expr body = Exprs.strip(d.body());
                // a literal 0 is the zero of h's shape: as a scalar it would lose that (||h[0] + 1||)
                if (body instanceof Num z && z.value().signum() == 0 && ctx.shapes().kind(ix) != Shapes.Kind.SCALAR) return inner;
                discharged.add("def " + name.id() + ": " + Printer.print(ix) + " = " + Printer.print(d.body()));
                return inline(d.body(), null);
            }
        }
        if (general == null || !signs().isInteger(index)) return inner;
        int before = discharged.size();
        for (Expr base : bases) {
            if (!strictPositive(Exprs.bin(BinOp.SUB, index, base))) {
                discharged.subList(before, discharged.size()).clear();
                return inner;
            }
        }
        String var = ((Name) Exprs.strip(general.index())).id();
        Expr body = Exprs.substitute(inline(general.body(), null), var, index);
        discharged.add("def " + name.id() + ": " + Printer.print(ix) + " = " + Printer.print(body));
        return twoIsDefault(body);
    }

    /** {@code e} with every element of a cited sequence at a literal-0 base replaced by 0; {@code e} itself when there is none. */
    private Expr zeroBases(Expr e, Set<String> which) {
        if (e instanceof Index ix && Exprs.strip(ix.base()) instanceof Name name && which.contains(name.id())) {
            List<SeqDecl> decls = ctx.shapes().seqs().get(name.id());
            Expr index = Exprs.strip(ix.index());
            for (SeqDecl d : decls == null ? List.<SeqDecl>of() : decls) {
                Expr di = Exprs.strip(d.index()), body = Exprs.strip(d.body());
                if (di instanceof Name || !(body instanceof Num z && z.value().signum() == 0)) continue;
                boolean atBase = di instanceof Num dn && index instanceof Num in ? dn.value().compareTo(in.value()) == 0
                        : !(index instanceof Num) && cas.isZero(Exprs.bin(BinOp.SUB, index, di), assumptions());
                if (atBase) return Exprs.num(0);
            }
            return e;
        }
        List<Expr> kids = Exprs.children(e);
        List<Expr> out = new ArrayList<>();
        boolean changed = false;
        for (Expr k : kids) {
            Expr z = zeroBases(k, which);
            changed |= z != k;
            out.add(z);
        }
        return changed ? withChildren(e, out) : e;
    }

    // ---- unroll ------------------------------------------------------------------------------

    /**
     * From a cited fact {@code forall s >= s0 + 1: X(s) <= c + q X(s-1)} with {@code c, q >= 0} free of s,
     * and {@code X(s0) = 0} (a sequence's zero base), the step {@code X(t) <= rhs} follows when
     * {@code c * sum(j = 0..t-s0-1) q^j <= rhs} and {@code t >= s0} (induction on t, done once here).
     */
    private Outcome unroll(Expr lhs, Rel rel, Expr rhs) {
        if (rel != Rel.LE && rel != Rel.LT) {
            if (rel != Rel.GE && rel != Rel.GT) return Outcome.no("rule 'unroll' gives an upper bound");
            Expr t = lhs; lhs = rhs; rhs = t;
        }
        if (rel.isStrict()) return Outcome.no("rule 'unroll' gives a non-strict bound");
        for (Fact f : usable) {
            if (f.patternVars().size() != 1 || f.relation().rel() != Rel.LE) continue;
            String s = f.patternVars().get(0);
            Expr x = f.relation().lhs(), r = f.relation().rhs();
            Expr prev = Exprs.substitute(x, s, Exprs.bin(BinOp.SUB, Exprs.name(s), Exprs.num(1)));
            // read r as c + q * X(s-1): replace X(s-1) by a fresh symbol, then c = r[X:=0], q = r[X:=1] - c
            String fresh = "unroll#X";
            Expr rx = replace(r, prev, Exprs.name(fresh));
            if (!Exprs.freeNames(rx).contains(fresh)) continue;
            Expr c = Exprs.substitute(rx, fresh, Exprs.num(0));
            Expr q = Exprs.bin(BinOp.SUB, Exprs.substitute(rx, fresh, Exprs.num(1)), c);
            if (Exprs.freeNames(c).contains(s) || Exprs.freeNames(q).contains(s)) continue;
            if (!cas.isZero(Exprs.bin(BinOp.SUB, rx, Exprs.bin(BinOp.ADD, c, Exprs.bin(BinOp.MUL, q, Exprs.name(fresh)))), assumptions())) continue;
            // the binder s >= lo: the recurrence holds from lo on, so X(lo - 1) is the start
            Expr lo = null;
            for (Relation cond : f.conditions()) {
                if (cond.lhs() instanceof Name v && v.id().equals(s) && cond.rel() == Rel.GE && !Exprs.freeNames(cond.rhs()).contains(s)) { lo = cond.rhs(); break; }
            }
            // the recurrence holds at integers s >= lo, so the start lo - 1 must be an integer too
            if (lo == null || !signs().isInteger(lo)) continue;
            // other conditions: lower bounds on s that hold at lo (so for every s >= lo), or free of s and provable
            boolean usable = true;
            int mark = discharged.size();
            for (Relation cond : f.conditions()) {
                if (!usable) break;
                boolean mentions = Exprs.freeNames(cond.lhs()).contains(s) || Exprs.freeNames(cond.rhs()).contains(s);
                if (!mentions) { usable = holds(cond); continue; }
                boolean lower = cond.lhs() instanceof Name v && v.id().equals(s) && (cond.rel() == Rel.GE || cond.rel() == Rel.GT)
                        && !Exprs.freeNames(cond.rhs()).contains(s);
                usable = lower && holds(new Relation(lo, cond.rel(), cond.rhs(), cond.pos()));
            }
            if (!usable) { discharged.subList(mark, discharged.size()).clear(); continue; }
            Expr s0 = lo instanceof Num ln ? Exprs.num(ln.value().subtract(java.math.BigDecimal.ONE)) : Exprs.bin(BinOp.SUB, lo, Exprs.num(1));
            // lhs must be X(t) for some t
            Map<String, Expr> sigma = new HashMap<>();
            if (!Matcher.match(Exprs.strip(x), Exprs.strip(lhs), List.of(s), sigma) || !sigma.containsKey(s)) continue;
            Expr t = sigma.get(s);
            int before = discharged.size();
            Expr start = unfoldSeqs(Exprs.substitute(x, s, s0), ctx.seqs());
            boolean ok = Exprs.same(start, Exprs.num(0)) || cas.isZero(start, assumptions());
            ok = ok && signs().isInteger(t) && nonneg(Exprs.bin(BinOp.SUB, t, s0)) && nonneg(c) && nonneg(q);
            Expr count = Exprs.bin(BinOp.SUB, t, s0);
            Expr sum = Exprs.bin(BinOp.MUL, c, geometric(new Aggregate(AggKind.SUM, "unroll#j", Exprs.num(0),
                    Exprs.bin(BinOp.SUB, count, Exprs.num(1)), null, Exprs.bin(BinOp.POW, q, Exprs.name("unroll#j")), Pos.NONE)));
            ok = ok && (Exprs.same(sum, rhs) || cas.isZero(Exprs.bin(BinOp.SUB, rhs, sum), assumptions()) || le(sum, rhs));
            if (ok) {
                Expr shown = Exprs.bin(BinOp.MUL, c, new Aggregate(AggKind.SUM, "j", Exprs.num(0), Exprs.bin(BinOp.SUB, count, Exprs.num(1)), null,
                        Exprs.bin(BinOp.POW, q, Exprs.name("j")), Pos.NONE));
                discharged.add(before, "unroll " + f.source() + ": " + Printer.print(lhs) + " <= " + Printer.print(shown));
                return proved("unrolled recurrence");
            }
            discharged.subList(before, discharged.size()).clear();
        }
        return Outcome.no("rule 'unroll': no cited fact of the form forall s >= a: X(s) <= c + q * X(s-1) with X(a-1) = 0 matches");
    }

    private static void collectFactors(Expr e, List<Expr> out) {
        e = Exprs.strip(e);
        if (e instanceof Binary b && b.op() == BinOp.MUL) {
            collectFactors(b.left(), out);
            collectFactors(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** Every occurrence of {@code target} in {@code e} replaced by {@code with}. */
    private static Expr replace(Expr e, Expr target, Expr with) {
        if (Exprs.same(e, target)) return with;
        return Exprs.mapChildren(e, x -> replace(x, target, with));
    }

    /** The first sum or product whose range the kernel cannot show to be {@code hi >= lo - 1}, or null. */
    private String reversedRange(Expr e) {
        if (e instanceof Aggregate a && (a.kind() == AggKind.SUM || a.kind() == AggKind.PROD)) {
            int before = discharged.size();
            if (!nonneg(Exprs.bin(BinOp.SUB, Exprs.bin(BinOp.ADD, a.hi(), Exprs.num(1)), a.lo()))) {
                discharged.subList(before, discharged.size()).clear();
                return Printer.print(a);
            }
        }
        for (Expr c : Exprs.children(e)) {
            String bad = reversedRange(c);
            if (bad != null) return bad;
        }
        return null;
    }

    private static boolean isOne(Expr e) {
        return e instanceof Num n && n.value().compareTo(java.math.BigDecimal.ONE) == 0;
    }

    private void pushRange(Aggregate a) {
        localHyps.add(new Relation(Exprs.name(a.var()), Rel.GE, a.lo(), Pos.NONE));
        localHyps.add(new Relation(Exprs.name(a.var()), Rel.LE, a.hi(), Pos.NONE));
    }

    private static boolean sameHead(Expr a, Expr b) {
        if (a instanceof Binary x && b instanceof Binary y) return x.op() == y.op();
        if (a instanceof Call x && b instanceof Call y) return x.fn().equals(y.fn()) && x.args().size() == y.args().size();
        if (a instanceof Aggregate x && b instanceof Aggregate y) {
            return x.kind() == y.kind() && x.var().equals(y.var()) && Exprs.same(x.lo(), y.lo()) && Exprs.same(x.hi(), y.hi())
                    && (x.exclude() == null ? y.exclude() == null : y.exclude() != null && Exprs.same(x.exclude(), y.exclude()));
        }
        // norms and absolute values are not monotone in their argument: no descent through them
        return a instanceof Neg;
    }

    /** +1 increasing, -1 decreasing, 0 unknown, in child {@code i} given the other children on both sides. */
    private int monotonicity(Expr a, Expr b, int i) {
        Signs s = signs();
        if (a instanceof Neg) return -1;
        if (a instanceof Aggregate agg) return (agg.kind() == AggKind.SUM || agg.kind() == AggKind.MAX || agg.kind() == AggKind.MIN) && i == Exprs.children(a).size() - 1 ? 1 : 0;
        if (a instanceof Call c) {
            return switch (c.fn()) {
                case "sqrt", "exp", "min", "max" -> 1;
                case "log" -> s.of(Exprs.children(a).get(i)).pos() && s.of(Exprs.children(b).get(i)).pos() ? 1 : 0;
                default -> 0;
            };
        }
        if (!(a instanceof Binary x) || !(b instanceof Binary y)) return 0;
        Expr ao = i == 0 ? x.right() : x.left(), bo = i == 0 ? y.right() : y.left();
        switch (x.op()) {
            case ADD: return 1;
            case SUB: return i == 0 ? 1 : -1;
            case MUL: {
                if (s.of(ao).nonneg() && s.of(bo).nonneg()) return 1;
                if (s.of(ao).nonpos() && s.of(bo).nonpos()) return -1;
                return 0;
            }
            case DIV: {
                if (i == 0) return s.of(ao).pos() && s.of(bo).pos() ? 1 : 0;
                return s.of(ao).nonneg() && s.of(bo).nonneg() && s.of(x.right()).pos() && s.of(y.right()).pos() ? -1 : 0;
            }
            case POW: {
                if (i == 0) return s.of(x.left()).nonneg() && s.of(y.left()).nonneg() && s.of(ao).nonneg() && s.of(bo).nonneg() ? 1 : 0;
                Expr base = x.left();
                if (!Exprs.same(base, y.left())) return 0;
                int before = discharged.size();
                if (nonneg(Exprs.bin(BinOp.SUB, base, Exprs.num(1)))) return 1;
                if (s.of(base).pos() && nonneg(Exprs.bin(BinOp.SUB, Exprs.num(1), base))) return -1;
                discharged.subList(before, discharged.size()).clear();
                return 0;
            }
            default: return 0;
        }
    }

    // ---- cited facts -------------------------------------------------------------------

    private boolean fromFacts(Expr a, Expr b) {
        List<Relation> pool = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Relation h : localHyps) { pool.add(h); sources.add("range of the sum index"); }
        for (Relation h : ctx.hypotheses()) { pool.add(twoIsDefault(h)); sources.add("hypothesis"); }
        for (int k = 0; k < pool.size(); k++) {
            if (matchesUpper(pool.get(k), a, b, Map.of())) { discharged.add(sources.get(k) + ": " + Printer.print(pool.get(k))); return true; }
        }
        for (Fact f : usable) {
            Map<String, Expr> sigma = instantiate(f, a, b);
            if (sigma != null) {
                discharged.add(f.source() + " instantiated: " + Printer.print(substitute(f.relation(), sigma)));
                return true;
            }
        }
        return false;
    }

    private static Relation substitute(Relation r, Map<String, Expr> sigma) {
        return new Relation(Exprs.substitute(r.lhs(), sigma), r.rel(), Exprs.substitute(r.rhs(), sigma), r.pos());
    }

    /** {@code rel} read as an upper bound {@code small <= big} relates {@code a <= b} (b may be larger still). */
    private boolean matchesUpper(Relation rel, Expr a, Expr b, Map<String, Expr> none) {
        Expr small, big;
        switch (rel.rel()) {
            case LE, LT -> { small = rel.lhs(); big = rel.rhs(); }
            case GE, GT -> { small = rel.rhs(); big = rel.lhs(); }
            case EQ -> {
                if (Exprs.same(rel.lhs(), a) && Exprs.same(rel.rhs(), b) || Exprs.same(rel.rhs(), a) && Exprs.same(rel.lhs(), b)) return true;
                return false;
            }
            default -> { return false; }
        }
        return Exprs.same(small, a) && Exprs.same(big, b);
    }

    /** Instantiations in progress: a fact's side condition may not be discharged by the same instantiation (a cycle). */
    private final Set<String> instantiating = new java.util.HashSet<>();

    private Map<String, Expr> instantiate(Fact f, Expr a, Expr b) {
        String key = f.source() + "|" + Printer.print(a) + "|" + Printer.print(b);
        if (!instantiating.add(key)) return null;
        try {
            return instantiateOnce(f, a, b);
        } finally {
            instantiating.remove(key);
        }
    }

    private Map<String, Expr> instantiateOnce(Fact f, Expr a, Expr b) {
        Relation r = f.relation();
        List<Expr[]> readings = new ArrayList<>();
        switch (r.rel()) {
            case LE, LT -> readings.add(new Expr[] {r.lhs(), r.rhs()});
            case GE, GT -> readings.add(new Expr[] {r.rhs(), r.lhs()});
            case EQ -> { readings.add(new Expr[] {r.lhs(), r.rhs()}); readings.add(new Expr[] {r.rhs(), r.lhs()}); }
            default -> { }
        }
        for (Expr[] reading : readings) {
            Map<String, Expr> sigma = new HashMap<>();
            if (!Matcher.match(Exprs.strip(reading[0]), Exprs.strip(a), f.patternVars(), sigma)) continue;
            boolean integral = true;
            for (String v : f.integerVars()) {
                Expr value = sigma.get(v);
                if (value != null && !signs().isInteger(value)) integral = false;
            }
            if (!integral) continue; // a fact about integers says nothing at a real value
            Expr bound = Exprs.substitute(reading[1], sigma);
            int before = discharged.size();
            boolean ok = Exprs.same(bound, b) || nonneg(Exprs.bin(BinOp.SUB, b, bound));
            for (Relation cond : f.conditions()) {
                if (!ok) break;
                Relation inst = substitute(cond, sigma);
                ok = holds(inst);
            }
            if (ok) return sigma;
            discharged.subList(before, discharged.size()).clear();
        }
        return null;
    }

    private boolean holds(Relation r) {
        return switch (r.rel()) {
            case LE -> le(r.lhs(), r.rhs());
            case GE -> le(r.rhs(), r.lhs());
            case LT -> strictPositive(Exprs.bin(BinOp.SUB, r.rhs(), r.lhs()));
            case GT -> strictPositive(Exprs.bin(BinOp.SUB, r.lhs(), r.rhs()));
            case EQ -> Exprs.same(r.lhs(), r.rhs()) || (scalar(r.lhs()) && scalar(r.rhs())
                    ? cas.isZero(Exprs.bin(BinOp.SUB, r.lhs(), r.rhs()), assumptions()) : vectors.equal(r.lhs(), r.rhs()));
            default -> false;
        };
    }

    // ---- rewriting rules ------------------------------------------------------------------

    /** {@code sum(j = lo..hi) q^j} with {@code q} free of {@code j} becomes {@code (q^(hi+1) - q^lo)/(q - 1)}. */
    private Expr geometric(Expr e) {
        Expr inner = Exprs.mapChildren(e, this::geometric);
        // sum(j) q^j * c (or c * q^j) with c free of j is c * sum(j) q^j
        if (inner instanceof Aggregate a && a.kind() == AggKind.SUM && a.exclude() == null && Exprs.strip(a.body()) instanceof Binary m
                && m.op() == BinOp.MUL && signs().isInteger(a.lo()) && signs().isInteger(a.hi())) {
            List<Expr> factors = new ArrayList<>();
            collectFactors(m, factors);
            for (int i = 0; i < factors.size(); i++) {
                Expr pw = factors.get(i);
                if (!(pw instanceof Binary p && p.op() == BinOp.POW && Exprs.strip(p.right()) instanceof Name j && j.id().equals(a.var())
                        && !Exprs.freeNames(p.left()).contains(a.var()))) continue;
                Expr c = null;
                boolean free = true;
                for (int k = 0; k < factors.size(); k++) {
                    if (k == i) continue;
                    free &= !Exprs.freeNames(factors.get(k)).contains(a.var());
                    c = c == null ? factors.get(k) : Exprs.bin(BinOp.MUL, c, factors.get(k));
                }
                if (!free || c == null) continue;
                Expr g = geometric(new Aggregate(AggKind.SUM, a.var(), a.lo(), a.hi(), null, pw, a.pos()));
                return Exprs.bin(BinOp.MUL, c, g);
            }
        }
        if (inner instanceof Aggregate a && a.kind() == AggKind.SUM && a.exclude() == null
                && signs().isInteger(a.lo()) && signs().isInteger(a.hi())
                && a.body() instanceof Binary p && p.op() == BinOp.POW && p.right() instanceof Name j && j.id().equals(a.var())
                && !Exprs.freeNames(p.left()).contains(a.var())) {
            Expr q = p.left();
            Expr top = Exprs.bin(BinOp.SUB, Exprs.bin(BinOp.POW, q, Exprs.bin(BinOp.ADD, a.hi(), Exprs.num(1))), Exprs.bin(BinOp.POW, q, a.lo()));
            discharged.add("geometric: " + Printer.print(a) + " = " + Printer.print(Exprs.bin(BinOp.DIV, top, Exprs.bin(BinOp.SUB, q, Exprs.num(1)))));
            return Exprs.bin(BinOp.DIV, top, Exprs.bin(BinOp.SUB, q, Exprs.num(1)));
        }
        return inner;
    }

    private Expr limits(Expr e) {
        if (e instanceof Limit l) {
            var v = cas.limit(l.body(), l.var(), l.target());
            if (v.isEmpty()) return null;
            discharged.add("CAS limit: " + Printer.print(l) + " = " + Printer.print(v.get()));
            return v.get();
        }
        List<Expr> kids = Exprs.children(e);
        for (Expr k : kids) if (Exprs.contains(k, x -> x instanceof Limit) && limits(k) == null) return null;
        return Exprs.mapChildren(e, x -> Exprs.contains(x, y -> y instanceof Limit) ? limits(x) : x);
    }
}
