package org.latentwalk.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes outputs like any Unix tool, but atomically: files and directories get the default
 * permissions (what the umask leaves of {@code rw-rw-rw-} and {@code rwxrwxrwx}), are written under
 * a hidden temporary name beside the target and renamed over it only when complete, and a failure
 * names the user's path and the reason ({@link OutputException}).
 *
 * <p>Temporary names carry the writer's pid: {@code .NAME.tmp-p<pid>-<n>} (being written), {@code
 * .NAME.old-<millis>-p<pid>} (the previous directory between the two renames of {@link #swapIn})
 * and {@code .NAME.del-<millis>-p<pid>} (being deleted). {@link #leftovers} finds those whose
 * process is gone, so the next run can remove them without touching a live run's.
 */
public final class OutputFiles {
  private static final String TMP = ".tmp-";
  private static final String BACKUP = ".old-";
  private static final String DELETED = ".del-";
  private static final Pattern LEFTOVER =
      Pattern.compile("(tmp|old|del)-(?:(?:(\\d+)-)?p(\\d+)(?:-\\d+)?|(\\d+))");
  private static final Random RANDOM = new SecureRandom();

  private OutputFiles() {}

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything to {@code out}, which the caller closes. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically with the default permissions, creating its directory.
   *
   * @throws OutputException naming {@code target} and the reason if anything fails
   */
  public static void write(Path target, Content content) throws OutputException {
    Path file = target.toAbsolutePath().normalize();
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = newTempFile(file);
      try (OutputStream out =
          new java.io.BufferedOutputStream(
              Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
        content.writeTo(out);
      }
      move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new OutputException("write", target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the write has failed or succeeded already; a stray temporary file is all that is left
        }
      }
    }
  }

  /** Writes {@code content} as UTF-8 to {@code target}, as {@link #write}. */
  public static void writeString(Path target, String content) throws OutputException {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Creates an empty hidden file {@code .NAME.tmp-p<pid>-<n>} beside {@code target} with the
   * default permissions (unlike {@link Files#createTempFile}, which makes it owner-only).
   */
  public static Path newTempFile(Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(tempName(target));
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Creates an empty hidden directory {@code .NAME.tmp-p<pid>-<n>} beside {@code target}. */
  public static Path newTempDirectory(Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createDirectory(tempName(target));
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static Path tempName(Path target) {
    return sibling(target, TMP + "p" + pid() + "-" + Long.toUnsignedString(RANDOM.nextLong()));
  }

  /**
   * Replaces the directory {@code target} with {@code tmp} by two renames: {@code target} to a
   * backup, {@code tmp} to {@code target}; then deletes the backup. If the process dies between the
   * renames, {@link #recoverInterruptedSwap} puts the backup back.
   */
  public static void swapIn(Path tmp, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(tmp, target);
      return;
    }
    Path backup = sibling(target, BACKUP + System.currentTimeMillis() + "-p" + pid());
    move(target, backup);
    try {
      move(tmp, target);
    } catch (IOException e) {
      move(backup, target);
      throw e;
    }
    delete(backup);
  }

  /**
   * Deletes {@code dir} and everything in it, renaming it to a hidden {@code .NAME.del-...} sibling
   * first so that an interruption never leaves half of it under its name.
   */
  public static void delete(Path dir) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (!Files.exists(target)) {
      return;
    }
    String suffix = DELETED + System.currentTimeMillis() + "-p" + pid();
    String name = target.getFileName().toString();
    // a temporary entry of X (.X.old-..., .X.tmp-...) is deleted as .X.del-..., so that what a
    // kill leaves is still recognised as a leftover of X (not of .X.old-...)
    int marker =
        isTemporary(target.getFileName())
            ? Math.max(
                name.lastIndexOf(TMP),
                Math.max(name.lastIndexOf(BACKUP), name.lastIndexOf(DELETED)))
            : -1;
    Path trash =
        marker > 0
            ? target.resolveSibling(name.substring(0, marker) + suffix)
            : sibling(target, suffix);
    move(target, trash);
    deleteRecursively(trash);
  }

  /**
   * Returns the temporary entries beside {@code target} ({@code .NAME.tmp-*}, {@code .old-*},
   * {@code .del-*}) whose writing process is gone (or that an older latentwalk wrote without a
   * pid), sorted by name.
   */
  public static List<Path> leftovers(Path target) throws IOException {
    Path t = target.toAbsolutePath().normalize();
    if (t.getParent() == null || !Files.isDirectory(t.getParent())) {
      return List.of();
    }
    String prefix = "." + t.getFileName() + ".";
    try (Stream<Path> s = Files.list(t.getParent())) {
      return s.filter(
              p -> {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix)) {
                  return false;
                }
                Matcher m = LEFTOVER.matcher(name.substring(prefix.length()));
                return m.matches() && (m.group(3) == null || !isAlive(m.group(3)));
              })
          .sorted()
          .toList();
    }
  }

  /**
   * If {@code target} is missing and a dead process left a backup of it that {@code valid} accepts,
   * renames the newest such backup back to {@code target}.
   *
   * @return the backup restored, if any
   */
  public static java.util.Optional<Path> recoverInterruptedSwap(
      Path target, java.util.function.Predicate<Path> valid) throws IOException {
    if (Files.exists(target)) {
      return java.util.Optional.empty();
    }
    String prefix = "." + target.getFileName() + BACKUP;
    java.util.Optional<Path> newest =
        leftovers(target).stream()
            .filter(p -> p.getFileName().toString().startsWith(prefix))
            .filter(valid)
            .max(Comparator.comparingLong(OutputFiles::backupTime));
    if (newest.isPresent()) {
      move(newest.get(), target);
    }
    return newest;
  }

  /** Deletes a file tree, as far as it can; returns false if something is left. */
  public static boolean deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Renames atomically where the file system can, else plainly. */
  public static void move(Path from, Path to, StandardCopyOption... options) throws IOException {
    StandardCopyOption[] atomic = java.util.Arrays.copyOf(options, options.length + 1);
    atomic[options.length] = StandardCopyOption.ATOMIC_MOVE;
    try {
      Files.move(from, to, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, options);
    }
  }

  /**
   * Puts the reason of an I/O failure in words with what to do: {@code no space left on device;
   * free some space or write elsewhere}, {@code permission denied (FILE); ...}, {@code read-only
   * file system; ...}. Names the file only when it is not a temporary one of these helpers.
   */
  public static String reason(IOException e) {
    String file = null;
    String why;
    if (e instanceof FileSystemException f) {
      file = f.getFile();
      if (e instanceof AccessDeniedException) {
        why = "permission denied";
      } else if (e instanceof NoSuchFileException) {
        why = "no such file or directory";
      } else if (e instanceof FileAlreadyExistsException) {
        why = "a file of that name exists";
      } else if (e instanceof NotDirectoryException) {
        why = "not a directory";
      } else if (e instanceof DirectoryNotEmptyException) {
        why = "directory not empty";
      } else {
        why = f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
      }
    } else if (e instanceof OutputException) {
      return e.getMessage();
    } else {
      why =
          e.getMessage() != null
              ? e.getMessage()
              : e.getClass().getSimpleName() + " (no reason given)";
    }
    // "No space left on device" reads as "no space left ...", an acronym like "IOException" stays
    if (why.length() > 1
        && Character.isUpperCase(why.charAt(0))
        && Character.isLowerCase(why.charAt(1))) {
      why = Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }
    String lower = why.toLowerCase(Locale.ROOT);
    String hint = "";
    if (lower.contains("no space left")) {
      hint = "; free some space or write elsewhere";
    } else if (lower.contains("read-only file system")) {
      hint = "; write elsewhere";
    } else if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
      hint = "; check the permissions, or write elsewhere";
    } else if (lower.contains("quota")) {
      hint = "; free some space or write elsewhere";
    }
    boolean showFile = file != null && !isTemporary(Path.of(file).getFileName());
    return why + (showFile ? " (" + file + ")" : "") + hint;
  }

  private static boolean isTemporary(Path name) {
    if (name == null) {
      return false;
    }
    String n = name.toString();
    return n.startsWith(".") && (n.contains(TMP) || n.contains(BACKUP) || n.contains(DELETED));
  }

  private static long backupTime(Path backup) {
    String name = backup.getFileName().toString();
    Matcher m = LEFTOVER.matcher(name.substring(name.lastIndexOf(BACKUP) + 1));
    if (!m.matches()) {
      return 0;
    }
    String time = m.group(2) != null ? m.group(2) : m.group(4);
    try {
      return time == null ? 0 : Long.parseLong(time);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isAlive(String pid) {
    try {
      long p = Long.parseLong(pid);
      return p == pid() || ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }

  private static Path sibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + suffix);
  }
}
