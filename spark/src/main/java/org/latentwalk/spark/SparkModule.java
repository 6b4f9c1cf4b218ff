package org.latentwalk.spark;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.latentwalk.core.plugin.PluginRegistry;
import org.latentwalk.interpolation.inject.InterpolationModule;
import org.latentwalk.interpolation.inject.ServicesModule;

/**
 * The wiring of a Spark process, driver or executor: the providers on the class path (Spark ships
 * plugins as jars on it, with {@code --jars}), the model store and the interpolation engine. The
 * one module every Spark JVM builds its injector from ({@link SparkServices}).
 */
public final class SparkModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new ServicesModule());
    install(new InterpolationModule());
  }

  /** Returns the providers on the class path, discovered once per process. */
  @Provides
  @Singleton
  PluginRegistry registry() {
    return PluginRegistry.classpath();
  }
}
