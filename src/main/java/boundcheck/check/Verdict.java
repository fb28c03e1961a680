package boundcheck.check;

/** Verdicts from weakest to strongest (LANGUAGE.md section 6). */
public enum Verdict {
    REFUTED, UNSUPPORTED, TESTED, CITED, PROVED;

    public String word() { return name().toLowerCase(); }

    public static Verdict weakest(Verdict a, Verdict b) { return a.ordinal() <= b.ordinal() ? a : b; }
}
