/**
 * File plumbing every module shares: {@link org.latentwalk.core.io.OutputFiles} writes outputs
 * atomically with the default permissions and names the user's path and the reason when a write
 * fails; {@link org.latentwalk.core.io.HeapBudget} checks a size a file declares against the Java
 * heap before anything that large is allocated; {@link org.latentwalk.core.io.Hashing} gives the
 * lowercase hex SHA-256 of bytes, strings, streams and files.
 */
package org.latentwalk.core.io;
