package org.latentwalk.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * How fast an explorer site redraws when α moves, in headless Chromium: for every model of the
 * picker, 100 presses of the arrow keys on the α slider, each timed by the page itself (decode,
 * judge, canvas and bars, from the input event to the end of the update; {@code
 * LatentwalkExplore.timings}). Prints the median, 95th percentile and maximum per model, and the
 * site's size. With a second argument, saves a screenshot of the page (the 20-d VAE's 7 moved along
 * 6→0 if the site has a model labelled vae20) there.
 *
 * <p>Run: {@code .ci/bench cli org.latentwalk.cli.bench.ExploreBenchmark SITE_DIR [SHOT.png]}
 */
public final class ExploreBenchmark {
  private ExploreBenchmark() {}

  /** Measures the site in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path site = Path.of(args[0]).toAbsolutePath();
    long bytes;
    try (var files = Files.walk(site)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "site %s: %,d bytes%n", site, bytes);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--window-size=1100,1000");
    ChromeDriver browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build(),
            options);
    try {
      browser.get(site.resolve("index.html").toUri().toString());
      while (!"true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready"))) {
        Thread.sleep(50);
      }
      List<WebElement> models = browser.findElements(By.cssSelector("#model option"));
      for (int m = 0; m < models.size(); m++) {
        String name = models.get(m).getText();
        select(browser, "model", Integer.toString(m));
        WebElement alpha = browser.findElement(By.id("alpha"));
        browser.executeScript("LatentwalkExplore.timings.length = 0");
        for (int i = 0; i < 100; i++) {
          alpha.sendKeys(i < 50 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT);
        }
        double[] ms =
            ((List<?>) browser.executeScript("return LatentwalkExplore.timings.slice()"))
                .stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
        Arrays.sort(ms);
        System.out.printf(
            Locale.ROOT,
            "%-40s %3d redraws: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
            name,
            ms.length,
            ms[ms.length / 2],
            ms[(int) Math.ceil(0.95 * ms.length) - 1],
            ms[ms.length - 1]);
      }
      if (args.length > 1) {
        browser.navigate().refresh();
        while (!"true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready"))) {
          Thread.sleep(50);
        }
        for (int m = 0; m < models.size(); m++) {
          if (browser
              .findElements(By.cssSelector("#model option"))
              .get(m)
              .getText()
              .startsWith("VAE, 20-d")) {
            select(browser, "model", Integer.toString(m));
          }
        }
        browser.findElement(By.cssSelector("#thumbs button[aria-label*='(7)']")).click();
        select(browser, "from", "6");
        select(browser, "to", "0");
        browser.executeScript(
            "const a = document.getElementById('alpha'); a.value = '2.5';"
                + " a.dispatchEvent(new Event('input'));");
        Files.write(Path.of(args[1]), browser.getScreenshotAs(OutputType.BYTES));
        System.out.println("screenshot " + args[1]);
      }
    } finally {
      browser.quit();
    }
  }

  private static void select(ChromeDriver browser, String id, String value) {
    browser.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('change'));",
        id,
        value);
  }
}
