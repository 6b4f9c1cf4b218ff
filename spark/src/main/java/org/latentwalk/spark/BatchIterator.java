package org.latentwalk.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Pulls up to {@code batch} items from an input, maps the whole batch at once (one model call per
 * batch) and yields the results; runs {@code onEnd} once when the input is exhausted. Lazy, so a
 * partition is never held in memory.
 */
final class BatchIterator<I, O> implements Iterator<O> {
  private final Iterator<I> in;
  private final int batch;
  private final Function<List<I>, List<O>> map;
  private final Runnable onEnd;
  private Iterator<O> current = Collections.emptyIterator();
  private boolean ended;

  BatchIterator(Iterator<I> in, int batch, Function<List<I>, List<O>> map, Runnable onEnd) {
    this.in = in;
    this.batch = batch;
    this.map = map;
    this.onEnd = onEnd;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (!in.hasNext()) {
        if (!ended) {
          ended = true;
          onEnd.run();
        }
        return false;
      }
      List<I> items = new ArrayList<>(batch);
      while (items.size() < batch && in.hasNext()) {
        I item = in.next();
        if (item != null) {
          items.add(item);
        }
      }
      current = items.isEmpty() ? Collections.emptyIterator() : map.apply(items).iterator();
    }
    return true;
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
