package io.spindle.am.yarn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;

import static java.util.Objects.requireNonNull;

/**
 * The command lines and environment of Spindle's containers (the ApplicationMaster and the executors),
 * written with YARN's cross-platform markers, which the NodeManager expands on the node.
 */
public final class ContainerCommands
{
    /** JVM options that start a short-lived JVM about two seconds sooner (C1 only, serial GC). */
    public static final List<String> FAST_STARTUP_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ContainerCommands()
    {
    }

    /**
     * The single command of a container running {@code mainClass} in a JVM with {@code heapBytes} of heap,
     * its output going to the container's log directory. The NodeManager runs it through a shell, so
     * {@code jvmOptions} and {@code args} must already be shell words.
     *
     * @param javaHome Java installation to run, or empty for the NodeManager's {@code JAVA_HOME}
     */
    public static List<String> javaCommand(String javaHome, long heapBytes, List<String> jvmOptions, String mainClass, List<String> args)
    {
        requireNonNull(mainClass, "mainClass is null");
        List<String> words = new ArrayList<>();
        words.add(javaExecutable(javaHome));
        words.add(heapOption(heapBytes));
        for (String option : jvmOptions) {
            if (!option.isBlank()) {
                words.add(option.strip());
            }
        }
        words.add(mainClass);
        words.addAll(args);
        words.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/" + ApplicationConstants.STDOUT);
        words.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/" + ApplicationConstants.STDERR);
        return List.of(String.join(" ", words));
    }

    /** {@code <javaHome>/bin/java}, or {@code {{JAVA_HOME}}/bin/java} when {@code javaHome} is empty. */
    /** {@code word} as one shell word: single-quoted, with any single quote inside closed, escaped and reopened. */
    public static String shellQuote(String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String javaExecutable(String javaHome)
    {
        String home = javaHome == null || javaHome.isBlank() ? Environment.JAVA_HOME.$$() : javaHome.strip();
        return home + "/bin/java";
    }

    /** {@code -Xmx} for a heap of {@code bytes}, in the largest unit that states it exactly. */
    public static String heapOption(long bytes)
    {
        if (bytes < (1L << 20)) {
            throw new IllegalArgumentException("a JVM heap of " + bytes + " bytes is too small; give at least 1m");
        }
        if (bytes % (1L << 20) == 0) {
            return "-Xmx" + (bytes >> 20) + "m";
        }
        if (bytes % 1024 == 0) {
            return "-Xmx" + (bytes >> 10) + "k";
        }
        return "-Xmx" + bytes;
    }

    /** The environment of a container whose class path is {@code classpath}. */
    public static Map<String, String> environment(String classpath)
    {
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("the container class path is empty; the client sets it at submission");
        }
        Map<String, String> environment = new HashMap<>();
        environment.put(Environment.CLASSPATH.name(), classpath);
        return environment;
    }
}
