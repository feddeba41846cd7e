package io.spindle.benchmarks.tpch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name value} command-line options of the benchmark's programs, checked against the names each accepts. */
final class Arguments
{
    private final String program;
    private final Map<String, String> values;

    private Arguments(String program, Map<String, String> values)
    {
        this.program = program;
        this.values = values;
    }

    static Arguments parse(String program, String[] args, Set<String> accepted)
    {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !accepted.contains(arg.substring(2))) {
                throw new IllegalArgumentException(program + ": unknown option '" + arg + "'; the options are " + names(accepted));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(program + ": option " + arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new Arguments(program, values);
    }

    String required(String name)
    {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(program + ": option --" + name + " is required");
        }
        return value;
    }

    String optional(String name, String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    int positiveInt(String name, int defaultValue)
    {
        String text = optional(name, Integer.toString(defaultValue));
        String problem = program + ": --" + name + " must be a positive whole number, not '" + text + "'";
        int value;
        try {
            value = Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem, e);
        }
        if (value < 1) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** A comma-separated list, trimmed and lower-cased, without empty items. */
    List<String> list(String name)
    {
        return Arrays.stream(required(name).split(","))
                .map(item -> item.trim().toLowerCase(Locale.ROOT))
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static String names(Set<String> accepted)
    {
        Set<String> sorted = new TreeSet<>();
        accepted.forEach(name -> sorted.add("--" + name));
        return sorted.toString();
    }
}
