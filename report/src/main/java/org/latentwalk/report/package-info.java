/**
 * The report of {@code latentwalk reproduce} as a list of sections: {@link
 * org.latentwalk.report.ReportSection} is what a section implements, {@link
 * org.latentwalk.report.ReportContext} what it reads (data, judge, trained models, latent spaces),
 * {@link org.latentwalk.report.SectionOutput} what it returns (a typed record for {@code
 * report.json} and an HTML {@link org.latentwalk.report.Fragment}). The sections of the article are
 * in {@link org.latentwalk.report.sections}; the run that trains the models, calls every section
 * and swaps the finished report in is {@link org.latentwalk.report.reproduce.Reproduction}.
 *
 * <p>This module reaches models only through core's SPI: it depends on core and interpolation,
 * never on a model module or ND4J.
 */
package org.latentwalk.report;
