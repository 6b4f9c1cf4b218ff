/** Pictures of walks: labelled canvases (PNG), animated GIFs and probability plots (XChart). */
package org.latentwalk.interpolation.render;
