/**
 * The trusted core: decides whether a step is {@code proved}. It matches the step against the
 * rules it cites and discharges their side conditions (signs, monotonicity, instances of facts,
 * algebraic identities via the CAS service). Nothing outside this package can make a step proved;
 * search, sampling and printing only propose. Kept small on purpose: read it to audit a verdict.
 */
package boundcheck.kernel;
