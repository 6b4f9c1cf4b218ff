/** Test-side evaluation helpers: a multinomial logistic-regression probe over ND4J GEMMs. */
package org.latentwalk.models.gan.probe;
