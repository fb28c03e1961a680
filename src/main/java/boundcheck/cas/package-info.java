/**
 * The only code that talks to Symja. Expressions are built from the syntax tree with {@code F.*}
 * (never parsed from user text), evaluated on one worker thread that owns its engine, under a time
 * limit, with file access, {@code URLFetch} and {@code Unprotect} off. Results come back as syntax
 * trees; callers must still cross-check them numerically.
 */
package boundcheck.cas;
