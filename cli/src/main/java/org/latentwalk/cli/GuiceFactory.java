package org.latentwalk.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import picocli.CommandLine;

/**
 * Creates picocli's objects through the run's one injector: latentwalk's commands and mixins get
 * their services through {@code @Inject} constructors. picocli's own helpers (collections for
 * multi-value options, its help command) come from picocli's default factory.
 */
final class GuiceFactory implements CommandLine.IFactory {
  private static final String OURS = "org.latentwalk.";

  private final Injector injector;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  GuiceFactory(Injector injector) {
    this.injector = requireNonNull(injector, "injector is null");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    return type.getName().startsWith(OURS) ? injector.getInstance(type) : fallback.create(type);
  }
}
