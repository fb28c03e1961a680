package boundcheck.check;

import boundcheck.cas.Cas;
import boundcheck.check.Results.ItemResult;
import boundcheck.check.Results.StepResult;
import boundcheck.kernel.Fact;
import boundcheck.kernel.Kernel;
import boundcheck.kernel.Shapes;
import boundcheck.lang.Ast.*;
import boundcheck.lang.Exprs;
import boundcheck.lang.Printer;
import boundcheck.lang.Theory;
import boundcheck.numeric.Evaluator;
import boundcheck.numeric.Falsifier;
import boundcheck.numeric.FalsifierResult;
import boundcheck.numeric.HighPrecision;
import boundcheck.numeric.ObjectModel;
import boundcheck.numeric.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Checks every item of a theory: numeric falsifier first, then the kernel. */
public final class Checker {
    private final Cas cas;
    private final long seed;
    private final int requestedSamples;
    /** Instances per step for the theory being checked: the command line's, capped by the theory's {@code samples N}. */
    private int samples;
    private Theory theory;
    /** Verdicts of the lemmas checked so far in this theory (lemmas may cite only earlier ones). */
    private final Map<String, Verdict> lemmaVerdicts = new HashMap<>();
    private LimitClaims limitClaims;
    /** Whether the last limit step decided every instance on CAS limits confirmed by the numbers. */
    private boolean lastLimitCertain;

    public Checker(Cas cas, long seed, int samples) {
        this.cas = cas;
        this.seed = seed;
        this.requestedSamples = samples;
        this.samples = samples;
    }

    public List<ItemResult> check(Theory theory, Consumer<String> progress) {
        this.theory = theory;
        this.samples = theory.file.sampleCap() == null ? requestedSamples : Math.min(requestedSamples, theory.file.sampleCap());
        this.copies = null;
        this.inlinedSeqs = null;
        this.limitClaims = new LimitClaims(cas, theory.lets);
        lemmaVerdicts.clear();
        List<ItemResult> out = new ArrayList<>();
        String section = theory.file.theoryLabel();
        for (Item item : theory.file.items()) {
            long start = System.nanoTime();
            ItemResult r = null;
            if (item instanceof Section s) section = s.title();
            else if (item instanceof Lemma l) {
                progress.accept(l.name());
                r = lemma(l);
                lemmaVerdicts.put(l.name(), r.verdict());
            }
            else if (item instanceof Claim c) { progress.accept(c.name()); r = claim(c); }
            else if (item instanceof Assumption a) r = assumption(a);
            else if (item instanceof Compose c) { progress.accept(c.name()); r = compose(c); }
            if (r != null) out.add(r.inSection(section).withMillis((System.nanoTime() - start) / 1_000_000));
        }
        return out;
    }

    /** The numeric problem of a lemma's statement, with its hypotheses as constraints (for benchmarks). */
    public Problem statementProblem(Theory theory, String lemma) {
        this.theory = theory;
        this.copies = null;
        this.inlinedSeqs = null;
        this.limitClaims = new LimitClaims(cas, theory.lets);
        Lemma l = theory.lemmas.get(lemma);
        Relation st = l.statement().relation();
        return problem(st.lhs(), st.rel(), st.rhs(), lemmaScope(l));
    }

    // ---- problems -----------------------------------------------------------------------

    private Expr inline(Expr e) { return Exprs.inline(e, theory, null); }

    private Relation inline(Relation r) { return new Relation(inline(r.lhs()), r.rel(), inline(r.rhs()), r.pos()); }

    /** Scalar assumptions (no binders, no objects) constrain every instance. */
    private List<Relation> scalarAssumptions() {
        List<Relation> out = new ArrayList<>();
        for (Statement s : theory.assumptionStatements()) {
            if (s.binders().isEmpty() && !Exprs.isNonScalar(s.relation().lhs(), theory) && !Exprs.isNonScalar(s.relation().rhs(), theory)) {
                out.add(inline(s.relation()));
            }
        }
        return out;
    }

    private long seedFor(Pos pos, String tag) {
        long h = seed * 0x9E3779B97F4A7C15L + theory.file.path().toString().hashCode();
        h = h * 31 + pos.line();
        h = h * 31 + pos.col();
        return h * 31 + tag.hashCode();
    }

    private record Scope(Map<String, Domain> locals, List<Relation> hypotheses) {}

    private String nonScalarReason(Expr... es) {
        for (Expr e : es) {
            if (Exprs.isNonScalar(e, theory)) return "mentions vectors, matrices or sequences";
        }
        return null;
    }

    private static void callNames(Expr e, Set<String> out) {
        if (e instanceof Call c) out.add(c.fn());
        for (Expr k : Exprs.children(e)) callNames(k, out);
    }

    /**
     * The objects {@code roots} mention, closed under what defines them: a sequence brings the objects
     * of its recurrence, an object its dimensions, an activation its constants, and every assumption
     * on an object comes along as a constraint. Scalar names met on the way are added to {@code reach}.
     */
    private ObjectModel objectModel(List<Expr> roots, List<Relation> objectHyps, Set<String> reach) {
        Map<String, VecDecl> vecs = new LinkedHashMap<>();
        Map<String, MatDecl> mats = new LinkedHashMap<>();
        Map<String, FunDecl> funs = new LinkedHashMap<>();
        Map<String, List<SeqDecl>> seqs = new LinkedHashMap<>();
        List<Statement> constraints = new ArrayList<>();
        java.util.Deque<Expr> work = new java.util.ArrayDeque<>(roots);
        for (Relation h : objectHyps) {
            constraints.add(new Statement(List.of(), h, h.pos()));
            work.add(h.lhs());
            work.add(h.rhs());
        }
        Set<String> seen = new java.util.HashSet<>();
        boolean grew = true;
        while (grew) {
            while (!work.isEmpty()) {
                Expr e = work.pop();
                Set<String> names = new java.util.LinkedHashSet<>(Exprs.freeNames(e));
                callNames(e, names);
                for (String n : names) {
                    if (!seen.add(n)) continue;
                    if (theory.vecs.containsKey(n)) { vecs.put(n, theory.vecs.get(n)); work.add(theory.vecs.get(n).dim()); }
                    else if (theory.mats.containsKey(n)) { mats.put(n, theory.mats.get(n)); work.add(theory.mats.get(n).rows()); work.add(theory.mats.get(n).cols()); }
                    else if (theory.funs.containsKey(n)) {
                        funs.put(n, theory.funs.get(n));
                        for (FunProp p : theory.funs.get(n).props()) {
                            if (p.arg() != null) work.add(inline(p.arg()));
                            if (p.interval() != null) { work.add(p.interval().lo()); work.add(p.interval().hi()); }
                        }
                    } else if (theory.seqs.containsKey(n)) {
                        seqs.put(n, seqs().get(n));
                        for (SeqDecl d : seqs().get(n)) {
                            Expr body = inline(d.body());
                            if (Exprs.strip(d.index()) instanceof Name v) body = Exprs.substitute(body, v.id(), Exprs.num(1));
                            work.add(body);
                        }
                    } else reach.add(n);
                }
            }
            grew = false;
            for (Statement st : theory.assumptionStatements()) {
                Statement inl = new Statement(st.binders(), inline(st.relation()), st.pos());
                if (constraints.contains(inl)) continue;
                Set<String> names = new java.util.HashSet<>(Exprs.freeNames(inl.relation().lhs()));
                names.addAll(Exprs.freeNames(inl.relation().rhs()));
                if (!Exprs.isNonScalar(inl.relation().lhs(), theory) && !Exprs.isNonScalar(inl.relation().rhs(), theory)) continue;
                if (names.stream().noneMatch(n -> vecs.containsKey(n) || mats.containsKey(n) || seqs.containsKey(n))) continue;
                constraints.add(inl);
                for (Binder b : st.binders()) work.add(inline(b.bound()));
                Expr l = inl.relation().lhs(), r = inl.relation().rhs();
                for (Binder b : st.binders()) { l = Exprs.substitute(l, b.var(), Exprs.num(1)); r = Exprs.substitute(r, b.var(), Exprs.num(1)); }
                work.add(l);
                work.add(r);
                grew = true;
            }
        }
        return new ObjectModel(vecs, mats, funs, seqs, constraints);
    }

