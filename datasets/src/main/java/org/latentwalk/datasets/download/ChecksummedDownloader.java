package org.latentwalk.datasets.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latentwalk.core.data.DatasetException;
import org.latentwalk.core.io.Hashing;
import org.latentwalk.core.io.OutputFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a file from the first mirror that serves it with the expected SHA-256.
 *
 * <p>The body is streamed into a temporary file in the target directory while it is hashed; only a
 * verified file is renamed (atomically where the file system allows) to its final name. A failed
 * attempt — connection error, HTTP status other than 200, or checksum mismatch — deletes the
 * temporary file, is logged, and the next mirror is tried; if all fail, the {@link
 * DatasetException} lists every URL with its reason.
 */
public final class ChecksummedDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(ChecksummedDownloader.class);
  private static final int IO_BUFFER = 1 << 16;

  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /**
   * Creates a downloader; no connection is made until {@link #fetch}.
   *
   * @param connectTimeout how long to wait for a connection to a mirror
   * @param requestTimeout how long to wait for a mirror's response headers
   */
  public ChecksummedDownloader(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Returns {@code dir/fileName}, downloading it first unless it is already there.
   *
   * @param fileName the file name, appended to each mirror's base URL
   * @param sha256 the expected SHA-256, lowercase hex
   * @param mirrors base URLs, tried in order
   * @param dir the directory to store the file in (created if needed)
   * @throws DatasetException if no mirror delivers the file with the expected checksum
   */
  public Path fetch(String fileName, String sha256, List<URI> mirrors, Path dir) {
    Path target = dir.resolve(fileName);
    if (Files.isRegularFile(target)) {
      return target;
    }
    if (mirrors.isEmpty()) {
      throw new DatasetException("Cannot download " + fileName + ": no mirror URLs are configured");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DatasetException(
          "Cannot create the download directory " + dir + ": " + e.getMessage(), e);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors) {
      URI url = resolve(mirror, fileName);
      try {
        download(client, url, sha256, target);
        return target;
      } catch (AttemptFailedException e) {
        LOG.warn("{}", e.getMessage());
        failures.add(e.getMessage());
      }
    }
    throw new DatasetException(
        "Cannot download "
            + fileName
            + " from any of "
            + mirrors.size()
            + " mirror(s):\n  "
            + String.join("\n  ", failures)
            + "\nCheck the network, pass other base URLs with mirrors=URL1,URL2, or put the file"
            + " into "
            + dir
            + " yourself");
  }

  private void download(HttpClient client, URI url, String sha256, Path target)
      throws AttemptFailedException {
    LOG.info("Downloading {}", url);
    Path tmp = null;
    try {
      // default permissions (the umask), unlike Files.createTempFile
      tmp = OutputFiles.newTempFile(target);
      HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      String actual;
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new AttemptFailedException(url + ": HTTP status " + response.statusCode());
        }
        actual = copyAndHash(body, tmp);
      }
      if (!actual.equals(sha256.toLowerCase(Locale.ROOT))) {
        throw new AttemptFailedException(
            url + ": SHA-256 mismatch: expected " + sha256 + ", got " + actual);
      }
      OutputFiles.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      LOG.info("Saved {} (SHA-256 verified)", target);
    } catch (IOException e) {
      throw new AttemptFailedException(
          url + ": " + e + (e.getMessage() == null ? " (the mirror cannot be reached)" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("Interrupted while downloading " + url, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static String copyAndHash(InputStream in, Path file) throws IOException {
    MessageDigest md = Hashing.sha256();
    byte[] buf = new byte[IO_BUFFER];
    try (OutputStream out = Files.newOutputStream(file)) {
      int n;
      while ((n = in.read(buf)) != -1) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    return Hashing.hex(md);
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      LOG.warn("Cannot delete the partial download {}: {}", tmp, e.getMessage());
    }
  }

  private static URI resolve(URI base, String fileName) {
    String s = base.toString();
    return URI.create(s.endsWith("/") ? s + fileName : s + "/" + fileName);
  }

  /** One mirror failed; the message names the URL and the reason. */
  private static final class AttemptFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    AttemptFailedException(String message) {
      super(message);
    }
  }
}
