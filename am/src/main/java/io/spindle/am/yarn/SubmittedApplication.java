package io.spindle.am.yarn;

import io.spindle.conf.SpindleConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What the client hands the ApplicationMaster in {@value StagingLayout#SPINDLE_PROPERTIES}: the user's
 * main class, its arguments and the application's Spindle settings. Each argument is its own property
 * ({@code spindle.app.arg.0}, {@code spindle.app.arg.1}, ...), so no argument needs quoting.
 */
public record SubmittedApplication(String mainClass, List<String> args, SpindleConf conf)
{
    public static final String MAIN_CLASS_KEY = "spindle.app.mainClass";
    public static final String ARG_KEY_PREFIX = "spindle.app.arg.";

    public SubmittedApplication
    {
        requireNonNull(mainClass, "mainClass is null");
        args = List.copyOf(args);
        conf = requireNonNull(conf, "conf is null").copy();
        if (conf.contains(MAIN_CLASS_KEY) || conf.asMap().keySet().stream().anyMatch(key -> key.startsWith(ARG_KEY_PREFIX))) {
            throw new IllegalArgumentException("conf must not set " + MAIN_CLASS_KEY + " or " + ARG_KEY_PREFIX
                    + "N; pass the main class and arguments instead");
        }
    }

    public Properties toProperties()
    {
        Properties properties = new Properties();
        properties.putAll(conf.asMap());
        properties.setProperty(MAIN_CLASS_KEY, mainClass);
        for (int i = 0; i < args.size(); i++) {
            properties.setProperty(ARG_KEY_PREFIX + i, args.get(i));
        }
        return properties;
    }

    public static SubmittedApplication fromProperties(Properties properties)
    {
        String mainClass = properties.getProperty(MAIN_CLASS_KEY);
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException(StagingLayout.SPINDLE_PROPERTIES + " has no " + MAIN_CLASS_KEY);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.equals(MAIN_CLASS_KEY) && !key.startsWith(ARG_KEY_PREFIX)) {
                settings.put(key, properties.getProperty(key));
            }
        }
        List<String> args = new ArrayList<>();
        for (String arg = properties.getProperty(ARG_KEY_PREFIX + 0); arg != null; arg = properties.getProperty(ARG_KEY_PREFIX + args.size())) {
            args.add(arg);
        }
        return new SubmittedApplication(mainClass.trim(), args, new SpindleConf(settings));
    }

    public void write(OutputStream out)
            throws IOException
    {
        toProperties().store(out, "Spindle application, written by the client at submission");
    }

    public static SubmittedApplication read(InputStream in)
            throws IOException
    {
        Properties properties = new Properties();
        properties.load(in);
        return fromProperties(properties);
    }
}
