/** Rendering of images and image grids to PNG, with the JDK's ImageIO only. */
package org.latentwalk.core.render;
