package boundcheck.lang;

import boundcheck.lang.Ast.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declarations of one file, by name, in declaration order (built by {@link Resolver}). */
public final class Theory {
    public final TheoryFile file;
    public final Map<String, Domain> vars = new LinkedHashMap<>();
    public final Map<String, LetDecl> lets = new LinkedHashMap<>();
    public final Map<String, VecDecl> vecs = new LinkedHashMap<>();
    public final Map<String, MatDecl> mats = new LinkedHashMap<>();
    public final Map<String, FunDecl> funs = new LinkedHashMap<>();
    public final Map<String, List<SeqDecl>> seqs = new LinkedHashMap<>();
    public final Map<String, Assumption> assumptions = new LinkedHashMap<>();
    public final Map<String, Lemma> lemmas = new LinkedHashMap<>();
    public final Map<String, Claim> claims = new LinkedHashMap<>();
    public final Map<String, Compose> composes = new LinkedHashMap<>();
    /** The author's LaTeX for declared names ({@code latex NAME "TEX"}). */
    public final Map<String, String> notations = new LinkedHashMap<>();

    Theory(TheoryFile file) { this.file = file; }

    /** Where a name was declared, or null. */
    Pos declaredAt(String name) {
        for (Item item : file.items()) {
            String n = null;
            if (item instanceof VarDecl v) n = v.name();
            else if (item instanceof LetDecl l) n = l.name();
            else if (item instanceof VecDecl v) n = v.name();
            else if (item instanceof MatDecl m) n = m.name();
            else if (item instanceof FunDecl f) n = f.name();
            else if (item instanceof Assumption a) n = a.name();
            else if (item instanceof Lemma l) n = l.name();
            else if (item instanceof Claim c) n = c.name();
            else if (item instanceof Compose c) n = c.name();
            if (name.equals(n)) return item.pos();
        }
        return null;
    }

    public boolean isObject(String name) {
        return vecs.containsKey(name) || mats.containsKey(name) || seqs.containsKey(name);
    }

    /** Every scalar assumption statement, for samplers and fact lookup. */
    public List<Statement> assumptionStatements() {
        List<Statement> out = new ArrayList<>();
        for (Assumption a : assumptions.values()) out.addAll(a.statements());
        return out;
    }
}
