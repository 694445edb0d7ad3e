package dev.rocket.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed the way rkt printed its listings (Go's tabwriter with tab padding, tab width 8,
 * padding 1): each column but the last is padded with tabs to a common tab stop, so the output lines up
 * in a terminal and still splits on white space in scripts.
 */
public final class Table {

    private static final int TAB_WIDTH = 8;

    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> header) {
        rows.add(List.copyOf(header));
    }

    /** A table without a legend row. */
    public Table() {
    }

    public Table row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    public Table row(String... cells) {
        return row(List.of(cells));
    }

    public void print(PrintWriter out) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size() - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length() + 1);
            }
        }
        for (int c = 0; c < columns; c++) {
            widths[c] = (widths[c] + TAB_WIDTH - 1) / TAB_WIDTH * TAB_WIDTH;
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                line.append(cell);
                if (c < row.size() - 1) {
                    int tabs = Math.max(1, (widths[c] - cell.length() + TAB_WIDTH - 1) / TAB_WIDTH);
                    line.repeat("\t", tabs);
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        out.print(text);
        out.flush();
    }
}
