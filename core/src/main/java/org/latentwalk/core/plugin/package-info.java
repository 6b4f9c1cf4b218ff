/**
 * Discovery of providers with {@link java.util.ServiceLoader}, from the class path and from every
 * jar in a plugins directory, collected in one injectable {@link
 * org.latentwalk.core.plugin.PluginRegistry}.
 */
package org.latentwalk.core.plugin;
