package org.latentwalk.spark.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import com.google.inject.Provider;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.latentwalk.core.io.FailureReport;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.interpolation.InterpolationEngine;
import org.latentwalk.spark.InputProblem;
import org.latentwalk.spark.LatentJobs;
import org.latentwalk.spark.SparkServices;
import org.latentwalk.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code latentwalk spark} command: the Spark options shared by every job, the session
 * (created on first use, stopped at the end), and the exit-code policy — 0 ok, 2 usage error, 1
 * failure with one line on stderr (the stack trace only with {@code --verbose}).
 */
@Command(
    name = "latentwalk spark",
    mixinStandardHelpOptions = true,
    version = "latentwalk spark",
    description =
        "Run latentwalk's data-sized jobs on Apache Spark: import, encode, centroids, interpolate.",
    subcommands = {
      ImportCommand.class,
      EncodeCommand.class,
      CentroidsCommand.class,
      InterpolateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SparkCli implements Runnable {
  @Option(
      names = "--master",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else"
              + " local[*]).")
  String master;

  @Option(
      names = "--conf",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description = "A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces on errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Provider<PluginRegistry> registry;
  private final Provider<InterpolationEngine> engine;
  private SparkSession session;
  private LatentJobs jobs;

  SparkCli(Provider<PluginRegistry> registry, Provider<InterpolationEngine> engine) {
    this.registry = requireNonNull(registry, "registry is null");
    this.engine = requireNonNull(engine, "engine is null");
  }

  /**
   * Runs the command line with the given streams; returns the exit code. Commands never exit the
   * JVM.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Injector injector = SparkServices.injector();
    SparkCli root =
        new SparkCli(
            injector.getProvider(PluginRegistry.class),
            injector.getProvider(InterpolationEngine.class));
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    CommandLine.ITypeConverter<Double> finite =
        v -> {
          double d = Double.parseDouble(v.trim());
          if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException(
                "'" + v + "' is not a finite number; give a number such as 1 or -2.5");
          }
          return d;
        };
    cl.registerConverter(Double.class, finite);
    cl.registerConverter(double.class, finite);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          FailureReport.print(commandLine.getErr(), "latentwalk spark", e, root.verbose);
          return CommandLine.ExitCode.SOFTWARE;
        });
    try {
      return cl.execute(args);
    } finally {
      root.stop();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Returns the jobs on this run's session, creating the session on first use. */
  LatentJobs jobs() {
    if (jobs == null) {
      session = SparkSessions.create("latentwalk spark", Optional.ofNullable(master), conf);
      jobs = new LatentJobs(session, registry.get(), engine.get());
    }
    return jobs;
  }

  private void stop() {
    if (session != null) {
      session.stop();
      session = null;
      jobs = null;
    }
  }

  /**
   * Reports skipped inputs: nothing and 0 when there are none, else one line on stderr and 1 (the
   * output of the other inputs is kept).
   */
  int reportProblems(String what, List<InputProblem> problems) {
    if (problems.isEmpty()) {
      return CommandLine.ExitCode.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "latentwalk spark: "
            + what
            + " without "
            + problems.size()
            + " malformed input(s), kept the rest: "
            + problems);
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }
}
