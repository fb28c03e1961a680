package boundcheck.numeric;

import boundcheck.lang.Ast.*;
import java.util.List;
import java.util.Map;

/**
 * The declared objects a problem mentions (directly or through sequences), with the assumptions
 * that constrain them. Instances are drawn so that every constraint holds.
 *
 * @param constraints assumption statements that mention an object, e.g. {@code ||U|| <= B_U} or
 *                    {@code forall s >= 1: ||x[s]|| <= B_x}; lets inlined
 */
public record ObjectModel(Map<String, VecDecl> vecs, Map<String, MatDecl> mats, Map<String, FunDecl> funs,
                          Map<String, List<SeqDecl>> seqs, List<Statement> constraints) {
    public boolean isEmpty() { return vecs.isEmpty() && mats.isEmpty() && funs.isEmpty() && seqs.isEmpty(); }
}
