/**
 * Property tests (jqwik) of the paper's Lipschitz and norm claims on random networks, built on the
 * plain-Java reference models in {@code boundcheck.reference}: independent of the language, and a
 * second witness for the checker's numeric engine. Each claim is written as the paper states it.
 */
package boundcheck.properties;
