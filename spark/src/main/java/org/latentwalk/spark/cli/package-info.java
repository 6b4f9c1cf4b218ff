/**
 * The {@code latentwalk spark} command line: one picocli command per job, exit codes 0 (ok), 1
 * (failure, one line on stderr) and 2 (usage). {@link org.latentwalk.spark.cli.SparkMain} is the
 * jar's entry point for {@code spark-submit} and the local launcher.
 */
package org.latentwalk.spark.cli;