    private Problem problem(Expr lhs, Rel rel, Expr rhs, Scope scope) {
        // free variables come from the inlined forms; evaluation calls the lets (limits at 0/0)
        Expr l = inline(lhs), r = inline(rhs);
        List<Relation> all0 = new ArrayList<>(scalarAssumptions());
        List<Relation> objectHyps = new ArrayList<>();
        for (Relation h : scope.hypotheses()) {
            Relation hi = inline(h);
            if (nonScalarReason(hi.lhs(), hi.rhs()) != null) objectHyps.add(hi);
            else all0.add(hi);
        }
        // only hypotheses connected to the relation's variables (directly or through each other)
        Set<String> reach = new java.util.HashSet<>(Exprs.freeNames(l));
        reach.addAll(Exprs.freeNames(r));
        ObjectModel objects = null;
        if (nonScalarReason(l, r) != null || !objectHyps.isEmpty()) {
            objects = objectModel(List.of(l, r), objectHyps, reach);
        }
        List<Relation> constraints = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Relation c : all0) {
                if (constraints.contains(c)) continue;
                Set<String> names = scalarNames(c);
                if (names.isEmpty() || names.stream().anyMatch(reach::contains)) {
                    constraints.add(c);
                    grew |= reach.addAll(names);
                }
            }
        }
        Map<String, Domain> vars = new LinkedHashMap<>();
        List<Expr> all = new ArrayList<>(List.of(l, r));
        for (Relation c : constraints) { all.add(c.lhs()); all.add(c.rhs()); }
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (Expr e : all) wanted.addAll(Exprs.freeNames(e));
        if (objects != null) wanted.addAll(reach); // the scalars of the objects' dimensions, bounds and activations
        {
            for (String n : wanted) {
                if (vars.containsKey(n)) continue;
                Domain d = scope.locals().containsKey(n) ? scope.locals().get(n) : theory.vars.get(n);
                if (d != null) {
                    vars.put(n, d);
                    if (d.interval() != null) {
                        for (String dep : Exprs.freeNames(d.interval().lo())) if (theory.vars.containsKey(dep)) vars.putIfAbsent(dep, theory.vars.get(dep));
                        for (String dep : Exprs.freeNames(d.interval().hi())) if (theory.vars.containsKey(dep)) vars.putIfAbsent(dep, theory.vars.get(dep));
                    }
                }
            }
        }
        // keep only constraints over known variables
        constraints.removeIf(c -> !vars.keySet().containsAll(scalarNames(c)));
        return new Problem(lhs, rel, rhs, vars, constraints, boundaries(constraints, vars), theory.lets, objects);
    }

    private Set<String> scalarNames(Relation c) {
        Set<String> s = new java.util.HashSet<>(Exprs.freeNames(c.lhs()));
        s.addAll(Exprs.freeNames(c.rhs()));
        s.removeIf(n -> n.equals("sqrt") || n.equals("log") || n.equals("exp") || n.equals("abs") || n.equals("min") || n.equals("max"));
        return s;
    }

    private final Map<String, List<Problem.Boundary>> boundaryCache = new HashMap<>();

    /** For each constraint, a variable and the value that puts the constraint on its boundary (CAS Solve). */
    private List<Problem.Boundary> boundaries(List<Relation> constraints, Map<String, Domain> vars) {
        List<Problem.Boundary> out = new ArrayList<>();
        for (Relation c : constraints) {
            if (c.rel() == Rel.NE) continue;
            String key = Printer.print(c);
            List<Problem.Boundary> cached = boundaryCache.get(key);
            if (cached == null) {
                cached = new ArrayList<>();
                List<String> names = new ArrayList<>(scalarNames(c));
                java.util.Collections.reverse(names);
                for (String v : names) {
                    Domain d = vars.get(v);
                    if (d == null || (d.kind().isInteger() && c.rel() != Rel.EQ)) continue;
                    for (Expr sol : cas.solve(c.lhs(), c.rhs(), v)) {
                        if (!Exprs.freeNames(sol).contains(v)) { cached.add(new Problem.Boundary(c, v, sol)); break; }
                    }
                    if (!cached.isEmpty()) break;
                }
                boundaryCache.put(key, cached);
            }
            out.addAll(cached);
        }
        return out;
    }

    /**
     * Instances per step: {@code samples} for scalar steps; a quarter for steps over vectors,
     * matrices and networks, where one instance runs every recurrence up to t (about 100 times the
     * work of a scalar instance). The report states the count either way.
     */
    private FalsifierResult falsify(Problem p, Pos pos, String tag) {
        return new Falsifier(p, seedFor(pos, tag)).run(p.hasObjects() ? Math.max(100, samples / 4) : samples);
    }

    // ---- kernel context ---------------------------------------------------------------------

    private Map<String, List<Fact>> citable(List<Fact> ih) {
        Map<String, List<Fact>> out = new HashMap<>();
        for (Assumption a : theory.assumptions.values()) {
            List<Fact> fs = new ArrayList<>();
            for (Statement s : a.statements()) fs.add(fact(a.name(), s, List.of()));
            out.put(a.name(), fs);
        }
        for (Lemma l : theory.lemmas.values()) {
            List<Fact> fs = new ArrayList<>();
            fs.add(fact(l.name(), l.statement(), l.where()));
            // the same lemma for a copy of the network: h' built from U', W' as h from U, W
            for (Map<String, String> rho : copies()) {
                if (!copyApplies(l, rho)) continue;
                Fact f = fact(l.name(), l.statement(), l.where());
                Map<String, Expr> sub = new HashMap<>();
                rho.forEach((k, v) -> sub.put(k, Exprs.name(v)));
                Relation rr = new Relation(Exprs.substitute(f.relation().lhs(), sub), f.relation().rel(), Exprs.substitute(f.relation().rhs(), sub), f.relation().pos());
                if (rr.equals(f.relation())) continue;
                List<Relation> conds = new ArrayList<>();
                for (Relation c : f.conditions()) conds.add(new Relation(Exprs.substitute(c.lhs(), sub), c.rel(), Exprs.substitute(c.rhs(), sub), c.pos()));
                fs.add(new Fact(l.name() + " (for " + String.join(", ", rho.values()) + ")", f.patternVars(), rr, conds, f.integerVars()));
            }
            out.put(l.name(), fs);
        }
        if (ih != null) out.put("IH", ih);
        return out;
    }

    private List<Map<String, String>> copies;
    private Map<String, List<SeqDecl>> inlinedSeqs;

    /**
     * The sequences with every let inlined in their equations: kinds, dimensions, copies and the
     * numeric engine must see {@code sigma(pre(s))} as what {@code pre} stands for.
     */
    private Map<String, List<SeqDecl>> seqs() {
        if (inlinedSeqs == null) {
            inlinedSeqs = new LinkedHashMap<>();
            for (Map.Entry<String, List<SeqDecl>> e : theory.seqs.entrySet()) {
                List<SeqDecl> ds = new ArrayList<>();
                for (SeqDecl d : e.getValue()) ds.add(new SeqDecl(d.name(), d.index(), inline(d.body()), d.pos()));
                inlinedSeqs.put(e.getKey(), ds);
            }
        }
        return inlinedSeqs;
    }

    /**
     * Renamings of objects under which the theory is unchanged: sequences whose equations are the
     * same up to renaming objects of the same shape, where every assumption on a renamed object is
     * also stated for its image. A lemma proved for the original then holds for the copy.
     */
    private List<Map<String, String>> copies() {
        if (copies != null) return copies;
        copies = new ArrayList<>();
        for (String a : theory.seqs.keySet()) {
            for (String b : theory.seqs.keySet()) {
                if (a.equals(b)) continue;
                Map<String, String> rho = new LinkedHashMap<>();
                rho.put(a, b);
                // every sequence pair met on the way is an obligation too: its equations must unify
                boolean ok = true;
                Set<String> done = new java.util.HashSet<>();
                boolean more = true;
                while (ok && more) {
                    more = false;
                    for (Map.Entry<String, String> e : new ArrayList<>(rho.entrySet())) {
                        String x = e.getKey(), y = e.getValue();
                        if (!theory.seqs.containsKey(x) || !done.add(x)) continue;
                        more = true;
                        if (!theory.seqs.containsKey(y)) { ok = false; break; }
                        List<SeqDecl> da = seqs().get(x), db = seqs().get(y);
                        ok = da.size() == db.size();
                        for (int i = 0; ok && i < da.size(); i++) {
                            ok = unify(da.get(i).index(), db.get(i).index(), rho) && unify(da.get(i).body(), db.get(i).body(), rho);
                        }
                    }
                }
                if (!ok) continue;
                // shapes must agree, and each assumption on a renamed object must be stated for the copy too
                for (Map.Entry<String, String> e : rho.entrySet()) {
                    String x = e.getKey(), y = e.getValue();
                    if (x.equals(y)) continue;
                    if (theory.vecs.containsKey(x)) ok &= theory.vecs.containsKey(y) && Exprs.same(theory.vecs.get(x).dim(), theory.vecs.get(y).dim())
                            && (theory.vecs.get(x).indexVar() == null) == (theory.vecs.get(y).indexVar() == null);
                    else if (theory.mats.containsKey(x)) ok &= theory.mats.containsKey(y) && Exprs.same(theory.mats.get(x).rows(), theory.mats.get(y).rows()) && Exprs.same(theory.mats.get(x).cols(), theory.mats.get(y).cols())
                            && (theory.mats.get(x).indexVar() == null) == (theory.mats.get(y).indexVar() == null);
                    else if (!theory.seqs.containsKey(x)) ok = false;
                }
                if (!ok) continue;
                Map<String, Expr> sub = new HashMap<>();
                rho.forEach((k, v) -> sub.put(k, Exprs.name(v)));
                List<Statement> all = theory.assumptionStatements();
                for (Statement st : all) {
                    Relation r = st.relation();
                    Relation renamed = new Relation(Exprs.substitute(r.lhs(), sub), r.rel(), Exprs.substitute(r.rhs(), sub), r.pos());
                    if (Exprs.same(renamed.lhs(), r.lhs()) && Exprs.same(renamed.rhs(), r.rhs())) continue;
                    boolean stated = all.stream().anyMatch(o -> o.binders().equals(st.binders()) && o.relation().rel() == r.rel()
                            && Exprs.same(o.relation().lhs(), renamed.lhs()) && Exprs.same(o.relation().rhs(), renamed.rhs()));
                    ok &= stated;
                }
                if (ok) copies.add(rho);
            }
        }
        return copies;
    }

    /**
     * A copy applies to a lemma when every sequence the lemma mentions is renamed too, or does not
     * depend on a renamed object: {@code g[s] = h[s]} is about h, and stays about h under h -> h'.
     */
    private boolean copyApplies(Lemma l, Map<String, String> rho) {
        Set<String> names = new java.util.HashSet<>();
        Relation r = l.statement().relation();
        names.addAll(Exprs.freeNames(inline(r.lhs())));
        names.addAll(Exprs.freeNames(inline(r.rhs())));
        for (Relation w : l.where()) { names.addAll(Exprs.freeNames(inline(w.lhs()))); names.addAll(Exprs.freeNames(inline(w.rhs()))); }
        for (String n : names) {
            if (!theory.seqs.containsKey(n) || rho.containsKey(n)) continue;
            Set<String> deps = new java.util.HashSet<>();
            java.util.Deque<String> work = new java.util.ArrayDeque<>(List.of(n));
            while (!work.isEmpty()) {
                String x = work.pop();
                if (!deps.add(x) || !theory.seqs.containsKey(x)) continue;
                for (SeqDecl d : seqs().get(x)) {
                    Set<String> inner = new java.util.HashSet<>(Exprs.freeNames(inline(d.body())));
                    callNames(d.body(), inner);
                    work.addAll(inner);
                }
            }
            for (String dep : deps) if (rho.containsKey(dep)) return false;
        }
        return true;
    }

    /** Structural equality of {@code a} and {@code b} up to a consistent renaming of objects, extended in {@code rho}. */
    private boolean unify(Expr a, Expr b, Map<String, String> rho) {
        a = Exprs.strip(a);
        b = Exprs.strip(b);
        if (a instanceof Name x && b instanceof Name y) {
            boolean object = theory.isObject(x.id()) || theory.vecs.containsKey(x.id()) || theory.mats.containsKey(x.id());
            if (!object) return x.id().equals(y.id());
            String prior = rho.get(x.id());
            if (prior != null) return prior.equals(y.id());
            if (rho.containsValue(y.id())) return false;
            rho.put(x.id(), y.id());
            return true;
        }
        if (a.getClass() != b.getClass()) return false;
        if (a instanceof Call c && !(c.fn().equals(((Call) b).fn()))) return false;
        if (a instanceof Binary x && x.op() != ((Binary) b).op()) return false;
        if (a instanceof Norm x && x.kind() != ((Norm) b).kind()) return false;
        if (a instanceof Num x) return x.value().compareTo(((Num) b).value()) == 0;
        if (a instanceof Aggregate || a instanceof Limit) return a.equals(b);
        List<Expr> ca = Exprs.children(a), cb = Exprs.children(b);
        if (ca.size() != cb.size()) return false;
        for (int i = 0; i < ca.size(); i++) if (!unify(ca.get(i), cb.get(i), rho)) return false;
        return true;
    }

    private Fact fact(String source, Statement s, List<Relation> where) {
        List<String> vars = new ArrayList<>();
        List<String> integers = new ArrayList<>();
        List<Relation> conditions = new ArrayList<>();
        for (Binder b : s.binders()) {
            vars.add(b.var());
            Domain d = theory.vars.get(b.var());
            if (d == null || d.kind().isInteger()) integers.add(b.var()); // undeclared binders range over integers
            conditions.add(new Relation(Exprs.name(b.var()), b.rel(), inline(b.bound()), b.pos()));
            // the lemma was proved for values in the variable's declared domain only
            if (d != null) conditions.addAll(domainConditions(b.var(), d));
        }
        for (Relation w : where) conditions.add(inline(w));
        return new Fact(source, vars, inline(s.relation()), conditions, integers);
    }

    private List<Relation> domainConditions(String var, Domain d) {
        List<Relation> out = new ArrayList<>();
        Expr v = Exprs.name(var);
        switch (d.kind()) {
            case POS -> out.add(new Relation(v, Rel.GT, Exprs.num(0), Pos.NONE));
            case NONNEG, NAT -> out.add(new Relation(v, Rel.GE, Exprs.num(0), Pos.NONE));
            case POSINT, DIM -> out.add(new Relation(v, Rel.GE, Exprs.num(1), Pos.NONE));
            default -> { }
        }
        Interval iv = d.interval();
        if (iv != null) {
            if (!(iv.lo() instanceof Infinity) && !(iv.lo() instanceof Neg)) out.add(new Relation(v, iv.loOpen() ? Rel.GT : Rel.GE, inline(iv.lo()), Pos.NONE));
            if (!(iv.hi() instanceof Infinity)) out.add(new Relation(v, iv.hiOpen() ? Rel.LT : Rel.LE, inline(iv.hi()), Pos.NONE));
        }
        return out;
    }

    private Kernel.Context kernelContext(Scope scope, List<Fact> ih) {
        Map<String, Domain> domains = new HashMap<>(theory.vars);
        domains.putAll(scope.locals());
        List<Relation> hyps = new ArrayList<>(scalarAssumptions());
        for (Relation h : scope.hypotheses()) hyps.add(inline(h));
        // interval domains are hypotheses too: q in (0, 1) gives q > 0 and q < 1
        for (Map.Entry<String, Domain> d : domains.entrySet()) {
            Interval iv = d.getValue().interval();
            if (iv == null) continue;
            Expr v = Exprs.name(d.getKey());
            if (!(iv.lo() instanceof Infinity) && !(iv.lo() instanceof Neg)) hyps.add(new Relation(v, iv.loOpen() ? Rel.GT : Rel.GE, inline(iv.lo()), Pos.NONE));
            if (!(iv.hi() instanceof Infinity)) hyps.add(new Relation(v, iv.hiOpen() ? Rel.LT : Rel.LE, inline(iv.hi()), Pos.NONE));
        }
        return new Kernel.Context(domains, hyps, citable(ih), theory.lets, theory.seqs.keySet(),
                new Shapes(theory.vecs, theory.mats, theory.funs, seqs()));
    }

    // ---- one relation: falsifier + kernel -------------------------------------------------------

    private StepResult relation(Pos pos, String relationWord, Expr lhs, Rel rel, Expr rhs, List<RuleRef> rules,
                                boolean expectRefuted, Scope scope, List<Fact> ih, List<Relation> numericOnlyHyps) {
        long timeoutsBefore = cas.timedOutAnswers();
        StepResult r = relationUnmarked(pos, relationWord, lhs, rel, rhs, rules, expectRefuted, scope, ih, numericOnlyHyps);
        // a step short of proved while the CAS timed out: its verdict depends on the machine's speed
        return cas.timedOutAnswers() > timeoutsBefore && r.verdict() != Verdict.PROVED && r.verdict() != Verdict.REFUTED
                ? r.withCasTimeout() : r;
    }

    private StepResult relationUnmarked(Pos pos, String relationWord, Expr lhs, Rel rel, Expr rhs, List<RuleRef> rules,
                                        boolean expectRefuted, Scope scope, List<Fact> ih, List<Relation> numericOnlyHyps) {
        List<String> ruleNames = rules.stream().map(RuleRef::text).toList();
        String text = Printer.print(lhs) + " " + rel.symbol + " " + Printer.print(rhs);
        Kernel.Outcome k = Kernel.check(cas, kernelContext(scope, ih), lhs, rel, rhs, rules);
        if ((Exprs.contains(inline(lhs), e -> e instanceof Limit) || Exprs.contains(inline(rhs), e -> e instanceof Limit))
                && nonScalarReason(inline(lhs), inline(rhs)) != null) {
            // the CAS would read a norm as a constant in the limit variable
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.UNSUPPORTED, 0, null, null, expectRefuted, List.of(),
                    "limits of expressions with vectors, matrices or sequences are not supported");
        }
        if (Exprs.contains(inline(lhs), e -> e instanceof Limit) || Exprs.contains(inline(rhs), e -> e instanceof Limit)) {
            // limits: the CAS value at sampled instances, confirmed by the values far out (as for claims);
            // the kernel's proof counts only when every instance was decided that way
            StepResult ls = limitStep(pos, lhs, rel, rhs, expectRefuted, scope);
            if (ls.verdict() == Verdict.TESTED && lastLimitCertain && k.proved()) {
                String weak = weakDependency(rules);
                if (weak != null) {
                    return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, cappedVerdict(weak), ls.samples(), null, null,
                            expectRefuted, k.sideConditions(), "the kernel proved it from lemma " + weak + ", which is " + lemmaVerdicts.get(weak).word());
                }
                return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.PROVED, ls.samples(), null, null,
                        expectRefuted, k.sideConditions(), ls.note());
            }
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, ls.verdict(), ls.samples(), ls.minMargin(),
                    ls.counterexample(), expectRefuted, List.of(), ls.note() + (k.proved() && ls.verdict() != Verdict.TESTED
                            ? "; the kernel proved it (" + String.join("; ", k.sideConditions()) + ") but the limits were not all confirmed" : ""));
        }
        Scope numericScope = scope;
        if (!numericOnlyHyps.isEmpty()) {
            List<Relation> h = new ArrayList<>(scope.hypotheses());
            h.addAll(numericOnlyHyps);
            numericScope = new Scope(scope.locals(), h);
        }
        FalsifierResult f = falsify(problem(lhs, rel, rhs, numericScope), pos, relationWord);
        Double margin = Double.isNaN(f.minMargin()) || Double.isInfinite(f.minMargin()) ? null : f.minMargin();
        if (f.refuted()) {
            String note = k.proved() ? "DISAGREEMENT: the kernel proved this step (" + String.join("; ", k.sideConditions()) + ") but a re-checked counterexample exists" : null;
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.REFUTED, f.samples(), margin, f.counterexample(), expectRefuted, List.of(), note);
        }
        if (f.unsupported() != null) {
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.UNSUPPORTED, 0, null, null, expectRefuted, List.of(), f.unsupported());
        }
        if (f.samples() == 0) {
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.UNSUPPORTED, 0, null, null, expectRefuted, List.of(),
                    "no usable instance: " + f.rejected() + " draws violated the hypotheses, " + f.unusable() + " were not finite numbers");
        }
        if (k.proved()) {
            // a proof from a lemma is only as good as that lemma's own verdict
            String weak = weakDependency(rules);
            if (weak != null) {
                return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, cappedVerdict(weak), f.samples(), margin, null, expectRefuted,
                        k.sideConditions(), "the kernel proved it from lemma " + weak + ", which is " + lemmaVerdicts.get(weak).word());
            }
            return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.PROVED, f.samples(), margin, null, expectRefuted, k.sideConditions(), null);
        }
        return new StepResult(pos.line(), pos.col(), relationWord, text, ruleNames, Verdict.TESTED, f.samples(), margin, null, expectRefuted, List.of(), k.reason());
    }

    /** The first cited lemma whose verdict is not {@code proved}, or null. */
    private String weakDependency(List<RuleRef> rules) {
        for (RuleRef rule : rules) {
            Verdict dep = lemmaVerdicts.get(rule.name());
            if (dep != null && dep != Verdict.PROVED) return rule.name();
        }
        return null;
    }

    private Verdict cappedVerdict(String lemma) {
        return lemmaVerdicts.get(lemma) == Verdict.CITED ? Verdict.CITED : Verdict.TESTED;
    }

    // ---- items ----------------------------------------------------------------------------

    private ItemResult assumption(Assumption a) {
        return new ItemResult(theory.file.path(), a.pos().line(), "assumption", a.name(), a.label(), Verdict.CITED, false, List.of(), List.of(), "assumed");
    }

    private Scope lemmaScope(Lemma l) {
        Map<String, Domain> locals = new HashMap<>();
        List<Relation> hyps = new ArrayList<>(l.where());
        for (Binder b : l.statement().binders()) {
            if (!theory.vars.containsKey(b.var())) locals.put(b.var(), new Domain(DomainKind.INT, null, b.pos()));
            hyps.add(new Relation(Exprs.name(b.var()), b.rel(), b.bound(), b.pos()));
        }
        return new Scope(locals, hyps);
    }

    private ItemResult lemma(Lemma l) {
        String kind = l.kind() == LemmaKind.THEOREM ? "theorem" : "lemma";
        List<String> uses = new ArrayList<>();
        Relation st = l.statement().relation();
        if (l.citation() != null) {
            return new ItemResult(theory.file.path(), l.pos().line(), kind, l.name(), l.label(), Verdict.CITED, l.expectRefuted(), uses, List.of(), "cited: " + l.citation());
        }
        Scope scope = lemmaScope(l);
        List<StepResult> steps = new ArrayList<>();
        if (l.proof() == null) {
            steps.add(relation(st.pos(), "statement", st.lhs(), st.rel(), st.rhs(), List.of(), l.expectRefuted(), scope, null, List.of()));
        } else if (l.proof() instanceof DirectProof d) {
            chain(d.chain(), st, scope, null, List.of(), steps, uses, l.expectRefuted());
        } else {
            InductionProof ind = (InductionProof) l.proof();
            String problemWithBase = null;
            Expr base = inductionBase(l, ind.var());
            if (base == null) {
                problemWithBase = "no integer start for the induction on '" + ind.var() + "': state it as forall " + ind.var() + " >= a with an integer a";
                base = Exprs.num(0);
            }
            for (Relation w : l.where()) {
                if (Exprs.freeNames(w.lhs()).contains(ind.var()) || Exprs.freeNames(w.rhs()).contains(ind.var())) {
                    problemWithBase = "a where-hypothesis mentions the induction variable '" + ind.var() + "'; state the start with forall instead";
                }
            }
            if (problemWithBase != null) {
                steps.add(new StepResult(ind.pos().line(), ind.pos().col(), "induction", "induction on " + ind.var(), List.of(),
                        Verdict.UNSUPPORTED, 0, null, null, false, List.of(), problemWithBase));
            }
            // base: the statement at the first index
            Relation baseStmt = substitute(st, ind.var(), base);
            Scope baseScope = new Scope(scope.locals(), withoutBinder(scope.hypotheses(), ind.var()));
            chain(ind.base(), baseStmt, baseScope, null, List.of(), steps, uses, l.expectRefuted());
            // step: the statement at var, from the statement at var - 1
            Expr previous = Exprs.bin(BinOp.SUB, Exprs.name(ind.var()), Exprs.num(1));
            Relation ihRel = substitute(st, ind.var(), previous);
            List<Relation> hyps = new ArrayList<>(withoutBinder(scope.hypotheses(), ind.var()));
            // integers: var > base is var >= base + 1, the form the sign rules can use
            Expr next = base instanceof Num n ? Exprs.num(n.value().add(java.math.BigDecimal.ONE)) : Exprs.bin(BinOp.ADD, base, Exprs.num(1));
            hyps.add(new Relation(Exprs.name(ind.var()), Rel.GE, next, ind.pos()));
            Scope stepScope = new Scope(scope.locals(), hyps);
            Fact ih = new Fact("IH", List.of(), inline(ihRel), List.of());
            // numerically, the step is tested on instances where the statement holds at var - 1
            chain(ind.step(), st, stepScope, List.of(ih), List.of(ihRel), steps, uses, l.expectRefuted());
        }
        Verdict v = Verdict.PROVED;
        for (StepResult s : steps) v = Verdict.weakest(v, s.verdict());
        if (l.expectRefuted()) {
            // a mark on the header covers whichever step the refutation lands on
            List<StepResult> marked = new ArrayList<>();
            for (StepResult s : steps) marked.add(s.verdict() == Verdict.REFUTED && !s.expectRefuted() ? withMark(s) : s);
            steps = marked;
        }
        return new ItemResult(theory.file.path(), l.pos().line(), kind, l.name(), l.label(), v, l.expectRefuted(), List.copyOf(uses), List.copyOf(steps), null);
    }

    /**
     * The least integer the statement covers: from its binder ({@code forall t >= a}: a, rounded up
     * for a number; {@code > a}: a + 1), else from the variable's domain. Null when none is known.
     */
    private Expr inductionBase(Lemma l, String var) {
        for (Binder b : l.statement().binders()) {
            if (!b.var().equals(var)) continue;
            Expr bound = inline(b.bound());
            if (bound instanceof Num n) {
                java.math.BigDecimal v = n.value();
                java.math.BigDecimal start = b.rel() == Rel.GT ? v.setScale(0, java.math.RoundingMode.FLOOR).add(java.math.BigDecimal.ONE)
                        : v.setScale(0, java.math.RoundingMode.CEILING);
                return Exprs.num(start);
            }
            if (!integerValued(bound)) return null;
            return b.rel() == Rel.GT ? Exprs.bin(BinOp.ADD, bound, Exprs.num(1)) : bound;
        }
        Domain d = theory.vars.get(var);
        if (d == null) return null;
        switch (d.kind()) {
            case NAT: return d.interval() == null ? Exprs.num(0) : null;
            case POSINT: case DIM: return d.interval() == null ? Exprs.num(1) : null;
            case INT:
                if (d.interval() != null && d.interval().lo() instanceof Num n) return Exprs.num(n.value().setScale(0, java.math.RoundingMode.CEILING));
                return null;
            default: return null;
        }
    }

    private boolean integerValued(Expr e) {
        if (e instanceof Num n) return n.value().stripTrailingZeros().scale() <= 0;
        if (e instanceof Name n) return theory.vars.containsKey(n.id()) && theory.vars.get(n.id()).kind().isInteger();
        if (e instanceof Neg n) return integerValued(n.operand());
        if (e instanceof Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL)) return integerValued(b.left()) && integerValued(b.right());
        return false;
    }

    private static StepResult withMark(StepResult s) {
        return new StepResult(s.line(), s.col(), s.relation(), s.text(), s.rules(), s.verdict(), s.samples(), s.minMargin(),
                s.counterexample(), true, s.sideConditions(), s.note(), s.casTimedOut());
    }

    private static List<Relation> withoutBinder(List<Relation> hyps, String var) {
        List<Relation> out = new ArrayList<>();
        for (Relation h : hyps) if (!(h.lhs() instanceof Name n && n.id().equals(var))) out.add(h);
        return out;
    }

    private static Relation substitute(Relation r, String var, Expr value) {
        return new Relation(Exprs.substitute(r.lhs(), var, value), r.rel(), Exprs.substitute(r.rhs(), var, value), r.pos());
    }

    private void chain(Chain chain, Relation statement, Scope scope, List<Fact> ih, List<Relation> numericOnly,
                       List<StepResult> out, List<String> uses, boolean lemmaExpectRefuted) {
        Expr previous = chain.first();
        Rel composed = Rel.EQ;
        for (Step step : chain.steps()) {
            for (RuleRef r : step.rules()) {
                if ((theory.lemmas.containsKey(r.name()) || theory.assumptions.containsKey(r.name())) && !uses.contains(r.name())) uses.add(r.name());
            }
            out.add(relation(step.pos(), step.rel().symbol, previous, step.rel(), step.expr(), step.rules(), step.expectRefuted(), scope, ih, numericOnly));
            composed = compose(composed, step.rel());
            previous = step.expr();
        }
        out.add(conclusion(chain, statement, composed, previous, scope, lemmaExpectRefuted));
    }

    private static Rel compose(Rel a, Rel b) {
        if (a == Rel.EQ) return b;
        if (b == Rel.EQ) return a;
        if (a.isUpper()) return a == Rel.LT || b == Rel.LT ? Rel.LT : Rel.LE;
        return a == Rel.GT || b == Rel.GT ? Rel.GT : Rel.GE;
    }

    /** The chain proves {@code first composed last}; the statement asks {@code lhs rel rhs}. */
    private StepResult conclusion(Chain chain, Relation statement, Rel composed, Expr last, Scope scope, boolean expectRefuted) {
        Pos pos = chain.steps().isEmpty() ? chain.pos() : chain.steps().get(chain.steps().size() - 1).pos();
        boolean startsRight = Exprs.same(chain.first(), statement.lhs())
                || (Kernel.check(cas, kernelContext(scope, null), chain.first(), Rel.EQ, statement.lhs(), List.of(new RuleRef("algebra", null, pos))).proved());
        if (!startsRight) {
            return unconnected(pos, statement, scope, "the chain starts at " + Printer.print(chain.first())
                    + ", not at the statement's left side " + Printer.print(statement.lhs()));
        }
        Rel want = statement.rel();
        boolean compatible = switch (want) {
            case EQ -> composed == Rel.EQ;
            case LE -> composed == Rel.EQ || composed == Rel.LE || composed == Rel.LT;
            case LT -> composed == Rel.EQ || composed == Rel.LE || composed == Rel.LT;
            case GE -> composed == Rel.EQ || composed == Rel.GE || composed == Rel.GT;
            case GT -> composed == Rel.EQ || composed == Rel.GE || composed == Rel.GT;
            default -> false;
        };
        if (!compatible) {
            return unconnected(pos, statement, scope, "the chain proves '" + composed.symbol + "', the statement asks '" + want.symbol + "'");
        }
        // the final relation: last (want') rhs, where a strict chain already gives strictness
        Rel finalRel = want;
        if ((want == Rel.LT && composed == Rel.LT)) finalRel = Rel.LE;
        if ((want == Rel.GT && composed == Rel.GT)) finalRel = Rel.GE;
        if (Exprs.same(last, statement.rhs()) && finalRel != Rel.LT && finalRel != Rel.GT) {
            return new StepResult(pos.line(), pos.col(), "conclusion", Printer.print(statement), List.of(), Verdict.PROVED, 0, null, null, false,
                    List.of("the chain ends at the statement's right side"), null);
        }
        StepResult r = relation(pos, "conclusion", last, finalRel, statement.rhs(), List.of(new RuleRef("algebra", null, pos)), false, scope, null, List.of());
        return r;
    }

    /** The chain does not prove the statement: the statement itself is still tested (and may be refuted). */
    private StepResult unconnected(Pos pos, Relation statement, Scope scope, String why) {
        StepResult direct = relation(pos, "conclusion", statement.lhs(), statement.rel(), statement.rhs(), List.of(), false, scope, null, List.of());
        Verdict v = direct.verdict() == Verdict.REFUTED ? Verdict.REFUTED : Verdict.UNSUPPORTED;
        return new StepResult(pos.line(), pos.col(), "conclusion", Printer.print(statement), List.of(), v, direct.samples(), direct.minMargin(),
                direct.counterexample(), false, List.of(), why + (v == Verdict.REFUTED ? "; the statement itself is false" : ""));
    }

    // ---- claims -------------------------------------------------------------------------------

    private ItemResult claim(Claim c) {
        Scope scope = new Scope(new HashMap<>(), new ArrayList<>(c.where()));
        List<StepResult> steps = new ArrayList<>();
        List<RuleRef> algebra = List.of(new RuleRef("algebra", null, c.pos()));
        if (c.body() instanceof RelationClaim rc) {
            Statement s = rc.statement();
            List<Relation> hyps = new ArrayList<>(c.where());
            Map<String, Domain> locals = new HashMap<>();
            for (Binder b : s.binders()) {
                if (!theory.vars.containsKey(b.var())) locals.put(b.var(), new Domain(DomainKind.INT, null, b.pos()));
                hyps.add(new Relation(Exprs.name(b.var()), b.rel(), b.bound(), b.pos()));
            }
            Relation r = s.relation();
            steps.add(closedOr(r.pos(), r.lhs(), r.rel(), r.rhs(), c.expectRefuted(), new Scope(locals, hyps), algebra));
        } else if (c.body() instanceof ApproxClaim ac) {
            Expr dev = new Abs(Exprs.bin(BinOp.SUB, ac.lhs(), ac.value()), ac.pos());
            steps.add(closedOr(ac.pos(), dev, Rel.LE, ac.tolerance(), c.expectRefuted(), scope, algebra));
        } else {
            IntervalClaim ic = (IntervalClaim) c.body();
            List<RuleRef> rules = Exprs.contains(ic.expr(), e -> e instanceof Limit)
                    ? List.of(new RuleRef("limit", null, ic.pos())) : algebra;
            Interval iv = ic.interval();
            if (!(iv.lo() instanceof Infinity) && !(iv.lo() instanceof Neg n && n.operand() instanceof Infinity)) {
                steps.add(closedOr(ic.pos(), iv.lo(), iv.loOpen() ? Rel.LT : Rel.LE, ic.expr(), c.expectRefuted(), scope, rules));
            }
            if (!(iv.hi() instanceof Infinity) || Exprs.contains(ic.expr(), e -> e instanceof Limit)) {
                // with a limit, `< oo` asks for a finite limit
                steps.add(closedOr(ic.pos(), ic.expr(), iv.hiOpen() ? Rel.LT : Rel.LE, iv.hi(), c.expectRefuted(), scope, rules));
            }
        }
        Verdict v = Verdict.PROVED;
        for (StepResult s : steps) v = Verdict.weakest(v, s.verdict());
        // a claim with several parts is refuted when any part is; marks on the parts follow the claim's
        List<StepResult> fixed = new ArrayList<>();
        for (StepResult s : steps) {
            boolean mark = c.expectRefuted() && s.verdict() == Verdict.REFUTED || c.expectRefuted() && steps.size() == 1;
            fixed.add(new StepResult(s.line(), s.col(), s.relation(), s.text(), s.rules(), s.verdict(), s.samples(), s.minMargin(),
                    s.counterexample(), mark, s.sideConditions(), s.note(), s.casTimedOut()));
        }
        return new ItemResult(theory.file.path(), c.pos().line(), "claim", c.name(), c.label(), v, c.expectRefuted(), List.of(), fixed, null);
    }

    /**
     * A composition: the closed form is checked equal to the composed expression like any step (CAS and
     * numbers); the paper's form must bound it ({@code composed <= paper}); the reverse relation is tested
     * only to say how the two compare. Growth: the asymptotic class of both at a few sampled instances.
     */
    private ItemResult compose(Compose c) {
        Scope scope = new Scope(new HashMap<>(), new ArrayList<>(c.where()));
        Expr composed = inline(c.composed());
        List<Relation> hyps = new ArrayList<>(scalarAssumptions());
        hyps.addAll(c.where());
        Map<String, DomainKind> kinds = new HashMap<>();
        theory.vars.forEach((k, d) -> kinds.put(k, d.kind()));
        Cas.Assumptions assumptions = new Cas.Assumptions(kinds, hyps);
        Expr closed = cas.simplest(composed, assumptions);
        List<RuleRef> algebra = List.of(new RuleRef("algebra", null, c.pos()));
        List<StepResult> steps = new ArrayList<>();
        StepResult closedStep = relation(c.pos(), "=", c.composed(), Rel.EQ, closed, algebra, false, scope, List.of(), List.of());
        if (closedStep.verdict() == Verdict.REFUTED || closedStep.verdict() == Verdict.UNSUPPORTED) {
            // the CAS's form disagrees with the composition somewhere (Symja simplifies assuming denominators
            // are nonzero, e.g. at beta = 1): keep the composition itself, unsimplified, and say why
            String rejected = Printer.print(closed) + (closedStep.counterexample() == null ? "" : ", which differs at " + values(closedStep));
            closed = composed;
            closedStep = relation(c.pos(), "=", c.composed(), Rel.EQ, closed, algebra, false, scope, List.of(), List.of());
            closedStep = relabel(closedStep, "the CAS's simplified form " + rejected + " was rejected; the closed form is the composition unsimplified");
        }
        steps.add(relabel(closedStep, "closed form"));
        String comparison = null, ratio = null;
        Expr ratioExpr = null;
        List<String> growth = new ArrayList<>();
        if (c.paper() != null) {
            Expr paper = inline(c.paper());
            StepResult follows = relation(c.pos(), "<=", closed, Rel.LE, c.paper(), algebra, c.expectRefuted(), scope, List.of(), List.of());
            steps.add(relabel(follows, "paper's form bounds it"));
            boolean equal = cas.isZero(Exprs.bin(BinOp.SUB, composed, paper), assumptions);
            if (equal) {
                comparison = "equal (the CAS reduces composed - paper to 0)";
            } else {
                StepResult reverse = relation(c.pos(), ">=", closed, Rel.GE, c.paper(), algebra, false, scope, List.of(), List.of());
                boolean le = follows.verdict() != Verdict.REFUTED, ge = reverse.verdict() != Verdict.REFUTED;
                comparison = le && ge ? "equal on every instance tried (not reduced to 0 by the CAS)"
                        : le ? "paper looser: composed <= paper everywhere tried, strictly below at " + values(reverse)
                        : ge ? "paper tighter than what the lemmas give: composed > paper at " + values(follows)
                        : "neither bounds the other: composed > paper at " + values(follows) + "; composed < paper at " + values(reverse);
                ratioExpr = cas.simplest(Exprs.bin(BinOp.DIV, composed, paper), assumptions);
                ratio = Printer.print(ratioExpr);
            }
        }
        if (c.growthVar() != null) {
            Problem p = problem(c.composed(), Rel.LE, c.paper() == null ? c.composed() : c.paper(), scope);
            Falsifier sampler = new Falsifier(p, seedFor(c.pos(), "growth"));
            for (Map<String, BigDecimal> point : sampler.feasiblePoints(2)) {
                Map<String, BigDecimal> shown = new LinkedHashMap<>(point);
                shown.remove(c.growthVar());
                String g = limitClaims.growth(composed, c.growthVar(), point);
                String line = "at " + shown + " (numeric estimate): composed " + (g == null ? "undecided" : g);
                if (c.paper() != null) {
                    String gp = limitClaims.growth(inline(c.paper()), c.growthVar(), point);
                    line += "; paper " + (gp == null ? "undecided" : gp);
                }
                growth.add(line);
            }
        }
        Verdict v = Verdict.PROVED;
        for (StepResult s : steps) v = Verdict.weakest(v, s.verdict());
        var composition = new Results.Composition(Printer.print(c.composed()), Printer.print(closed),
                c.paper() == null ? null : Printer.print(c.paper()), comparison, ratio, List.copyOf(growth), closed, ratioExpr);
        return new ItemResult(theory.file.path(), c.pos().line(), "compose", c.name(), c.label(), v, c.expectRefuted(), List.of(),
                List.copyOf(steps), null).withComposition(composition);
    }

    private static StepResult relabel(StepResult s, String what) {
        String note = s.note() == null ? what : what + "; " + s.note();
        return new StepResult(s.line(), s.col(), s.relation(), s.text(), s.rules(), s.verdict(), s.samples(), s.minMargin(),
                s.counterexample(), s.expectRefuted(), s.sideConditions(), note, s.casTimedOut());
    }

    private static String values(StepResult s) {
        if (s.counterexample() == null) return "(no instance recorded)";
        return s.counterexample().values().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue().stripTrailingZeros().toPlainString())
                .collect(java.util.stream.Collectors.joining(", ")) + " (composed " + short6(s.counterexample().lhs()) + ", paper " + short6(s.counterexample().rhs()) + ")";
    }

    private static String short6(BigDecimal v) {
        return v == null ? "oo" : v.round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A relation without variables is decided by exact (or 60-digit) evaluation; others go through {@link #relation}. */
    private StepResult closedOr(Pos pos, Expr lhs, Rel rel, Expr rhs, boolean expect, Scope scope, List<RuleRef> rules) {
        Expr l = inline(lhs), r = inline(rhs);
        if (Exprs.contains(l, e -> e instanceof Limit) || Exprs.contains(r, e -> e instanceof Limit)) {
            return limitStep(pos, lhs, rel, rhs, expect, scope);
        }
        Set<String> free = new java.util.HashSet<>(Exprs.freeNames(l));
        free.addAll(Exprs.freeNames(r));
        free.removeAll(Set.of("sqrt", "log", "exp", "abs", "min", "max"));
        if (free.isEmpty() && nonScalarReason(l, r) == null && !Exprs.contains(l, e -> e instanceof Limit) && !Exprs.contains(r, e -> e instanceof Limit)) {
            Problem p = new Problem(lhs, rel, rhs, Map.of(), List.of(), List.of(), theory.lets);
            Falsifier f = new Falsifier(p, 0);
            String text = Printer.print(lhs) + " " + rel.symbol + " " + Printer.print(rhs);
            var cex = f.recheck(Map.of());
            try {
                Evaluator<org.apfloat.Apfloat> ev = new Evaluator<>(HighPrecision.INSTANCE, Set.of(), theory.lets);
                var lv = ev.eval(lhs, Map.of());
                var rv = ev.eval(rhs, Map.of());
                String values = "lhs = " + decimal(lv) + ", rhs = " + decimal(rv);
                if (cex != null) {
                    return new StepResult(pos.line(), pos.col(), rel.symbol, text, List.of(), Verdict.REFUTED, 1, null, cex, expect, List.of(), values);
                }
                boolean exact = lv instanceof org.apfloat.Aprational && rv instanceof org.apfloat.Aprational;
                // proved only when 60 and 120 digits both show the relation with a clear margin
                Evaluator<org.apfloat.Apfloat> ev2 = new Evaluator<>(HighPrecision.PRECISE, Set.of(), theory.lets);
                boolean clear = holdsClearly(rel, lv, rv, HighPrecision.INSTANCE)
                        && holdsClearly(rel, ev2.eval(lhs, Map.of()), ev2.eval(rhs, Map.of()), HighPrecision.PRECISE);
                if (clear) {
                    return new StepResult(pos.line(), pos.col(), rel.symbol, text, List.of(), Verdict.PROVED, 1, HighPrecision.INSTANCE.toDouble(margin(rel, lv, rv)), null, expect,
                            List.of((exact ? "exact rational evaluation: " : "evaluation at 60 and 120 digits: ") + values), null);
                }
                return new StepResult(pos.line(), pos.col(), rel.symbol, text, List.of(), Verdict.TESTED, 1, 0.0, null, expect, List.of(),
                        "not decided: the margin is within rounding, or 60 and 120 digits disagree (" + values + ")");
            } catch (Evaluator.Unusable u) {
                return new StepResult(pos.line(), pos.col(), rel.symbol, text, List.of(), Verdict.UNSUPPORTED, 0, null, null, expect, List.of(), u.getMessage());
            }
        }
        return relation(pos, rel.symbol, lhs, rel, rhs, rules, expect, scope, null, List.of());
    }

    /** A relation about limits: the CAS computes each limit at sampled parameter values, numerics cross-check. */
    private StepResult limitStep(Pos pos, Expr l, Rel rel, Expr r, boolean expect, Scope scope) {
        String text = Printer.print(l) + " " + rel.symbol + " " + Printer.print(r);
        List<String> rules = List.of("limit");
        Problem p = problem(l, rel, r, scope);
        Falsifier sampler = new Falsifier(p, seedFor(pos, "limit"));
        List<Map<String, BigDecimal>> points = p.variables().isEmpty() ? List.of(Map.of())
                : sampler.feasiblePoints(Math.max(5, Math.min(30, samples / 50)));
        LimitClaims limits = limitClaims;
        limits.startClaim();
        lastLimitCertain = false;
        int decided = 0;
        boolean allCertain = true;
        String note = null;
        for (Map<String, BigDecimal> point : points) {
            LimitClaims.AtPoint at = limits.decide(l, rel, r, point);
            if (at.holds() == null) { note = at.note(); continue; }
            decided++;
            allCertain &= at.certain();
            if (!at.note().isEmpty()) note = at.note();
            if (!at.holds()) {
                // shrink: simpler values, one variable at a time, while the violation is confirmed
                for (String v : p.variables().keySet()) {
                    for (BigDecimal candidate : Falsifier.simpler(point.get(v), p.variables().get(v).kind().isInteger())) {
                        if (candidate.compareTo(point.get(v)) == 0) break;
                        Map<String, BigDecimal> trial = new LinkedHashMap<>(point);
                        trial.put(v, candidate);
                        if (!sampler.feasibleExact(trial)) continue;
                        LimitClaims.AtPoint again = limits.decide(l, rel, r, trial);
                        if (Boolean.FALSE.equals(again.holds())) { point = trial; at = again; break; }
                    }
                }
                return new StepResult(pos.line(), pos.col(), rel.symbol, text, rules, Verdict.REFUTED, decided, null,
                        LimitClaims.counterexample(point, at), expect, List.of(),
                        "at this instance: lhs = " + at.lhs().text() + ", rhs = " + at.rhs().text() + " (" + at.note()
                                + (at.note().isEmpty() ? "limit by the CAS, cross-checked numerically far out" : "") + ")");
            }
        }
        lastLimitCertain = allCertain && decided == points.size();
        if (decided == 0) {
            return new StepResult(pos.line(), pos.col(), rel.symbol, text, rules, Verdict.UNSUPPORTED, 0, null, null, expect, List.of(),
                    points.isEmpty() ? "no instance satisfies the hypotheses" : "undecided: " + note);
        }
        if (p.variables().isEmpty() && allCertain) {
            return new StepResult(pos.line(), pos.col(), rel.symbol, text, rules, Verdict.PROVED, 1, null, null, expect,
                    List.of("CAS limit, confirmed by the values far out; compared in exact/60-digit arithmetic"), null);
        }
        if (p.variables().isEmpty()) {
            return new StepResult(pos.line(), pos.col(), rel.symbol, text, rules, Verdict.TESTED, 1, null, null, expect, List.of(),
                    "decided on a numeric estimate of the limit, not a proof: " + note);
        }
        return new StepResult(pos.line(), pos.col(), rel.symbol, text, rules, Verdict.TESTED, decided, null, null, expect, List.of(),
                "limits computed by the CAS at " + decided + " sampled instances of " + String.join(", ", p.variables().keySet())
                        + (decided < points.size() ? "; " + (points.size() - decided) + " undecided (" + note + ")" : ""));
    }

    private static boolean holdsClearly(Rel rel, org.apfloat.Apfloat l, org.apfloat.Apfloat r, HighPrecision hp) {
        org.apfloat.Apfloat d = hp.sub(l, r);
        boolean zero = hp.negligible(d, hp.add(hp.abs(l), hp.abs(r)));
        boolean exactZero = d.signum() == 0;
        return switch (rel) {
            case LE -> d.signum() < 0 && !zero || exactZero;
            case LT -> d.signum() < 0 && !zero;
            case GE -> d.signum() > 0 && !zero || exactZero;
            case GT -> d.signum() > 0 && !zero;
            case EQ -> exactZero && l instanceof org.apfloat.Aprational && r instanceof org.apfloat.Aprational;
            case NE -> !zero;
            default -> false;
        };
    }

    private static org.apfloat.Apfloat margin(Rel rel, org.apfloat.Apfloat l, org.apfloat.Apfloat r) {
        HighPrecision hp = HighPrecision.INSTANCE;
        return switch (rel) {
            case LE, LT -> hp.sub(r, l);
            case GE, GT -> hp.sub(l, r);
            default -> hp.neg(hp.abs(hp.sub(l, r)));
        };
    }

    private static String decimal(org.apfloat.Apfloat a) {
        return new BigDecimal(HighPrecision.approx(a).precision(20).toString(true)).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
