/** Adam over parameter groups, and its state for checkpoints. */
package org.latentwalk.models.nn.optim;
