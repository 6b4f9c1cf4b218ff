package org.latentwalk.interpolation;

/**
 * How well walks from class {@code from} towards class {@code to} behave, judged by a classifier.
 *
 * @param from source class name ("all" for the overall row)
 * @param to target class name ("all" for the overall row)
 * @param samples number of walks (test images of the source class)
 * @param flipRate share of walks whose last frame the judge assigns to the target class
 * @param monotonicity share of consecutive steps where the judge's P(target) does not decrease
 * @param smoothness mean L2 distance between consecutive decoded frames (lower is smoother)
 * @param realism mean of the judge's highest class probability over all frames
 */
public record PairMetrics(
    String from,
    String to,
    int samples,
    double flipRate,
    double monotonicity,
    double smoothness,
    double realism) {}
