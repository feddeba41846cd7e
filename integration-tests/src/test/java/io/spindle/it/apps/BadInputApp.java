package io.spindle.it.apps;

import io.spindle.sql.SpindleSession;

import static io.spindle.sql.functions.col;

/**
 * A test driver program that makes a user's mistake: {@code missing-path <root>} reads a table that does not
 * exist; {@code missing-column <root>} filters on a misspelt column.
 */
public final class BadInputApp
{
    private BadInputApp()
    {
    }

    public static void main(String[] args)
    {
        try (SpindleSession session = SpindleSession.builder().appName("bad-input").getOrCreate()) {
            switch (args[0]) {
                case "missing-path" -> session.read().parquet(args[1] + "/no_such_table").count();
                case "missing-column" -> session.read().parquet(args[1] + "/lineitem").filter(col("l_shipdat").gt(1)).count();
                default -> throw new IllegalArgumentException("unknown mistake " + args[0]);
            }
        }
    }
}
