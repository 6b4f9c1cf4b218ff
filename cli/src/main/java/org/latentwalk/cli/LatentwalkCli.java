package org.latentwalk.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.io.HeapBudget;
import org.latentwalk.core.io.OutputException;
import org.latentwalk.core.io.OutputFiles;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.core.plugin.ProviderProblem;
import org.latentwalk.core.store.ModelStore;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.LatentwalkModule;
import org.latentwalk.interpolation.inject.StrategyPluginModule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code latentwalk} command: global options, shared services (built once, lazily), and
 * the exit-code policy — 0 ok, 2 usage error, 1 failure with one line on stderr (the stack trace
 * only with {@code --verbose}).
 */
@Command(
    name = "latentwalk",
    mixinStandardHelpOptions = true,
    versionProvider = LatentwalkCli.Version.class,
    description = "Train generative models on image datasets and walk their latent spaces.",
    subcommands = {
      DatasetsCommand.class,
      ModelsCommand.class,
      StrategiesCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      SampleCommand.class,
      InterpolateCommand.class,
      GridCommand.class,
      MetricsCommand.class,
      ReproduceCommand.class,
      LatentMapCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LatentwalkCli implements Runnable {
  @Option(
      names = "--plugins",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Directory of plugin jars (default: $LATENTWALK_PLUGINS or ~/.latentwalk/plugins).")
  Path plugins;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log debug output and print stack traces on errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private PluginRegistry registry;
  private Injector injector;

  LatentwalkCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Runs the command line with the given streams and environment; returns the exit code. Commands
   * never exit the JVM.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    LatentwalkCli root = new LatentwalkCli(env);
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    FiniteDouble.register(cl);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          w.println("latentwalk: " + message(e));
          if (root.verbose) {
            e.printStackTrace(w);
          } else if (!explained(e)) {
            w.println("(run with --verbose for the stack trace)");
          }
          w.flush();
          return CommandLine.ExitCode.SOFTWARE;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes errors through; by now the stack that filled the heap is gone
      err.println("latentwalk: " + outOfMemory(e));
      if (root.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** Returns true if the one-line message says all there is (no stack trace to offer). */
  private static boolean explained(Throwable e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    return t instanceof LatentwalkException
        || t instanceof OutputException
        || outOfMemoryIn(e) != null;
  }

  /** Returns the out-of-memory error among {@code e} and its causes (e.g. from a worker thread). */
  private static OutOfMemoryError outOfMemoryIn(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError oom) {
        return oom;
      }
    }
    return null;
  }

  /** Says what ran out and how to raise it. */
  static String outOfMemory(OutOfMemoryError e) {
    return "out of memory ("
        + e.getMessage()
        + ", maximum heap "
        + HeapBudget.format(Runtime.getRuntime().maxMemory())
        + "): "
        + HeapBudget.RAISE_HEAP
        + ", or use fewer images with --limit N";
  }

  private static String message(Throwable e) {
    if (e instanceof LatentwalkException) {
      return e.getMessage();
    }
    OutOfMemoryError oom = outOfMemoryIn(e);
    if (oom != null) {
      return outOfMemory(oom);
    }
    if (e instanceof UncheckedIOException u) {
      e = u.getCause();
    }
    if (e instanceof OutputException) {
      return e.getMessage();
    }
    if (e instanceof IOException io) {
      return "I/O error: " + OutputFiles.reason(io);
    }
    return "internal error: " + e;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Returns the provider registry, discovering plugins on first use and reporting problems. */
  PluginRegistry registry() {
    if (registry == null) {
      Path dir = PluginRegistry.pluginsDir(Optional.ofNullable(plugins), env);
      registry = PluginRegistry.discover(LatentwalkCli.class.getClassLoader(), Optional.of(dir));
      PrintWriter err = spec.commandLine().getErr();
      if (plugins != null && !Files.exists(plugins)) {
        err.println(
            "latentwalk: warning: plugins directory "
                + plugins
                + " (--plugins) does not exist; no plugins are loaded from it");
      }
      for (ProviderProblem p : registry.problems()) {
        err.println("latentwalk: warning: " + p.message());
      }
      err.flush();
    }
    return registry;
  }

  /** Returns the one injector of this run, created on first use from the discovered registry. */
  Injector injector() {
    if (injector == null) {
      injector =
          Guice.createInjector(
              new LatentwalkModule(registry()),
              new InterpolationModule(),
              new StrategyPluginModule(registry()));
    }
    return injector;
  }

  /** Returns the model store. */
  ModelStore store() {
    return injector().getInstance(ModelStore.class);
  }

  /**
   * Returns the cache directory (judges, reusable models): {@code $LATENTWALK_CACHE}, else {@code
   * ~/.latentwalk/cache}.
   */
  Path cacheDir() {
    String fromEnv = env.get("LATENTWALK_CACHE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".latentwalk", "cache");
  }

  /** Returns the environment the CLI was started with. */
  Map<String, String> env() {
    return env;
  }

  /** Prints the latentwalk, SPI and Java versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "latentwalk " + Latentwalk.version(),
        "SPI version " + Latentwalk.SPI_VERSION,
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
