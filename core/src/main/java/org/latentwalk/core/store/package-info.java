/**
 * The model store: a trained model is a directory holding {@code model.json} (provider,
 * hyperparameters, dataset fingerprint, seed, metrics, versions and the SHA-256 of every weight
 * file) and the weight files, saved atomically and verified on load; and {@link
 * org.latentwalk.core.store.TensorFile}, a small documented format for named float tensors.
 */
package org.latentwalk.core.store;
