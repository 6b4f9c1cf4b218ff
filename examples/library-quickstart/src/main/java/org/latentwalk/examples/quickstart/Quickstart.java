package org.latentwalk.examples.quickstart;

import java.nio.file.Path;
import java.util.Map;
import org.latentwalk.core.data.ImageDataset;
import org.latentwalk.core.data.Split;
import org.latentwalk.core.model.GenerativeModel;
import org.latentwalk.interpolation.LatentSpace;
import org.latentwalk.interpolation.Vectors;
import org.latentwalk.interpolation.Walk;
import org.latentwalk.library.JudgedWalk;
import org.latentwalk.library.LatentwalkLibrary;

/**
 * The README's quickstart: train a small VAE on the bundled MNIST sample, shift a test 7 along the
 * direction from 6 to 0, judge every frame, write the frames as a PNG and print the judge's
 * probabilities.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the quickstart; the PNG goes to the first argument, else to {@code walk-7.png}. */
  public static void main(String[] args) throws Exception {
    // quickstart:begin
    LatentwalkLibrary lw = LatentwalkLibrary.open();
    ImageDataset train = lw.dataset("mnist-sample", Split.TRAIN, 2000);
    ImageDataset test = lw.dataset("mnist-sample", Split.TEST, 500);
    GenerativeModel vae = lw.train("vae", train, Map.of("epochs", "3", "batch-size", "32"), 2018);
    LatentSpace space = lw.encode(vae, train);
    int seven = lw.indexOf(test, "7", 0);
    Walk walk = lw.shift(vae, space, test, seven, "6", "0", Vectors.linspace(-5, 5, 11));
    JudgedWalk judged = lw.score(lw.judge(train, 2018), walk);
    lw.writeCanvas(walk, vae, 3, Path.of(args.length > 0 ? args[0] : "walk-7.png"));
    System.out.print(judged.table("6", "0", "7"));
    // quickstart:end
  }
}
