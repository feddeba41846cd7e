package io.spindle.benchmarks.tpch;

/**
 * The versions of the libraries an engine's JVM actually loaded, read at run time rather than compiled in,
 * since each engine runs with its own class path.
 */
final class LibraryVersions
{
    private LibraryVersions()
    {
    }

    /** {@code Parquet 1.15.2, Hadoop 3.4.1, Java 17.0.15}, with "absent" for a library not on the class path. */
    static String describe()
    {
        return "Parquet " + parquet() + ", Hadoop " + hadoop() + ", Java " + Runtime.version();
    }

    private static String parquet()
    {
        try {
            // a field read by reflection: the compiler would inline the constant of the Parquet built against
            return String.valueOf(Class.forName("org.apache.parquet.Version").getField("VERSION_NUMBER").get(null));
        }
        catch (ReflectiveOperationException | LinkageError e) {
            return "absent";
        }
    }

    private static String hadoop()
    {
        try {
            return String.valueOf(Class.forName("org.apache.hadoop.util.VersionInfo").getMethod("getVersion").invoke(null));
        }
        catch (ReflectiveOperationException | LinkageError e) {
            return "absent";
        }
    }
}
