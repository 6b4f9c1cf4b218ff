package org.latentwalk.interpolation.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.latentwalk.core.io.OutputFiles;

/** Writes looping animated GIFs with the JDK's GIF writer, atomically. */
public final class AnimatedGif {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private AnimatedGif() {}

  /** Writes {@code frames} (same size) with {@code delayMillis} between them, looping forever. */
  public static void write(List<BufferedImage> frames, int delayMillis, Path file)
      throws IOException {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("An animation needs at least one frame");
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("No GIF writer available in this JDK");
    }
    ImageWriter writer = writers.next();
    OutputFiles.write(
        file,
        stream -> {
          try (ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
              BufferedImage rgb =
                  new BufferedImage(
                      frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
              rgb.getGraphics().drawImage(frame, 0, 0, null);
              IIOMetadata meta =
                  writer.getDefaultImageMetadata(
                      ImageTypeSpecifier.createFromRenderedImage(rgb), null);
              configure(meta, Math.max(1, delayMillis / 10));
              writer.writeToSequence(new IIOImage(rgb, null, meta), null);
            }
            writer.endWriteSequence();
          } finally {
            writer.dispose();
          }
        });
  }

  private static void configure(IIOMetadata meta, int delayCentis) throws IOException {
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
    IIOMetadataNode gce = child(root, "GraphicControlExtension");
    gce.setAttribute("disposalMethod", "none");
    gce.setAttribute("userInputFlag", "FALSE");
    gce.setAttribute("transparentColorFlag", "FALSE");
    gce.setAttribute("delayTime", Integer.toString(delayCentis));
    gce.setAttribute("transparentColorIndex", "0");
    IIOMetadataNode apps = child(root, "ApplicationExtensions");
    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
    app.setAttribute("applicationID", "NETSCAPE");
    app.setAttribute("authenticationCode", "2.0");
    app.setUserObject(new byte[] {1, 0, 0}); // loop forever
    apps.appendChild(app);
    meta.setFromTree(FORMAT, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
