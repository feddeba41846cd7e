package io.spindle.sql;

import java.util.Locale;

/** What a write does when its output path already exists, with Spark's names. */
public enum SaveMode
{
    /** Fail before running anything. The default; {@code errorifexists} is the same. */
    ERROR_IF_EXISTS,
    /** Replace the existing files, once every task has succeeded. */
    OVERWRITE,
    /** Add new, uniquely named files beside the existing ones. */
    APPEND,
    /** Write nothing and run nothing. */
    IGNORE;

    static final String NAMES = "error, errorifexists, overwrite, append, ignore";

    static SaveMode parse(String name)
    {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "error", "errorifexists", "default" -> ERROR_IF_EXISTS;
            case "overwrite" -> OVERWRITE;
            case "append" -> APPEND;
            case "ignore" -> IGNORE;
            default -> throw new IllegalArgumentException("save mode '" + name + "' is not known; use one of " + NAMES);
        };
    }
}
