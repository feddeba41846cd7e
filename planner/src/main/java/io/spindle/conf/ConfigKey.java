package io.spindle.conf;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, type, default and a one-line doc. Each key is declared once, as a
 * constant in the module that reads it.
 */
public final class ConfigKey<T>
{
    private final String name;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;

    private ConfigKey(String name, T defaultValue, String doc, Function<String, T> parser)
    {
        this.name = Objects.requireNonNull(name, "name is null");
        this.defaultValue = defaultValue;
        this.doc = Objects.requireNonNull(doc, "doc is null");
        this.parser = Objects.requireNonNull(parser, "parser is null");
    }

    public static ConfigKey<String> stringKey(String name, String defaultValue, String doc)
    {
        return new ConfigKey<>(name, defaultValue, doc, s -> s);
    }

    public static ConfigKey<Integer> intKey(String name, int defaultValue, String doc)
    {
        return new ConfigKey<>(name, defaultValue, doc, s -> Integer.parseInt(s.trim()));
    }

    public static ConfigKey<Long> longKey(String name, long defaultValue, String doc)
    {
        return new ConfigKey<>(name, defaultValue, doc, s -> Long.parseLong(s.trim()));
    }

    public static ConfigKey<Double> doubleKey(String name, double defaultValue, String doc)
    {
        return new ConfigKey<>(name, defaultValue, doc, s -> Double.parseDouble(s.trim()));
    }

    public static ConfigKey<Boolean> booleanKey(String name, boolean defaultValue, String doc)
    {
        return new ConfigKey<>(name, defaultValue, doc, ConfigKey::parseBoolean);
    }

    /** A size in bytes, written as Spark does: {@code 512m}, {@code 2g}, {@code 10485760}. */
    public static ConfigKey<Long> bytesKey(String name, String defaultValue, String doc)
    {
        return new ConfigKey<>(name, parseBytes(name, defaultValue), doc, s -> parseBytes(name, s));
    }

    /** A duration in milliseconds, written as {@code 500ms}, {@code 30s}, {@code 2min} or a plain number of ms. */
    public static ConfigKey<Long> durationKey(String name, String defaultValue, String doc)
    {
        return new ConfigKey<>(name, parseDurationMillis(name, defaultValue), doc, s -> parseDurationMillis(name, s));
    }

    public String name()
    {
        return name;
    }

    public T defaultValue()
    {
        return defaultValue;
    }

    public String doc()
    {
        return doc;
    }

    T parse(String value)
    {
        try {
            return parser.apply(value);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "invalid value '" + value + "' for " + name + " (" + doc + "): " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String s)
    {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    public static long parseBytes(String key, String text)
    {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        long multiplier = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> multiplier = 1L << 10;
                case 'm' -> multiplier = 1L << 20;
                case 'g' -> multiplier = 1L << 30;
                case 't' -> multiplier = 1L << 40;
                default -> multiplier = 1;
            }
            if (multiplier != 1) {
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(v.trim()), multiplier);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "size '" + text + "' for " + key + " is not a number of bytes; write it like 512m, 2g or 1048576");
        }
    }

    public static long parseDurationMillis(String key, String text)
    {
        String v = text.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String number = v;
        if (v.endsWith("ms")) {
            number = v.substring(0, v.length() - 2);
        }
        else if (v.endsWith("min")) {
            number = v.substring(0, v.length() - 3);
            multiplier = 60_000;
        }
        else if (v.endsWith("s")) {
            number = v.substring(0, v.length() - 1);
            multiplier = 1000;
        }
        else if (v.endsWith("h")) {
            number = v.substring(0, v.length() - 1);
            multiplier = 3_600_000;
        }
        try {
            return Math.multiplyExact(Long.parseLong(number.trim()), multiplier);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "duration '" + text + "' for " + key + " is not understood; write it like 500ms, 30s or 2min");
        }
    }

    @Override
    public String toString()
    {
        return name;
    }
}
