/**
 * Training: {@link org.latentwalk.models.nn.train.EpochTrainer}, the epoch loop with seeded
 * shuffles, progress, per-epoch checkpoints, bit-exact resume and the divergence guard, around a
 * model's {@link org.latentwalk.models.nn.train.TrainingStep}; and {@link
 * org.latentwalk.models.nn.train.OptimizerState}, what a checkpoint carries to resume.
 */
package org.latentwalk.models.nn.train;
