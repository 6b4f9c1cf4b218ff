/**
 * The {@code latentwalk} command-line application (picocli): one class per subcommand, exit codes
 * and error printing in one place ({@link org.latentwalk.cli.LatentwalkCli}).
 */
package org.latentwalk.cli;
