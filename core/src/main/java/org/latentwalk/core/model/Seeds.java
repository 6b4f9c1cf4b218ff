package org.latentwalk.core.model;

import java.util.SplittableRandom;

/**
 * Seeded randomness for trainers. A trainer derives one seed per random stream (initialisation,
 * shuffling, noise, ...) and epoch from the run's seed, so a run resumed from an epoch checkpoint
 * draws exactly what an uninterrupted run draws, and one stream's draws never shift another's.
 *
 * <p>The derivations are part of what makes saved models reproducible: they never change.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * The seed a run takes when none is given: the year of the article, so a default run of any
   * command reproduces the article's figures. As text for option defaults.
   */
  public static final String DEFAULT = "2018";

  /**
   * Derives an independent seed for one random stream and epoch (the murmur3 finaliser of the seed
   * mixed with the stream and epoch).
   */
  public static long derive(long seed, long stream, long epoch) {
    long h = seed ^ mix(stream * 0x9E3779B97F4A7C15L + epoch);
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** Returns a random permutation of {@code 0..n-1} (Fisher–Yates), the same for the same seed. */
  public static int[] shuffle(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
