package org.latentwalk.interpolation.inversion;

import org.latentwalk.core.data.FloatMatrix;

/**
 * Codes fitted to images by {@link Inverter}.
 *
 * @param codes one code per image, the lowest objective over every start and step
 * @param meanSquaredError the mean over images and pixels of {@code (decode(z) − x)²} at those
 *     codes
 * @param meanObjective the mean over images of {@code ‖decode(z) − x‖² + λ‖z‖²} at those codes
 * @param seconds wall-clock time of the whole inversion
 */
public record Inversion(
    FloatMatrix codes, double meanSquaredError, double meanObjective, double seconds) {}
