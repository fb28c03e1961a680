/**
 * Plain-Java reference models of the paper's networks, written with {@code double[]} loops and
 * independent of the boundcheck language, its evaluator and its CAS. They are a second witness:
 * a bound the checker accepts can be tested against an actual forward pass computed here.
 */
package boundcheck.reference;
