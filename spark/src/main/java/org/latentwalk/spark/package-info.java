/**
 * latentwalk on Apache Spark: the jobs whose cost grows with the data — import to Parquet, encode,
 * class centroids, interpolate-and-score — over any model in the model store.
 *
 * <p>Models reach executors only as the bytes of their model-store directory ({@link
 * org.latentwalk.spark.ShippedModel}) and are rebuilt there through the core SPI. Metrics are
 * summed with the interpolation engine's own {@link org.latentwalk.interpolation.WalkMetrics}, so a
 * job's results equal the single-machine engine's on the same data.
 */
package org.latentwalk.spark;
