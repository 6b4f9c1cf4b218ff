/**
 * {@code latentwalk reproduce}: the whole article in one run. {@link
 * org.latentwalk.report.reproduce.Reproduction} loads the data, trains (or reuses from a cache) the
 * judge and every model, calls each {@link org.latentwalk.report.ReportSection} of its list, and
 * writes {@code index.html} (from a mustache template) and {@code report.json} (the {@link
 * org.latentwalk.report.reproduce.Report} record, schema {@code report.schema.json}) into a
 * directory that replaces the previous report whole.
 */
package org.latentwalk.report.reproduce;
