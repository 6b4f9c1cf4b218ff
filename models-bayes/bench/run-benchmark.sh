#!/bin/sh
# Builds models-bayes (and what it needs) and runs BayesBenchmark against scikit-learn.
# Run from the repository root; arguments go to BayesBenchmark, e.g. --repeats 3.
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -pl models-bayes -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true
exec java -Xmx4g -cp "models-bayes/target/test-classes:models-bayes/target/classes:$(cat models-bayes/target/bench.classpath)" \
  org.latentwalk.models.bayes.bench.BayesBenchmark "$@"
