/**
 * The language front end: the syntax tree ({@link boundcheck.lang.Ast}), parsing of {@code .bnd}
 * text with the ANTLR grammar in {@code grammar/}, name resolution and type checks, and printing
 * a tree back to source form. Errors are collected with positions, never thrown at the user.
 */
package boundcheck.lang;
