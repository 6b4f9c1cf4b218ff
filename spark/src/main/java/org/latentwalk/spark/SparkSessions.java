package org.latentwalk.spark;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the Spark session of a latentwalk job with the settings native model code needs. */
public final class SparkSessions {
  /** Master used when neither an explicit one nor spark-submit's {@code spark.master} is set. */
  public static final String DEFAULT_MASTER = "local[*]";

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  /**
   * Returns a session (the active one if a session already exists in this JVM).
   *
   * <p>Sets {@code spark.executorEnv.OMP_NUM_THREADS} to {@code spark.task.cpus} unless given:
   * ND4J's OpenMP would otherwise start one thread per core in every task and oversubscribe the
   * executor. In local mode the executor is this JVM, whose environment cannot be changed from
   * inside: start it with {@code OMP_NUM_THREADS=1} (the launcher does). Sets {@code
   * spark.hadoop.fs.file.impl} to {@link LocalFiles} unless given.
   *
   * @param master the master URL; empty to use spark-submit's, else {@value #DEFAULT_MASTER}
   * @param conf further Spark settings ({@code --conf key=value})
   */
  public static SparkSession create(String app, Optional<String> master, Map<String, String> conf) {
    SparkConf sc = new SparkConf();
    conf.forEach(sc::set);
    if (master.isPresent()) {
      sc.setMaster(master.get());
    } else if (!sc.contains("spark.master")) {
      sc.setMaster(DEFAULT_MASTER);
    }
    sc.setAppName(app);
    sc.setIfMissing("spark.ui.enabled", "false");
    sc.setIfMissing("spark.ui.showConsoleProgress", "false");
    // file: without a chmod process per created file or directory (see LocalFiles)
    sc.setIfMissing("spark.hadoop." + LocalFiles.IMPL_KEY, LocalFiles.class.getName());
    String taskCpus = sc.get("spark.task.cpus", "1");
    sc.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", taskCpus);
    String master0 = sc.get("spark.master");
    if (master0.startsWith("local") && System.getenv("OMP_NUM_THREADS") == null) {
      LOG.warn(
          "OMP_NUM_THREADS is not set in this local-mode JVM; native model code may start one"
              + " thread per core in every task. Start with OMP_NUM_THREADS={}",
          taskCpus);
    }
    return SparkSession.builder().config(sc).getOrCreate();
  }
}
