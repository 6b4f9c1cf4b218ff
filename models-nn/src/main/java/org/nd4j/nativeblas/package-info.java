/**
 * A compatibility class that DL4J 1.0.0-M2.1 looks up by name and that ND4J 1.0.0-M2.1 no longer
 * ships: {@link org.nd4j.nativeblas.Nd4jCpu.Environment}. Without it DL4J's oneDNN layer helpers
 * never switch on (see {@code org.latentwalk.models.nn.dl4j.Dl4jRuntime}). Nothing else of
 * latentwalk lives in this package, and no ND4J jar of this version has classes named like it.
 */
package org.nd4j.nativeblas;
