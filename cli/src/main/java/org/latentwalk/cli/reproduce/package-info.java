/**
 * {@code latentwalk reproduce}: the whole article in one run — trains (or reuses from a cache) the
 * judge and every model, computes every figure and number, and writes a self-contained HTML report.
 */
package org.latentwalk.cli.reproduce;
