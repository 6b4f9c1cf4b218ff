/**
 * The DL4J (deeplearning4j-nn) runtime of the kit: {@link
 * org.latentwalk.models.nn.dl4j.Dl4jRuntime} switches DL4J's oneDNN layer helpers on, {@link
 * org.latentwalk.models.nn.dl4j.Dl4jNetwork} trains a DL4J network on a model's own loss (external
 * errors) under the kit's {@code EpochTrainer} (with faster layer objects for the same
 * configurations: {@code CachingLayers}), {@link org.latentwalk.models.nn.dl4j.NetworkState} saves
 * it as checksummed model files (configuration JSON plus flat arrays, no Java serialization) and
 * {@link org.latentwalk.models.nn.dl4j.Dl4jConfigurations} reads and validates user configuration
 * files.
 */
package org.latentwalk.models.nn.dl4j;
