/**
 * The benchmark of naive Bayes and the judge against scikit-learn run in the same invocation
 * ({@link org.latentwalk.models.bayes.bench.BayesBenchmark}); not a test.
 */
package org.latentwalk.models.bayes.bench;
