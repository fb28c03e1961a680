package boundcheck.lang;

import boundcheck.lang.parser.BoundLexer;
import boundcheck.lang.parser.BoundParser;
import java.nio.file.Path;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Parses {@code .bnd} text into a {@link Ast.TheoryFile}; syntax errors go to {@link Diagnostics}. */
public final class Parsing {
    private Parsing() {}

    /** Returns the tree, or null when the text has syntax errors (they are in {@code diagnostics}). */
    public static Ast.TheoryFile parse(Path file, String text, Diagnostics diagnostics) {
        int before = diagnostics.errors().size();
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                    RecognitionException e) {
                diagnostics.error(file, line, col + 1, friendly(offending, msg));
            }
        };
        BoundLexer lexer = new BoundLexer(CharStreams.fromString(text, file.toString()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        BoundParser parser = new BoundParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        BoundParser.FileContext tree = parser.file();
        if (diagnostics.errors().size() > before) return null;
        Ast.TheoryFile result = new AstBuilder(file, diagnostics).build(tree);
        return diagnostics.errors().size() > before ? null : result;
    }

    /** Parses one expression (used by tests and by the printer's round trip). */
    public static Ast.Expr parseExpr(String text, Diagnostics diagnostics) {
        Path file = Path.of("<expr>");
        Ast.TheoryFile f = parse(file, "claim e: " + text + " = 0", diagnostics);
        if (f == null) return null;
        Ast.Claim c = (Ast.Claim) f.items().get(0);
        return ((Ast.RelationClaim) c.body()).statement().relation().lhs();
    }

    private static String friendly(Object offending, String msg) {
        if (offending instanceof Token t) {
            String text = t.getType() == Token.EOF ? "end of file" : "'" + t.getText() + "'";
            if (msg.startsWith("mismatched input") || msg.startsWith("extraneous input")) {
                int expecting = msg.indexOf("expecting");
                return "unexpected " + text + (expecting >= 0 ? ", " + msg.substring(expecting) : "");
            }
            if (msg.startsWith("no viable alternative")) return "cannot parse here: unexpected " + text;
            if (msg.startsWith("missing")) return msg.replace("at", "before");
        }
        if (msg.startsWith("token recognition error")) return "unexpected character " + msg.substring(msg.indexOf("'"));
        return msg;
    }
}
