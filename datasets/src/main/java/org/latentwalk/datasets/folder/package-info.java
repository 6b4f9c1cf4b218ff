/**
 * The {@code image-folder} dataset provider: a directory with one sub-folder of PNG/JPEG images per
 * class, converted to grayscale and resized.
 */
package org.latentwalk.datasets.folder;
