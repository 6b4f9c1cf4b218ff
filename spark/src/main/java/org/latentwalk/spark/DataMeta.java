package org.latentwalk.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.latentwalk.core.LatentwalkException;
import org.latentwalk.core.data.ImageShape;

/**
 * What a job's Parquet output holds besides its rows, stored beside them as {@value #FILE} (a name
 * Spark's readers skip): the dataset, class names, image shape and, for codes, the latent dimension
 * and the model's checksum.
 *
 * @param dataset name of the dataset the rows came from
 * @param classNames class names, index = label
 * @param shape image shape
 * @param latentDimension length of the codes, 0 for images
 * @param model checksum of the model's manifest that made the codes, empty for images
 */
public record DataMeta(
    String dataset, List<String> classNames, ImageShape shape, int latentDimension, String model) {
  /** File name of the metadata in an output directory. */
  public static final String FILE = "_latentwalk.properties";

  /** Copies. */
  public DataMeta {
    classNames = List.copyOf(classNames);
  }

  /** Returns the same metadata for codes of a model. */
  public DataMeta withCodes(int dimension, String modelChecksum) {
    return new DataMeta(dataset, classNames, shape, dimension, modelChecksum);
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("dataset", dataset);
    p.setProperty("classes", Integer.toString(classNames.size()));
    for (int i = 0; i < classNames.size(); i++) {
      p.setProperty("class." + i, classNames.get(i));
    }
    p.setProperty("height", Integer.toString(shape.height()));
    p.setProperty("width", Integer.toString(shape.width()));
    p.setProperty("channels", Integer.toString(shape.channels()));
    p.setProperty("latentDimension", Integer.toString(latentDimension));
    p.setProperty("model", model);
    return p;
  }

  static DataMeta fromProperties(Properties p, String where) {
    try {
      int k = Integer.parseInt(required(p, "classes", where));
      List<String> names = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        names.add(required(p, "class." + i, where));
      }
      return new DataMeta(
          required(p, "dataset", where),
          names,
          new ImageShape(
              Integer.parseInt(required(p, "height", where)),
              Integer.parseInt(required(p, "width", where)),
              Integer.parseInt(required(p, "channels", where))),
          Integer.parseInt(p.getProperty("latentDimension", "0")),
          p.getProperty("model", ""));
    } catch (NumberFormatException e) {
      throw new LatentwalkException(
          "Malformed " + where + ": " + e.getMessage() + "; re-create the directory with its job",
          e);
    }
  }

  private static String required(Properties p, String key, String where) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new LatentwalkException(
          "Malformed " + where + ": no '" + key + "'; re-create the directory with its job");
    }
    return v;
  }
}
