/**
 * The numeric engine: evaluation of expressions in doubles and in high precision (exact rationals
 * where possible, 60-digit Apfloat otherwise), seeded sampling of instances that satisfy the
 * declarations, and the falsifier (random and edge instances, hill-climbing, high-precision
 * re-check, shrinking).
 */
package boundcheck.numeric;
