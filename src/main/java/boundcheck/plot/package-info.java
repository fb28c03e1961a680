/**
 * Charts of evaluated bounds (JFreeChart): a bar chart of several bounds on a logarithmic axis, and
 * bounds against a swept constant such as {@code t}; each written as PNG or, through JFreeSVG, as SVG.
 */
package boundcheck.plot;
