package org.latentwalk.models.gan;

/**
 * What resuming training needs beyond the weights: the Adam moments of the three networks, Adam's
 * step count and the number of epochs completed.
 *
 * @param generator the generator's Adam moments
 * @param encoder the encoder's Adam moments
 * @param discriminator the discriminator's Adam moments
 * @param adamStep Adam steps taken (one per training step, shared by both updates)
 * @param epochsCompleted epochs completed
 */
record TrainingState(
    AdamState generator,
    AdamState encoder,
    AdamState discriminator,
    long adamStep,
    int epochsCompleted) {}
