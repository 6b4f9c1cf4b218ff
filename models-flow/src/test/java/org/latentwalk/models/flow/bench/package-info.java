/** Benchmarks of the flow against the PyTorch reference (mains, not tests). */
package org.latentwalk.models.flow.bench;
