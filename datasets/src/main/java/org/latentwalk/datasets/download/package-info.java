/**
 * Downloads dataset files from a list of mirrors into a cache directory, verifying each file's
 * SHA-256 before it becomes visible under its final name.
 */
package org.latentwalk.datasets.download;
