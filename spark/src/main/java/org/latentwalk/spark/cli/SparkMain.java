package org.latentwalk.spark.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code latentwalk spark} and of the jar under {@code spark-submit}. The only class
 * of the module that writes to the process streams and exits the JVM.
 */
public final class SparkMain {
  private SparkMain() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    if (!sparkOnClassPath()) {
      err.println(
          "latentwalk spark: Apache Spark is not on the class path; submit the jar with"
              + " spark-submit, or run './latentwalk spark ...' which adds a local Spark");
      code = 1;
    } else {
      if (System.getProperty("spark.master") == null) {
        // not under spark-submit: quiet Spark's INFO start-up logging unless a config is given
        setIfAbsent(
            "log4j2.configurationFile", "classpath:org/latentwalk/spark/log4j2-cli.properties");
      }
      code = SparkCli.run(args, out, err);
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  private static boolean sparkOnClassPath() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, SparkMain.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
