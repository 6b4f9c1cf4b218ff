package org.latentwalk.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import org.latentwalk.core.Latentwalk;
import org.latentwalk.core.io.FailureReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root {@code latentwalk} command: the global options, the one injector of the run, and the
 * exit-code policy — 0 ok, 2 usage error, 1 failure with one line on stderr (the stack trace only
 * with {@code --verbose}).
 */
@Command(
    name = "latentwalk",
    mixinStandardHelpOptions = true,
    versionProvider = LatentwalkCli.Version.class,
    description = "Train generative models on image datasets and walk their latent spaces.",
    subcommands = {
      DatasetsCommand.class,
      ModelsCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      SampleCommand.class,
      InterpolateCommand.class,
      GridCommand.class,
      MetricsCommand.class,
      ReproduceCommand.class,
      ExploreCommand.class,
      LatentMapCommand.class,
      StrategiesCommand.class,
      LearningCurveCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LatentwalkCli implements Runnable {
  @Mixin GlobalOptions global;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Inject
  LatentwalkCli() {}

  /**
   * Runs the command line with the given streams and environment; returns the exit code. Commands
   * never exit the JVM. Creates the one injector of the run; picocli creates every command through
   * it ({@link GuiceFactory}).
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    Injector injector = Guice.createInjector(new CliModule(new Console(out, err, env)));
    GlobalOptions global = injector.getInstance(GlobalOptions.class);
    CommandLine cl = new CommandLine(LatentwalkCli.class, new GuiceFactory(injector));
    cl.setOut(out);
    cl.setErr(err);
    FiniteDouble.register(cl);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          FailureReport.print(commandLine.getErr(), "latentwalk", e, global.verbose);
          return CommandLine.ExitCode.SOFTWARE;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes errors through; by now the stack that filled the heap is gone
      FailureReport.print(err, "latentwalk", e, global.verbose);
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
