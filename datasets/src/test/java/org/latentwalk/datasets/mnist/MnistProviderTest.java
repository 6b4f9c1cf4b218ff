package org.latentwalk.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.data.DatasetOptions;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.datasets.TestIdx;

/**
 * Downloads against a local HTTP server: {@code /good/} serves the files, {@code /bad/} serves
 * other bytes under the same names, {@code /error/} answers 500.
 */
class MnistProviderTest {
  @TempDir Path tmp;
  private HttpServer server;
  private Path served;
  private Path cache;
  private final Map<String, String> sha = new HashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    served = tmp.resolve("served");
    TestIdx.writeMnistLayout(served, 20, 10, 42);
    for (String f : MnistFiles.ALL) {
      sha.put(f, Hashing.sha256Hex(served.resolve(f)));
    }
    cache = tmp.resolve("cache");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/good/",
        ex -> {
          requests.incrementAndGet();
          String name = Path.of(ex.getRequestURI().getPath()).getFileName().toString();
          Path f = served.resolve(name);
          if (!Files.exists(f)) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
          }
          byte[] body = Files.readAllBytes(f);
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/bad/",
        ex -> {
          requests.incrementAndGet();
          byte[] body = new byte[5000];
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.createContext(
        "/error/",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String ctx) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + ctx + "/");
  }

  private MnistProvider provider(URI... mirrors) {
    return new MnistProvider(
        List.of(mirrors), sha, cache, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private List<String> cacheFiles() throws IOException {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void downloadsVerifiesAndCaches() throws IOException {
    ImageDataset train = provider(url("good")).load(Split.TRAIN, DatasetOptions.defaults());
    assertEquals("mnist/train", train.name());
    assertEquals(20, train.size());
    assertArrayEquals(TestIdx.images(20, 42).toUnitFloats(0, 20), train.images().toArray());
    assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), cacheFiles());
    assertEquals(2, requests.get());
    ImageDataset again =
        provider(url("error")).load(Split.TRAIN, DatasetOptions.defaults().withLimit(4));
    assertEquals(4, again.size());
    assertEquals(2, requests.get(), "the second load is served from the cache");
  }

  @Test
  void checksumMismatchNamesUrlAndHashesAndLeavesNoFile() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> provider(url("bad")).load(Split.TEST, DatasetOptions.defaults()));
    String msg = e.getMessage();
    assertTrue(msg.contains(url("bad") + "t10k-images-idx3-ubyte.gz"), msg);
    assertTrue(
        msg.contains("SHA-256 mismatch: expected " + sha.get("t10k-images-idx3-ubyte.gz")), msg);
    String zeros = Hashing.sha256Hex(Files.write(tmp.resolve("z"), new byte[5000]));
    assertTrue(msg.contains("got " + zeros), msg);
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void serverErrorIsReportedWithTheUrl() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> provider(url("error")).load(Split.TRAIN, DatasetOptions.defaults()));
    assertTrue(
        e.getMessage().contains(url("error") + "train-images-idx3-ubyte.gz: HTTP status 500"),
        e.getMessage());
    assertTrue(e.getMessage().contains("mirrors=URL1,URL2"), e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void fallsBackToTheNextMirror() throws IOException {
    ImageDataset test =
        provider(url("error"), url("bad"), url("good")).load(Split.TEST, DatasetOptions.defaults());
    assertEquals(10, test.size());
    assertEquals(6, requests.get(), "3 attempts for each of the 2 files");
    assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), cacheFiles());
  }

  @Test
  void mirrorsOptionOverridesTheDefaults() {
    DatasetOptions opts = DatasetOptions.defaults().with("mirrors", url("good").toString());
    assertEquals(10, provider(url("error")).load(Split.TEST, opts).size());
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                provider(url("good"))
                    .load(Split.TEST, DatasetOptions.defaults().with("mirrors", "ftp://x/")));
    assertTrue(e.getMessage().contains("'ftp://x/' is not an http(s) URL"), e.getMessage());
  }

  @Test
  void unreachableMirrorIsAClearError() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + port + "/mnist/");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> provider(dead).load(Split.TEST, DatasetOptions.defaults()));
    assertTrue(e.getMessage().contains(dead + "t10k-images-idx3-ubyte.gz: "), e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void usesFilesInTheDataDirWithoutDownloading() throws IOException {
    Path data = tmp.resolve("data");
    TestIdx.writeMnistLayout(data, 8, 3, 9);
    ImageDataset train =
        provider(url("error")).load(Split.TRAIN, DatasetOptions.defaults().withDataDir(data));
    assertEquals(8, train.size());
    assertEquals(0, requests.get());
    assertEquals(List.of(), cacheFiles());
  }

  @Test
  void noArgProviderKnowsThePublishedChecksums() {
    MnistProvider p = new MnistProvider();
    assertEquals("mnist", p.name());
    assertEquals(
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        MnistProvider.DEFAULT_SHA256.get("train-images-idx3-ubyte.gz"));
    assertEquals(4, MnistProvider.DEFAULT_SHA256.size());
    assertEquals(60_000, p.info().splitSizes().get(Split.TRAIN));
  }
}
