/**
 * Evaluating a theory's bounds at numbers: constants given on the command line ({@code --set}) or
 * computed from a trained network's weights ({@code .npy}, {@code .npz}, CSV), every quantity a bound
 * needs (spectral, Frobenius and (2,1) norms, dimensions, products like {@code beta}); a bound is never
 * given a number while a constant it uses is undefined. The arithmetic is the checker's own
 * ({@link boundcheck.numeric.Evaluator} in 60-digit high precision), so the formula evaluated is the tree
 * that was checked, not a copy.
 */
package boundcheck.eval;
