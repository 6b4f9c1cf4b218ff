package org.latentwalk.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.datasets.TestIdx;

class IdxReaderTest {
  @TempDir Path dir;

  private DatasetException fails(byte[] content, String name, int rank) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f, rank));
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    return e;
  }

  private static void assertContains(DatasetException e, String part) {
    assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
  }

  @Test
  void roundTripsRawAndGzip() {
    IdxData images = TestIdx.images(7, 1);
    for (String name : List.of("a-idx3-ubyte", "a-idx3-ubyte.gz")) {
      Path f = dir.resolve(name);
      IdxWriter.write(f, images);
      IdxData back = IdxReader.read(f, 3);
      assertArrayEquals(new int[] {7, 28, 28}, back.dimensions());
      assertArrayEquals(images.bytes(), back.bytes());
      assertEquals(784, back.itemSize());
    }
  }

  @Test
  void detectsGzipByMagicBytesNotByName() throws IOException {
    Path gz = dir.resolve("x.gz");
    IdxWriter.write(gz, TestIdx.labels(5, 3));
    Path misnamed = dir.resolve("labels.idx");
    Files.copy(gz, misnamed);
    assertEquals(0x1f, Files.readAllBytes(misnamed)[0] & 0xFF);
    assertArrayEquals(new byte[] {0, 1, 2, 0, 1}, IdxReader.read(misnamed, 1).bytes());
  }

  @Test
  void readsFromAStream() throws IOException {
    byte[] raw = TestIdx.file(TestIdx.header(8, 2, 3), 6);
    raw[raw.length - 1] = (byte) 255;
    IdxData d = IdxReader.read(new ByteArrayInputStream(TestIdx.gzip(raw)), "stream", 2);
    assertEquals(2, d.count());
    assertEquals(255, d.unsignedByte(5));
    assertEquals("stream (gzip)", d.source());
  }

  @Test
  void decodesBytesToUnitFloats() {
    IdxData d = IdxData.of("t", new int[] {3, 1}, new byte[] {0, (byte) 128, (byte) 255});
    assertArrayEquals(new float[] {0f, 128 / 255f, 1f}, d.toUnitFloats(0, 3));
    assertArrayEquals(new float[] {1f, 0f}, d.toUnitFloats(new int[] {2, 0}));
  }

  @Test
  void rejectsMissingFile() {
    Path f = dir.resolve("nope.gz");
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f));
    assertContains(e, f + " does not exist");
  }

  @Test
  void rejectsEmptyFile() throws IOException {
    assertContains(fails(new byte[0], "empty", 3), "holds 0 bytes, fewer than the 4-byte magic");
  }

  @Test
  void rejectsWrongMagic() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0};
    assertContains(
        fails(png, "pic.png", 3), "not an IDX file: the magic number starts with 0x89 0x50");
  }

  @Test
  void rejectsNonByteElementType() throws IOException {
    assertContains(
        fails(TestIdx.file(TestIdx.header(0x0D, 1, 2, 2), 16), "floats", 3),
        "element type 0x0d (float) is not supported; only unsigned byte (0x08)");
  }

  @Test
  void rejectsWrongDimensionCount() throws IOException {
    assertContains(
        fails(TestIdx.file(TestIdx.header(8, 4), 4), "labels", 3),
        "has 1 dimension, expected 3 (images: count x rows x columns)");
    assertContains(
        fails(TestIdx.file(TestIdx.header(8, 1, 2, 2), 4), "images", 1),
        "has 3 dimensions, expected 1 (labels: count)");
    assertContains(fails(TestIdx.header(8), "rank0", IdxReader.ANY_RANK), "declares 0 dimensions");
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    byte[] h = TestIdx.header(8, 10, 28, 28);
    assertContains(
        fails(Arrays.copyOf(h, 9), "short", 3),
        "truncated header: 3 dimensions need 12 bytes after the magic number, the file ends after"
            + " 5");
  }

  @Test
  void rejectsAHeaderClaiming2To31ImagesBeforeAllocating() throws IOException {
    byte[] h = TestIdx.header(8, 1L << 31, 28, 28);
    assertContains(
        fails(TestIdx.file(h, 784), "lie31", 3),
        "dimension 0 is 2147483648, larger than any Java array can hold");
    assertContains(
        fails(TestIdx.gzip(TestIdx.file(h, 784)), "lie31.gz", 3),
        "dimension 0 is 2147483648, larger than any Java array can hold");
  }

  @Test
  void rejectsDimensionsWhoseProductOverflowsAnArray() throws IOException {
    byte[] h = TestIdx.header(8, 60_000_000L, 28, 28);
    assertContains(
        fails(TestIdx.gzip(TestIdx.file(h, 784)), "big.gz", 3),
        "the header declares dimensions [60000000, 28, 28], more than 2147483639 elements");
  }

  @Test
  void rejectsARawFileShorterThanItsHeaderClaims() throws IOException {
    byte[] h = TestIdx.header(8, 1_000_000, 28, 28);
    assertContains(
        fails(TestIdx.file(h, 784 * 10), "lie-raw", 3),
        "the header declares [1000000, 28, 28] = 784000000 data bytes but the file holds 7840"
            + " after the 16-byte header");
  }

  @Test
  void rejectsAGzipFileShorterThanItsHeaderClaimsWithoutAllocatingTheClaim() throws IOException {
    // 2,000,000 x 28 x 28 = 1.5 GB claimed, 10 images present: must fail fast, not OOM.
    byte[] h = TestIdx.header(8, 2_000_000, 28, 28);
    assertContains(
        fails(TestIdx.gzip(TestIdx.file(h, 784 * 10)), "lie.gz", 3),
        "truncated: the header declares [2000000, 28, 28] = 1568000000 data bytes but only 7840"
            + " follow");
  }

  @Test
  void rejectsTrailingData() throws IOException {
    byte[] h = TestIdx.header(8, 2);
    assertContains(
        fails(TestIdx.file(h, 3), "long", 1), "declares [2] = 2 data bytes but the file holds 3");
    assertContains(
        fails(TestIdx.gzip(TestIdx.file(h, 3)), "long.gz", 1),
        "more data than the header declares ([2] = 2 bytes)");
  }

  @Test
  void rejectsCorruptAndTruncatedGzip() throws IOException {
    byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    assertContains(fails(garbage, "corrupt.gz", 3), "the gzip stream is corrupt");
    byte[] gz = TestIdx.gzip(TestIdx.file(TestIdx.header(8, 100, 28, 28), 78_400));
    assertContains(
        fails(Arrays.copyOf(gz, gz.length / 2), "cut.gz", 3), "the gzip stream is truncated");
  }

  @Test
  void pairsMustAgreeInCountAndLabelRange() {
    IdxData images = TestIdx.images(4, 2);
    List<String> ab = List.of("a", "b");
    DatasetException count =
        assertThrows(
            DatasetException.class,
            () -> IdxDatasets.toDataset("t", images, TestIdx.labels(3, 2), ab, 0));
    assertContains(count, "test images has 4 images but test labels has 3 labels");
    DatasetException range =
        assertThrows(
            DatasetException.class,
            () -> IdxDatasets.toDataset("t", images, TestIdx.labels(4, 3), ab, 0));
    assertContains(range, "test labels: label 2 at index 2 is outside 0..1 (2 classes: a, b)");
    DatasetException swapped =
        assertThrows(
            DatasetException.class, () -> IdxDatasets.toDataset("t", images, images, ab, 0));
    assertContains(swapped, "label files need 1 dimension (count), this one has 3");
    DatasetException flat =
        assertThrows(
            DatasetException.class,
            () -> IdxDatasets.toDataset("t", TestIdx.labels(4, 2), TestIdx.labels(4, 2), ab, 0));
    assertContains(flat, "image files need 3 dimensions (count x rows x columns), this one has 1");
  }

  @Test
  void buildsDatasetsWithLimitAndDerivedClasses() {
    IdxData images = TestIdx.images(6, 3);
    ImageDataset all = IdxDatasets.toDataset("t", images, TestIdx.labels(6, 3), List.of(), 0);
    assertEquals(List.of("0", "1", "2"), all.classNames());
    assertEquals(6, all.size());
    ImageDataset head = IdxDatasets.toDataset("t", images, TestIdx.labels(6, 3), List.of(), 4);
    assertEquals(4, head.size());
    assertArrayEquals(all.image(3), head.image(3));
    assertEquals(images.unsignedByte(784 * 3 + 5) / 255f, head.image(3)[5]);
  }

  @Test
  void writesDatasetsBackToIdx() {
    IdxData images = TestIdx.images(5, 4);
    ImageDataset ds = IdxDatasets.toDataset("w", images, TestIdx.labels(5, 2), List.of(), 0);
    Path fi = dir.resolve("i.gz");
    Path fl = dir.resolve("l");
    IdxWriter.write(fi, IdxWriter.images(ds));
    IdxWriter.write(fl, IdxWriter.labels(ds));
    assertArrayEquals(images.bytes(), IdxReader.read(fi, 3).bytes());
    assertArrayEquals(new byte[] {0, 1, 0, 1, 0}, IdxReader.read(fl, 1).bytes());
  }
}
