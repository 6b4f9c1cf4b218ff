#!/usr/bin/env bash
# Per-batch profile of the VAE training step (GEMMs vs element-wise kernels vs Adam).
# usage: models-vae/bench/profile.sh [REPEATS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl models-vae -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dspotless.check.skip=true
CP="core/target/classes:models-vae/target/classes:models-vae/target/test-classes:$(cat models-vae/target/bench.cp)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java --add-modules jdk.incubator.vector -cp "$CP" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.latentwalk.models.vae.VaeStepProfile "$@"
