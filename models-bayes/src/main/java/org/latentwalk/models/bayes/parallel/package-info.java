/**
 * Deterministic data parallelism: work split into a fixed number of shards whose partial results
 * are combined in shard order, so results do not depend on the number of threads.
 */
package org.latentwalk.models.bayes.parallel;
