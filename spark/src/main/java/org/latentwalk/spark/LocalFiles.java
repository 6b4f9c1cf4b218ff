package org.latentwalk.spark;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}) with one change: without Hadoop's native library
 * (which Spark's Maven artifacts do not ship), Hadoop sets the permission of every directory and
 * file it creates by starting a {@code chmod} process. Spark's jobs create a dozen or more per job
 * (output and temporary directories, part files, checksums, commit markers); measured here, a warm
 * encode of 60k images started about 20 of them, and with their {@code jspawnhelper} they took a
 * sixth of the CPU of a loop of such jobs. This file system sets the same permission bits through
 * {@link Files#setPosixFilePermissions}, in the JVM; with the native library, on a file system
 * without POSIX permissions, or for a sticky bit, it does what Hadoop does.
 *
 * <p>{@link SparkSessions} selects it with {@code spark.hadoop.fs.file.impl} unless that is set.
 */
public final class LocalFiles extends LocalFileSystem {
  /** The configuration key that selects the {@code file:} implementation. */
  public static final String IMPL_KEY = "fs.file.impl";

  /** Creates the checksummed local file system over {@link Raw}. */
  public LocalFiles() {
    super(new Raw());
  }

  /** The raw local file system whose {@link #setPermission} runs in the JVM. */
  public static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (!POSIX || NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }

    /** Returns the nine permission bits of {@code permission} (user, group, others). */
    static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
      add(s, permission.getUserAction(), OWNER_READ, OWNER_WRITE, OWNER_EXECUTE);
      add(s, permission.getGroupAction(), GROUP_READ, GROUP_WRITE, GROUP_EXECUTE);
      add(s, permission.getOtherAction(), OTHERS_READ, OTHERS_WRITE, OTHERS_EXECUTE);
      return s;
    }

    private static void add(
        Set<PosixFilePermission> s,
        FsAction a,
        PosixFilePermission read,
        PosixFilePermission write,
        PosixFilePermission execute) {
      if (a.implies(FsAction.READ)) {
        s.add(read);
      }
      if (a.implies(FsAction.WRITE)) {
        s.add(write);
      }
      if (a.implies(FsAction.EXECUTE)) {
        s.add(execute);
      }
    }
  }
}
