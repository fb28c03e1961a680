/** The text report for people and the JSON report of LANGUAGE.md section 7, from the same results. */
package boundcheck.report;
