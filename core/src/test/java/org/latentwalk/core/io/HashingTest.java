package org.latentwalk.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
  // FIPS 180-2 test vectors
  private static final String EMPTY =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String MILLION_A =
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

  @TempDir Path tmp;

  @Test
  void bytesAndStringsMatchTheStandardVectors() {
    assertEquals(EMPTY, Hashing.sha256Hex(new byte[0]));
    assertEquals(EMPTY, Hashing.sha256Hex(""));
    assertEquals(ABC, Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ABC, Hashing.sha256Hex("abc"));
  }

  @Test
  void streamsFilesAndIncrementalDigestsAgree() throws Exception {
    byte[] million = new byte[1_000_000]; // longer than the read buffer: several reads
    Arrays.fill(million, (byte) 'a');
    assertEquals(MILLION_A, Hashing.sha256Hex(million));
    assertEquals(MILLION_A, Hashing.sha256Hex(new ByteArrayInputStream(million)));
    Path file = Files.write(tmp.resolve("a.bin"), million);
    assertEquals(MILLION_A, Hashing.sha256Hex(file));
    assertEquals(EMPTY, Hashing.sha256Hex(Files.write(tmp.resolve("empty"), new byte[0])));
    MessageDigest md = Hashing.sha256();
    md.update(million, 0, 123_457);
    md.update(million, 123_457, million.length - 123_457);
    assertEquals(MILLION_A, Hashing.hex(md));
  }

  @Test
  void aStreamIsReadFromWhereItIsAndLeftOpen() throws Exception {
    InputStream in = new ByteArrayInputStream("xabc".getBytes(StandardCharsets.US_ASCII));
    assertEquals('x', in.read());
    assertEquals(ABC, Hashing.sha256Hex(in));
    assertEquals(-1, in.read());
  }

  @Test
  void aMissingFileFails() {
    assertThrows(NoSuchFileException.class, () -> Hashing.sha256Hex(tmp.resolve("missing")));
  }
}
