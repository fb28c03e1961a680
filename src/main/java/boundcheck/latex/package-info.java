/**
 * LaTeX from the syntax tree: {@link boundcheck.latex.LatexPrinter} prints expressions, relations and
 * statements in the author's order of terms (parentheses from precedence, as {@link boundcheck.lang.Printer}
 * does for source text); {@link boundcheck.latex.LatexDocument} lays out a whole theory (declarations,
 * statements, proof chains as {@code align*} with rules and verdict marks, composed closed forms).
 * Nothing here decides a verdict; results come in from {@code check}.
 */
package boundcheck.latex;
