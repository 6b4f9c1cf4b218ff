package org.latentwalk.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentwalk.core.testing.LauncherClassLists;

/**
 * The class list of {@code spark/latentwalk-spark}'s class-data-sharing archive names the Spark
 * jobs' start-up path and nothing stale or crashing ({@link LauncherClassLists}).
 */
class SparkLauncherClassListTest {
  @Test
  void namesTheStartUpPathAndOnlyClassesThatExist() throws IOException {
    LauncherClassLists.check(
        Path.of("..", "launcher", "spark-classlist.txt").toAbsolutePath().normalize(),
        10000,
        List.of(
            "org/latentwalk/spark/cli/SparkMain",
            "org/latentwalk/spark/EncodeTask",
            "org/apache/spark/sql/SparkSession",
            "org/apache/parquet/hadoop/ParquetFileWriter"),
        getClass().getClassLoader());
  }
}
