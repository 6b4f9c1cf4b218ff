package org.latentwalk.interpolation;

/**
 * How well walks from class {@code from} towards class {@code to} behave, judged by a classifier.
 *
 * @param from source class name ("all" for the overall row)
 * @param to target class name ("all" for the overall row)
 * @param samples number of walks (test images of the source class)
 * @param startAtTarget walks whose first frame the judge already assigns to the target class: they
 *     cannot flip, so the flip rate leaves them out
 * @param flipRate among the walks whose first frame the judge does not assign to the target class,
 *     the share whose last frame it does (NaN if there is no such walk)
 * @param monotonicity share of consecutive steps where the judge's P(target) does not decrease
 * @param smoothness mean L2 distance between consecutive decoded frames (lower is smoother)
 * @param realism mean of the judge's highest class probability over all frames
 */
public record PairMetrics(
    String from,
    String to,
    int samples,
    int startAtTarget,
    double flipRate,
    double monotonicity,
    double smoothness,
    double realism) {}
