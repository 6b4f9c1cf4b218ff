package org.latentwalk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process and captures its output, exit code and stderr. */
final class CliRunner {
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private CliRunner() {}

  static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LatentwalkCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Result(code, out.toString(), err.toString());
  }
}
