package boundcheck.lang;

import boundcheck.lang.Ast.*;
import boundcheck.lang.parser.BoundParser;
import boundcheck.lang.parser.BoundParser.*;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns an ANTLR parse tree into {@link Ast} records; reports malformed pieces to {@link Diagnostics}. */
final class AstBuilder {
    private final Path file;
    private final Diagnostics diagnostics;

    AstBuilder(Path file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    TheoryFile build(FileContext ctx) {
        String name = null, label = null;
        Integer cap = null;
        if (ctx.theoryDecl() != null && ctx.theoryDecl().cap != null) {
            try {
                cap = Integer.valueOf(ctx.theoryDecl().cap.getText());
                if (cap < 1) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                diagnostics.error(file, pos(ctx.theoryDecl().cap), "samples needs a positive integer");
            }
        }
        if (ctx.theoryDecl() != null) {
            name = ctx.theoryDecl().name.getText();
            label = ctx.theoryDecl().label == null ? null : unquote(ctx.theoryDecl().label);
        }
        List<Item> items = new ArrayList<>();
        for (ItemContext item : ctx.item()) items.addAll(item(item));
        return new TheoryFile(file, name, label, cap, List.copyOf(items));
    }

    private static Pos pos(ParserRuleContext ctx) { return pos(ctx.getStart()); }

    private static Pos pos(Token t) { return new Pos(t.getLine(), t.getCharPositionInLine() + 1); }

    private static String unquote(Token t) {
        String s = t.getText();
        return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private List<Item> item(ItemContext ctx) {
        if (ctx.varDecl() != null) return varDecl(ctx.varDecl());
        if (ctx.letDecl() != null) return List.of(letDecl(ctx.letDecl()));
        if (ctx.vecDecl() != null) return vecDecl(ctx.vecDecl());
        if (ctx.matDecl() != null) return matDecl(ctx.matDecl());
        if (ctx.funDecl() != null) return List.of(funDecl(ctx.funDecl()));
        if (ctx.seqDecl() != null) return List.of(seqDecl(ctx.seqDecl()));
        if (ctx.assumeDecl() != null) return List.of(assume(ctx.assumeDecl()));
        if (ctx.lemmaDecl() != null) return List.of(lemma(ctx.lemmaDecl()));
        if (ctx.composeDecl() != null) {
            ComposeDeclContext c = ctx.composeDecl();
            String label = c.STRING() == null ? null : unquote(c.STRING().getSymbol());
            return List.of(new Compose(c.ID(0).getText(), label, !c.expectRefuted().isEmpty(), where(c.whereClause()), expr(c.composed),
                    c.paper == null ? null : expr(c.paper), c.growthVar == null ? null : c.growthVar.getText(), pos(c.ID(0).getSymbol())));
        }
        if (ctx.sectionDecl() != null) return List.of(new Section(unquote(ctx.sectionDecl().title), pos(ctx.sectionDecl())));
        if (ctx.notationDecl() != null) {
            NotationDeclContext n = ctx.notationDecl();
            return List.of(new Notation(n.ID().getText(), unquote(n.STRING().getSymbol()), pos(n.ID().getSymbol())));
        }
        return List.of(claim(ctx.claimDecl()));
    }

    private List<Item> varDecl(VarDeclContext ctx) {
        Domain domain = domain(ctx.domain());
        List<Item> out = new ArrayList<>();
        for (TerminalNode id : ctx.ID()) out.add(new VarDecl(id.getText(), domain, pos(id.getSymbol())));
        return out;
    }

    private Domain domain(DomainContext ctx) {
        if (ctx instanceof KindDomainContext k) {
            DomainKind kind = domainKind(k.kind);
            Interval interval = k.interval() == null ? null : interval(k.interval());
            return new Domain(kind, interval, pos(ctx));
        }
        RangeDomainContext r = (RangeDomainContext) ctx;
        DomainKind kind = domainKind(r.kind);
        if (kind != null && !kind.isInteger()) {
            diagnostics.error(file, pos(r.kind), "an integer range `lo..hi` needs an integer domain (nat, posint, dim, int), not '" + r.kind.getText() + "'");
        }
        Interval interval = new Interval(expr(r.lo), false, expr(r.hi), false, pos(r.lo));
        return new Domain(kind, interval, pos(ctx));
    }

    private DomainKind domainKind(Token t) {
        return switch (t.getText()) {
            case "nat" -> DomainKind.NAT;
            case "posint" -> DomainKind.POSINT;
            case "dim" -> DomainKind.DIM;
            case "int" -> DomainKind.INT;
            case "pos" -> DomainKind.POS;
            case "nonneg" -> DomainKind.NONNEG;
            case "real" -> DomainKind.REAL;
            default -> {
                diagnostics.error(file, pos(t), "unknown domain '" + t.getText() + "' (expected nat, posint, dim, int, pos, nonneg or real)");
                yield DomainKind.REAL;
            }
        };
    }

    private Interval interval(IntervalContext ctx) {
        return new Interval(expr(ctx.lo), ctx.open.getType() == BoundParser.LPAREN,
                expr(ctx.hi), ctx.close.getType() == BoundParser.RPAREN, pos(ctx));
    }

    private LetDecl letDecl(LetDeclContext ctx) {
        List<TerminalNode> ids = ctx.ID();
        List<String> params = new ArrayList<>();
        for (int i = 1; i < ids.size(); i++) params.add(ids.get(i).getText());
        return new LetDecl(ids.get(0).getText(), List.copyOf(params), expr(ctx.expr()), pos(ids.get(0).getSymbol()));
    }

    private void checkSpace(Token space) {
        if (!space.getText().equals("R")) diagnostics.error(file, pos(space), "expected R^... for a vector or matrix space, found '" + space.getText() + "'");
    }

    private List<Item> vecDecl(VecDeclContext ctx) {
        checkSpace(ctx.space);
        Expr dim = dimExpr(ctx.dim);
        List<Item> out = new ArrayList<>();
        for (FamilyContext f : ctx.family()) {
            out.add(new VecDecl(f.ID(0).getText(), f.index == null ? null : f.index.getText(), dim, pos(f)));
        }
        return out;
    }

    private Expr dimExpr(DimExprContext ctx) {
        if (ctx.expr() != null) return expr(ctx.expr());
        if (ctx.NUMBER() != null) return new Num(new BigDecimal(ctx.NUMBER().getText()), pos(ctx));
        return new Name(ctx.ID().getText(), pos(ctx));
    }

    private List<Item> matDecl(MatDeclContext ctx) {
        Expr rows = expr(ctx.rows), cols = expr(ctx.cols);
        // O^(n, n): orthogonal matrices (Q^T Q = I), as the Conv RNN's filters need
        boolean orthogonal = ctx.space.getText().equals("O");
        if (orthogonal && !Exprs.same(rows, cols)) diagnostics.error(file, pos(ctx.space), "an orthogonal matrix O^(n, n) is square");
        if (!orthogonal) checkSpace(ctx.space);
        List<Item> out = new ArrayList<>();
        for (FamilyContext f : ctx.family()) {
            out.add(new MatDecl(f.ID(0).getText(), f.index == null ? null : f.index.getText(), rows, cols, orthogonal, pos(f)));
        }
        return out;
    }

    private FunDecl funDecl(FunDeclContext ctx) {
        List<FunProp> props = new ArrayList<>();
        for (FunPropContext p : ctx.funProp()) {
            props.add(new FunProp(p.ID().getText(), p.expr() == null ? null : expr(p.expr()),
                    p.interval() == null ? null : interval(p.interval()), pos(p)));
        }
        return new FunDecl(ctx.ID(0).getText(), List.copyOf(props), ctx.sample == null ? null : ctx.sample.getText(), pos(ctx.ID(0).getSymbol()));
    }

    private SeqDecl seqDecl(SeqDeclContext ctx) {
        return new SeqDecl(ctx.ID().getText(), expr(ctx.index), expr(ctx.expr(1)), pos(ctx.ID().getSymbol()));
    }

    private Assumption assume(AssumeDeclContext ctx) {
        List<Statement> statements = new ArrayList<>();
        for (StatementContext s : ctx.statement()) statements.add(statement(s));
        return new Assumption(ctx.ID().getText(), ctx.STRING() == null ? null : unquote(ctx.STRING().getSymbol()),
                List.copyOf(statements), pos(ctx.ID().getSymbol()));
    }

    private List<Relation> where(WhereClauseContext ctx) {
        if (ctx == null) return List.of();
        List<Relation> out = new ArrayList<>();
        for (RelationContext r : ctx.relation()) out.add(relation(r));
        return List.copyOf(out);
    }

    private Lemma lemma(LemmaDeclContext ctx) {
        LemmaKind kind = ctx.kw.getType() == BoundParser.THEOREM ? LemmaKind.THEOREM : LemmaKind.LEMMA;
        String label = ctx.STRING() == null ? null : unquote(ctx.STRING().getSymbol());
        String citation = ctx.citation() == null ? null : unquote(ctx.citation().STRING().getSymbol());
        Proof proof = ctx.proof() == null ? null : proof(ctx.proof());
        return new Lemma(kind, ctx.ID().getText(), label, !ctx.expectRefuted().isEmpty(), where(ctx.whereClause()),
                statement(ctx.statement()), citation, proof, pos(ctx.ID().getSymbol()));
    }

    private Claim claim(ClaimDeclContext ctx) {
        String label = ctx.STRING() == null ? null : unquote(ctx.STRING().getSymbol());
        ClaimBody body;
        if (ctx.claimBody() instanceof IntervalClaimContext c) {
            body = new IntervalClaim(expr(c.expr()), interval(c.interval()), pos(c));
        } else if (ctx.claimBody() instanceof ApproxClaimContext c) {
            body = new ApproxClaim(expr(c.expr(0)), expr(c.expr(1)), expr(c.expr(2)), pos(c));
        } else {
            body = new RelationClaim(statement(((RelationClaimContext) ctx.claimBody()).statement()));
        }
        return new Claim(ctx.ID().getText(), label, !ctx.expectRefuted().isEmpty(), where(ctx.whereClause()), body,
                pos(ctx.ID().getSymbol()));
    }

    private Statement statement(StatementContext ctx) {
        List<Binder> binders = new ArrayList<>();
        for (BinderContext b : ctx.binder()) {
            binders.add(new Binder(b.ID().getText(), b.op.getType() == BoundParser.GT ? Rel.GT : Rel.GE, expr(b.expr()), pos(b)));
        }
        return new Statement(List.copyOf(binders), relation(ctx.relation()), pos(ctx));
    }

    private Relation relation(RelationContext ctx) {
        return new Relation(expr(ctx.expr(0)), rel(ctx.rel()), expr(ctx.expr(1)), pos(ctx.rel()));
    }

    static Rel rel(RelContext ctx) {
        return switch (ctx.getStart().getType()) {
            case BoundParser.LE -> Rel.LE;
            case BoundParser.LT -> Rel.LT;
            case BoundParser.GE -> Rel.GE;
            case BoundParser.GT -> Rel.GT;
            case BoundParser.EQ -> Rel.EQ;
            case BoundParser.NE -> Rel.NE;
            default -> Rel.APPROX;
        };
    }

    private Proof proof(ProofContext ctx) {
        if (ctx instanceof DirectProofContext d) return new DirectProof(chain(d.chain()), pos(d));
        InductionProofContext ind = (InductionProofContext) ctx;
        return new InductionProof(ind.ID().getText(), chain(ind.base), chain(ind.step), pos(ind));
    }

    private Chain chain(ChainContext ctx) {
        List<Step> steps = new ArrayList<>();
        for (ChainStepContext s : ctx.chainStep()) {
            List<RuleRef> rules = new ArrayList<>();
            for (RuleRefContext r : s.ruleRef()) {
                String head = r.LIMIT() != null ? "limit" : r.ID(0).getText();
                String arg = r.ID().size() > (r.LIMIT() != null ? 0 : 1) ? r.ID(r.ID().size() - 1).getText() : null;
                rules.add(new RuleRef(head, arg, pos(r)));
            }
            steps.add(new Step(rel(s.rel()), expr(s.expr()), List.copyOf(rules), s.expectRefuted() != null, pos(s)));
        }
        return new Chain(expr(ctx.expr()), List.copyOf(steps), pos(ctx));
    }

    // ---- expressions ---------------------------------------------------------------

    Expr expr(ExprContext ctx) {
        if (ctx instanceof PowExprContext p) return new Binary(BinOp.POW, expr(p.expr(0)), expr(p.expr(1)), pos(p.CARET().getSymbol()));
        if (ctx instanceof UnaryExprContext u) {
            Expr operand = expr(u.expr());
            return u.MINUS() != null ? new Neg(operand, pos(u)) : operand;
        }
        if (ctx instanceof MulExprContext m) {
            BinOp op = switch (m.op.getType()) {
                case BoundParser.STAR -> BinOp.MUL;
                case BoundParser.SLASH -> BinOp.DIV;
                default -> BinOp.HADAMARD;
            };
            return new Binary(op, expr(m.expr(0)), expr(m.expr(1)), pos(m.op));
        }
        if (ctx instanceof AddExprContext a) {
            BinOp op = a.op.getType() == BoundParser.PLUS ? BinOp.ADD : BinOp.SUB;
            return new Binary(op, expr(a.expr(0)), expr(a.expr(1)), pos(a.op));
        }
        if (ctx instanceof BigOpExprContext b) return bigOp(b.bigOp(), expr(b.expr()));
        return primary(((PrimaryExprContext) ctx).primary());
    }

    private Expr bigOp(BigOpContext ctx, Expr body) {
        if (ctx instanceof LimitOpContext l) return new Limit(l.ID().getText(), expr(l.target), body, pos(l));
        AggregateOpContext a = (AggregateOpContext) ctx;
        AggKind kind = switch (a.aggKind.getType()) {
            case BoundParser.SUM -> AggKind.SUM;
            case BoundParser.PROD -> AggKind.PROD;
            case BoundParser.MAX -> AggKind.MAX;
            default -> AggKind.MIN;
        };
        String var = a.ID(0).getText();
        Expr exclude = null;
        if (a.excl != null) {
            if (!a.ID(1).getText().equals(var)) {
                diagnostics.error(file, pos(a.ID(1).getSymbol()), "the exclusion must name the index '" + var + "', not '" + a.ID(1).getText() + "'");
            }
            exclude = expr(a.excl);
        }
        return new Aggregate(kind, var, expr(a.lo), expr(a.hi), exclude, body, pos(a));
    }

    private Expr primary(PrimaryContext ctx) {
        if (ctx instanceof NumberLitContext n) return new Num(new BigDecimal(n.NUMBER().getText()), pos(n));
        if (ctx instanceof InfLitContext i) return new Infinity(pos(i));
        if (ctx instanceof IndexExprContext ix) return new Index(primary(ix.primary()), expr(ix.expr()), pos(ix.LBRACK().getSymbol()));
        if (ctx instanceof MinMaxCallContext mm) {
            List<Expr> args = new ArrayList<>();
            for (ExprContext e : mm.expr()) args.add(expr(e));
            return new Call(mm.fn.getText(), List.copyOf(args), pos(mm));
        }
        if (ctx instanceof CallContext c) {
            List<Expr> args = new ArrayList<>();
            for (ExprContext e : c.expr()) args.add(expr(e));
            return new Call(c.ID().getText(), List.copyOf(args), pos(c));
        }
        if (ctx instanceof NameContext n) return new Name(n.ID().getText(), pos(n));
        if (ctx instanceof ParenContext p) return expr(p.expr());
        if (ctx instanceof AbsContext a) return new Abs(expr(a.expr()), pos(a));
        NormContext n = (NormContext) ctx;
        return new Norm(expr(n.expr()), normKind(n.normSub()), pos(n));
    }

    private NormKind normKind(NormSubContext ctx) {
        if (ctx == null) return NormKind.DEFAULT;
        String s = ctx.getText().substring(1).replace(" ", "").toLowerCase(Locale.ROOT);
        return switch (s) {
            case "2" -> NormKind.TWO;
            case "inf" -> NormKind.INF;
            case "1" -> NormKind.ONE;
            case "f" -> NormKind.FROBENIUS;
            case "{2,1}" -> NormKind.TWO_ONE;
            default -> {
                diagnostics.error(file, pos(ctx), "unknown norm '_" + ctx.getText().substring(1) + "' (expected _2, _inf, _1, _F or _{2,1})");
                yield NormKind.DEFAULT;
            }
        };
    }
}
