/** Progress reporting for long work: a listener the CLI renders as a bar and tests observe. */
package org.latentwalk.core.progress;
