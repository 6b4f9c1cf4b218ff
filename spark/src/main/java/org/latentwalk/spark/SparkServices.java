package org.latentwalk.spark;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.latentwalk.interpolation.InterpolationEngine;

/**
 * The one injector of a Spark JVM, created from {@link SparkModule} on first use. A Spark process
 * has no single edge: the driver starts at {@code latentwalk spark}'s main, but an executor JVM
 * starts in Spark's code and first meets latentwalk inside a task. Both take their services from
 * here, so a process holds one injector whichever it is — in local mode, where the executors run in
 * the driver's JVM, the driver's.
 */
public final class SparkServices {
  private SparkServices() {}

  private static final class Holder {
    static final Injector INJECTOR = Guice.createInjector(new SparkModule());
  }

  /** Returns this JVM's injector. */
  public static Injector injector() {
    return Holder.INJECTOR;
  }

  /** Returns this JVM's interpolation engine (what tasks walk, decode and judge with). */
  public static InterpolationEngine engine() {
    return injector().getInstance(InterpolationEngine.class);
  }
}
