package boundcheck.latex;

import java.util.Map;
import java.util.Set;

/**
 * How identifiers print: the author's {@code latex NAME "TEX"} first; otherwise {@code _} starts a
 * subscript ({@code rho_h -> \rho_h}, {@code B_UF -> B_{UF}}), Greek names print as Greek letters, a
 * multi-letter word prints upright ({@code zhang -> \mathrm{zhang}}), trailing digits become a subscript
 * ({@code alpha3 -> \alpha_{3}}), and primes stay primes.
 */
public final class LatexNames {
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta",
            "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "varrho", "sigma", "tau",
            "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma",
            "Upsilon", "Phi", "Psi", "Omega");

    private final Map<String, String> notations;

    public LatexNames(Map<String, String> notations) { this.notations = Map.copyOf(notations); }

    /** The symbol alone; {@link #isCompound} says whether it needs braces before a further sub- or superscript. */
    public String symbol(String id) {
        String custom = notations.get(id);
        if (custom != null) return custom;
        int primeAt = id.indexOf('\'');
        String primes = primeAt < 0 ? "" : id.substring(primeAt);
        String bare = primeAt < 0 ? id : id.substring(0, primeAt);
        int underscore = bare.indexOf('_');
        String base = underscore < 0 ? bare : bare.substring(0, underscore);
        String sub = underscore < 0 ? "" : bare.substring(underscore + 1);
        if (sub.isEmpty()) {
            // trailing digits of a word become its subscript: alpha3, h1, bound3
            int digits = base.length();
            while (digits > 0 && Character.isDigit(base.charAt(digits - 1))) digits--;
            if (digits > 0 && digits < base.length()) {
                sub = base.substring(digits);
                base = base.substring(0, digits);
            }
        }
        StringBuilder b = new StringBuilder(word(base));
        if (!sub.isEmpty()) {
            String[] parts = sub.split("_");
            StringBuilder s = new StringBuilder();
            for (String part : parts) {
                if (part.isEmpty()) continue;
                if (s.length() > 0) s.append(',');
                s.append(subscriptPart(part));
            }
            String text = s.toString();
            b.append("_{").append(text).append('}');
        }
        return b.append(primes).toString();
    }

    /** Whether a sub- or superscript after this symbol needs braces around it first. */
    public boolean isCompound(String id) {
        return notations.containsKey(id) || id.contains("'") || symbol(id).contains("_");
    }

    private static String word(String w) {
        if (GREEK.contains(w)) return "\\" + w;
        if (w.length() == 1) return w;
        return "\\mathrm{" + w + "}";
    }

    private static String subscriptPart(String part) {
        if (GREEK.contains(part)) return "\\" + part;
        // a lower-case word of three or more letters is a label (d_mgu), not a product of symbols
        if (part.matches("[a-z]{3,}[0-9]*")) return "\\mathrm{" + part + "}";
        return part;
    }

    /** Plain text for LaTeX: special characters escaped, the few non-ASCII symbols the papers use mapped. */
    public static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '%', '_' -> b.append('\\').append((char) c);
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '<' -> b.append("\\textless{}");
                case '>' -> b.append("\\textgreater{}");
                case '|' -> b.append("\\textbar{}");
                case '"' -> b.append("''");
                default -> {
                    if (c < 128) b.append((char) c);
                    else b.append(unicode(c));
                }
            }
        }
        return b.toString();
    }

    private static String unicode(int c) {
        return switch (c) {
            case '≤' -> "$\\le$";
            case '≥' -> "$\\ge$";
            case '≠' -> "$\\ne$";
            case '≈' -> "$\\approx$";
            case '∞' -> "$\\infty$";
            case '√' -> "$\\surd$";
            case '—', '–' -> "--";
            case '‖' -> "$\\|$";
            case '∣' -> "\\textbar{}";
            case '⊙' -> "$\\odot$";
            case '’', '‘' -> "'";
            case '“', '”' -> "''";
            default -> {
                String name = Character.getName(c);
                if (name != null && name.startsWith("GREEK SMALL LETTER ")) {
                    String g = name.substring("GREEK SMALL LETTER ".length()).toLowerCase();
                    yield GREEK.contains(g) ? "$\\" + g + "$" : "?";
                }
                if (name != null && name.startsWith("GREEK CAPITAL LETTER ")) {
                    String g = name.substring("GREEK CAPITAL LETTER ".length()).toLowerCase();
                    String cap = Character.toUpperCase(g.charAt(0)) + g.substring(1);
                    yield GREEK.contains(cap) ? "$\\" + cap + "$" : "?";
                }
                yield "?";
            }
        };
    }
}
