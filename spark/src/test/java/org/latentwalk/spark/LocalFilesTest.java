package org.latentwalk.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system that sets permissions in the JVM instead of starting chmod. */
class LocalFilesTest {
  @TempDir java.nio.file.Path tmp;

  @Test
  void everyModeMapsToTheSamePosixBitsAsChmodWouldSet() {
    for (short mode = 0; mode < 512; mode++) {
      FsPermission p = new FsPermission(mode);
      assertEquals(
          PosixFilePermissions.fromString(p.toString()), LocalFiles.Raw.posix(p), p.toString());
    }
  }

  @Test
  void setsTheRequestedBitsOnFilesAndDirectories() throws IOException {
    try (LocalFiles fs = open()) {
      Path dir = new Path(tmp.toUri().toString(), "d");
      assertTrue(fs.mkdirs(dir, new FsPermission((short) 0750)));
      assertEquals("rwxr-x---", posix(tmp.resolve("d")));
      Path file = new Path(dir, "f");
      try (OutputStream out = fs.create(file)) {
        out.write("x".getBytes(StandardCharsets.UTF_8));
      }
      for (short mode : new short[] {0600, 0644, 0755, 0700, 0000, 0777}) {
        fs.setPermission(file, new FsPermission(mode));
        assertEquals(new FsPermission(mode).toString(), posix(tmp.resolve("d/f")));
        assertEquals(new FsPermission(mode), fs.getFileStatus(file).getPermission());
      }
      fs.setPermission(file, new FsPermission((short) 0644));
      // the checksummed file system reads back what it wrote
      assertEquals(1, fs.getFileStatus(file).getLen());
      assertTrue(Files.exists(tmp.resolve("d/.f.crc")));
    }
  }

  @Test
  void startsNoProcessWhereHadoopStartsOnePerCall() throws IOException {
    java.nio.file.Path procStat = java.nio.file.Path.of("/proc/stat");
    assumeTrue(Files.isReadable(procStat), "needs Linux's count of started processes");
    assumeFalse(NativeIO.isAvailable(), "with Hadoop's native library neither starts one");
    Files.writeString(tmp.resolve("p"), "x");
    Path file = new Path(tmp.toUri().toString(), "p");
    int calls = 40;
    RawLocalFileSystem hadoops = new RawLocalFileSystem();
    hadoops.initialize(tmp.toUri(), new Configuration());
    long before = processesStarted(procStat);
    for (int i = 0; i < calls; i++) {
      hadoops.setPermission(file, new FsPermission((short) (i % 2 == 0 ? 0600 : 0644)));
    }
    long byHadoop = processesStarted(procStat) - before;
    try (LocalFiles fs = open()) {
      before = processesStarted(procStat);
      for (int i = 0; i < calls; i++) {
        fs.setPermission(file, new FsPermission((short) (i % 2 == 0 ? 0600 : 0644)));
      }
    }
    long byUs = processesStarted(procStat) - before;
    // the machine's other processes may start a few in the meantime, not one per call
    assertTrue(byHadoop >= calls, "Hadoop's own started " + byHadoop);
    assertTrue(byUs < calls / 2, "LocalFiles started " + byUs);
    assertEquals("rw-r--r--", posix(tmp.resolve("p")));
  }

  /** Returns the number of processes started on this machine since boot. */
  private static long processesStarted(java.nio.file.Path procStat) throws IOException {
    for (String line : Files.readAllLines(procStat)) {
      if (line.startsWith("processes ")) {
        return Long.parseLong(line.substring("processes ".length()).trim());
      }
    }
    throw new IOException("no 'processes' line in " + procStat);
  }

  @Test
  void aMissingPathFailsAsHadoopsDoes() throws IOException {
    try (LocalFiles fs = open()) {
      Path missing = new Path(tmp.toUri().toString(), "nothing-here");
      assertThrows(
          NoSuchFileException.class,
          () -> fs.setPermission(missing, new FsPermission((short) 0644)));
    }
  }

  @Test
  void theConfigurationKeySelectsItForFileUris() throws IOException {
    Configuration conf = new Configuration();
    conf.set(LocalFiles.IMPL_KEY, LocalFiles.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    try (FileSystem fs = FileSystem.get(tmp.toUri(), conf)) {
      assertEquals(LocalFiles.class, fs.getClass());
    }
  }

  private LocalFiles open() throws IOException {
    LocalFiles fs = new LocalFiles();
    fs.initialize(tmp.toUri(), new Configuration());
    return fs;
  }

  private static String posix(java.nio.file.Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
