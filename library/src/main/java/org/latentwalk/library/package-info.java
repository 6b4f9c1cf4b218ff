/**
 * The library facade: {@link org.latentwalk.library.LatentwalkLibrary} opens the plugin registry,
 * model store, interpolation engine and judges in one call and runs the common path — load a
 * dataset, train or load a model, encode, take a direction, walk, judge, render — by delegating to
 * those parts, which it also exposes for everything else. This package is API (see {@code
 * docs/library.md}); so are the SPI packages of {@code latentwalk-core} and the value types of
 * {@code org.latentwalk.interpolation} it returns.
 */
package org.latentwalk.library;
