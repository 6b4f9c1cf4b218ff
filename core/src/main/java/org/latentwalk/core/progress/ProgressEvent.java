package org.latentwalk.core.progress;

/**
 * A snapshot of long work in progress.
 *
 * @param task what is running, e.g. {@code train vae}
 * @param epoch current epoch, 1-based (0 when the work has no epochs)
 * @param epochs total epochs (0 when the work has no epochs)
 * @param step units done in the whole task (batches, images or files)
 * @param steps total units of the task, or -1 when unknown
 * @param loss the latest loss, or NaN when there is none
 * @param imagesPerSecond throughput so far, or NaN when unknown
 */
public record ProgressEvent(
    String task,
    int epoch,
    int epochs,
    long step,
    long steps,
    double loss,
    double imagesPerSecond) {}
