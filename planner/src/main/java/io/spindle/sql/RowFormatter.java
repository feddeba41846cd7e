package io.spindle.sql;

import io.spindle.planner.types.Schema;

import java.util.ArrayList;
import java.util.List;

/** Renders rows as the text table Spark's {@code show()} prints. */
public final class RowFormatter
{
    private RowFormatter()
    {
    }

    public static String table(Schema schema, List<Row> rows, boolean truncate)
    {
        int columns = schema.size();
        List<String[]> cells = new ArrayList<>();
        String[] header = schema.names().toArray(String[]::new);
        cells.add(header);
        for (Row row : rows) {
            String[] line = new String[columns];
            for (int i = 0; i < columns; i++) {
                String text = row.get(i) == null ? "NULL" : String.valueOf(row.get(i));
                if (truncate && text.length() > 20) {
                    text = text.substring(0, 17) + "...";
                }
                line[i] = text;
            }
            cells.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], Math.max(3, line[i].length()));
            }
        }
        StringBuilder separator = new StringBuilder("+");
        for (int width : widths) {
            separator.append("-".repeat(width)).append('+');
        }
        separator.append('\n');
        StringBuilder out = new StringBuilder(separator);
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            out.append('|');
            for (int i = 0; i < columns; i++) {
                out.append(" ".repeat(widths[i] - line[i].length())).append(line[i]).append('|');
            }
            out.append('\n');
            if (r == 0) {
                out.append(separator);
            }
        }
        out.append(separator);
        return out.toString();
    }
}
