package org.latentwalk.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentwalk.core.LatentwalkException;

/**
 * File-system chores of the jobs on any Hadoop file system (local, HDFS, S3A, …): output guards,
 * metadata files, and the footer check of Parquet inputs.
 */
final class JobFiles {
  private final Configuration conf;

  JobFiles(SparkSession spark) {
    this.conf = spark.sparkContext().hadoopConfiguration();
  }

  /**
   * Fails if {@code output} is one of {@code others}, or inside one, or holds one ({@code what}
   * names them in the message, e.g. "input").
   */
  void requireApart(String output, String what, String... others) {
    String o = qualified(output).toString() + "/";
    for (String other : others) {
      String i = qualified(other).toString() + "/";
      if (i.startsWith(o) || o.startsWith(i)) {
        throw new LatentwalkException(
            "Output "
                + output
                + " overlaps "
                + what
                + " "
                + other
                + "; write the output somewhere else");
      }
    }
  }

  /**
   * Refuses an existing output unless {@code overwrite}; with it, deletes the old output. Refuses
   * an output that is, contains or lies inside an input.
   *
   * @throws OutputExistsException if the output exists and overwrite is false
   */
  void prepareOutput(String output, boolean overwrite, String... inputs) {
    requireApart(output, "input", inputs);
    Path out = qualified(output);
    try {
      FileSystem fs = out.getFileSystem(conf);
      if (fs.exists(out)) {
        if (!overwrite) {
          throw new OutputExistsException(output);
        }
        if (!fs.delete(out, true)) {
          throw new LatentwalkException(
              "Cannot delete the old output " + output + " to replace it");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the metadata file into {@code dir}. */
  void writeMeta(String dir, DataMeta meta) {
    Path p = new Path(qualified(dir), DataMeta.FILE);
    try (OutputStream out = p.getFileSystem(conf).create(p, true);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      meta.toProperties().store(w, "latentwalk");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the metadata file of {@code dir}, if it has one. */
  Optional<DataMeta> readMeta(String dir) {
    Path p = new Path(qualified(dir), DataMeta.FILE);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return Optional.empty();
      }
      Properties props = new Properties();
      try (InputStream in = fs.open(p)) {
        props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      return Optional.of(DataMeta.fromProperties(props, p.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the metadata of an input directory that a latentwalk job wrote. */
  DataMeta requireMeta(String dir, String madeBy) {
    return readMeta(dir)
        .orElseThrow(
            () ->
                new LatentwalkException(
                    "No "
                        + DataMeta.FILE
                        + " in "
                        + dir
                        + "; create the input with 'latentwalk spark "
                        + madeBy
                        + "'"));
  }

  /** Writes a small text file. */
  void writeText(String dir, String name, String text) {
    Path p = new Path(qualified(dir), name);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lists the Parquet files of an input directory and reads each one's footer: files whose footer
   * cannot be read, that lack a column of {@code schema} or store it with another type are problems
   * and left out; the others are returned with their row counts, keyed by {@link #key(String)}.
   *
   * @param schema the columns the job reads (int and binary columns are checked for their type)
   * @param madeBy the job that writes such directories, named in the fix of a type mismatch
   */
  ParquetInputs scanParquet(String dir, StructType schema, String madeBy) {
    Path root = qualified(dir);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new LatentwalkException("Input " + dir + " does not exist; check --input");
      }
      FileStatus[] all = fs.listStatus(root);
      Arrays.sort(all, Comparator.comparing(s -> s.getPath().getName()));
      Map<String, Long> rows = new LinkedHashMap<>();
      List<String> paths = new ArrayList<>();
      List<InputProblem> problems = new ArrayList<>();
      for (FileStatus s : all) {
        String name = s.getPath().getName();
        if (!s.isFile() || name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(s, conf))) {
          MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
          Optional<String> mismatch = mismatch(fileSchema, schema, madeBy);
          if (mismatch.isPresent()) {
            problems.add(new InputProblem(s.getPath().toString(), mismatch.get()));
            continue;
          }
          rows.put(key(s.getPath().toString()), r.getRecordCount());
          paths.add(s.getPath().toString());
        } catch (IOException | RuntimeException e) {
          problems.add(
              new InputProblem(s.getPath().toString(), "not a readable Parquet file: " + e));
        }
      }
      if (paths.isEmpty()) {
        throw new LatentwalkException(
            "No readable Parquet files in "
                + dir
                + (problems.isEmpty() ? "" : "; unreadable: " + problems)
                + "; check --input");
      }
      return new ParquetInputs(paths, rows, problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns what is wrong with a file's columns for a job reading {@code want}, if anything. */
  static Optional<String> mismatch(MessageType file, StructType want, String madeBy) {
    for (StructField f : want.fields()) {
      if (!file.containsField(f.name())) {
        return Optional.of("no column '" + f.name() + "'");
      }
      Type t = file.getType(f.name());
      PrimitiveTypeName expected =
          f.dataType() instanceof BinaryType
              ? PrimitiveTypeName.BINARY
              : f.dataType() instanceof IntegerType ? PrimitiveTypeName.INT32 : null;
      if (expected != null
          && (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != expected)) {
        return Optional.of(
            "column '"
                + f.name()
                + "' is '"
                + t.toString().trim()
                + "' where this job reads "
                + f.dataType().simpleString()
                + " (written by another version?); re-create it with 'latentwalk spark "
                + madeBy
                + "'");
      }
    }
    return Optional.empty();
  }

  /** Returns the path part of a file URI, the same for Hadoop paths and input_file_name(). */
  static String key(String file) {
    return new Path(file).toUri().getPath();
  }

  private Path qualified(String p) {
    Path path = new Path(p);
    try {
      return path.getFileSystem(conf).makeQualified(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The usable files of a Parquet input.
   *
   * @param paths the files to read
   * @param rows each file's row count from its footer, by {@link JobFiles#key}
   * @param problems files left out
   */
  record ParquetInputs(List<String> paths, Map<String, Long> rows, List<InputProblem> problems) {
    /**
     * Returns the problems found while reading: the footer problems, then files of which fewer rows
     * were read than their footer promises, then files with malformed rows.
     */
    List<InputProblem> afterRead(Map<String, InputAudit.FileCount> audit) {
      List<InputProblem> out = new ArrayList<>(problems);
      for (Map.Entry<String, Long> e : rows.entrySet()) {
        InputAudit.FileCount c = audit.get(e.getKey());
        long seen = c == null ? 0 : c.rows();
        if (seen < e.getValue()) {
          out.add(
              new InputProblem(
                  e.getKey(),
                  "only "
                      + seen
                      + " of its "
                      + e.getValue()
                      + " rows were readable; the file is damaged"));
        }
        if (c != null && c.malformed() > 0) {
          out.add(
              new InputProblem(
                  e.getKey(),
                  c.malformed() + " malformed rows skipped, first: " + c.firstReason()));
        }
      }
      return out;
    }
  }
}
