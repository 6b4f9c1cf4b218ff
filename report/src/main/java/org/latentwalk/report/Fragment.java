package org.latentwalk.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A section's part of the page: headings, paragraphs, tables and figures in order. It holds text
 * only; the page template ({@code fragment.mustache}) turns it into escaped HTML.
 *
 * @param blocks the parts, in page order
 */
public record Fragment(List<Block> blocks) {
  /** Copies. */
  public Fragment {
    blocks = List.copyOf(blocks);
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * One part of a fragment: exactly one of its fields is set (the template renders the one that
   * is).
   *
   * @param heading a section heading, or null
   * @param paragraph a paragraph of text, or null
   * @param table a table, or null
   * @param figure an image with its caption, or null
   * @param link a link to a page of the report directory, or null
   */
  public record Block(String heading, String paragraph, Table table, Figure figure, Link link) {}

  /**
   * A table of text cells.
   *
   * @param header the column names
   * @param rows the rows, each as many cells as there are columns
   */
  public record Table(List<String> header, List<Row> rows) {
    /** Copies and checks that every row has one cell per column. */
    public Table {
      header = List.copyOf(header);
      rows = List.copyOf(rows);
      for (Row r : rows) {
        if (r.cells().size() != header.size()) {
          throw new IllegalArgumentException(
              "a row of table " + header + " has " + r.cells().size() + " cells: " + r.cells());
        }
      }
    }
  }

  /**
   * One row of a {@link Table}.
   *
   * @param cells the cells' text
   */
  public record Row(List<String> cells) {
    /** Copies. */
    public Row {
      cells = List.copyOf(cells);
    }
  }

  /**
   * An image of the report directory and its caption (also its alt text).
   *
   * @param file the file name, relative to the report directory
   * @param caption what it shows
   */
  public record Figure(String file, String caption) {}

  /**
   * A link to a file of the report directory, on its own line.
   *
   * @param file the file name, relative to the report directory
   * @param text the link's text
   */
  public record Link(String file, String text) {}

  /** Collects the blocks of a fragment in page order. */
  public static final class Builder {
    private final List<Block> blocks = new ArrayList<>();

    private Builder() {}

    /** Adds a section heading. */
    public Builder heading(String text) {
      blocks.add(new Block(text, null, null, null, null));
      return this;
    }

    /** Adds a paragraph. */
    public Builder paragraph(String text) {
      blocks.add(new Block(null, text, null, null, null));
      return this;
    }

    /** Adds a table of {@code rows} (lists of cells) under {@code header}. */
    public Builder table(List<String> header, List<List<String>> rows) {
      blocks.add(
          new Block(
              null, null, new Table(header, rows.stream().map(Row::new).toList()), null, null));
      return this;
    }

    /** Adds an image of the report directory with its caption. */
    public Builder figure(String file, String caption) {
      blocks.add(new Block(null, null, null, new Figure(file, caption), null));
      return this;
    }

    /** Adds a link to a file of the report directory. */
    public Builder link(String file, String text) {
      blocks.add(new Block(null, null, null, null, new Link(file, text)));
      return this;
    }

    /** Returns the fragment built so far. */
    public Fragment build() {
      return new Fragment(blocks);
    }
  }
}
