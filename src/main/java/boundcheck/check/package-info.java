/**
 * Runs the check of a theory: for every step, conclusion, claim and lemma it asks the numeric
 * falsifier for a counterexample and the kernel for a proof, and combines both into one verdict.
 * It decides nothing itself: {@code proved} comes only from the kernel, {@code refuted} only from
 * a re-checked counterexample.
 */
package boundcheck.check;
