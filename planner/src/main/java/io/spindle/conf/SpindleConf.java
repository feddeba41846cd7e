package io.spindle.conf;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spindle's settings for one application: string values by key name, read through typed {@link ConfigKey}s.
 * Not thread-safe for writes; the driver fills it before it shares it.
 */
public final class SpindleConf
        implements Serializable
{
    private final TreeMap<String, String> values = new TreeMap<>();

    public SpindleConf()
    {
    }

    public SpindleConf(Map<String, String> values)
    {
        this.values.putAll(values);
    }

    public SpindleConf set(String key, String value)
    {
        values.put(key, value);
        return this;
    }

    public <T> SpindleConf set(ConfigKey<T> key, T value)
    {
        values.put(key.name(), String.valueOf(value));
        return this;
    }

    public <T> T get(ConfigKey<T> key)
    {
        String raw = values.get(key.name());
        return raw == null ? key.defaultValue() : key.parse(raw);
    }

    public String getRaw(String key)
    {
        return values.get(key);
    }

    public boolean contains(String key)
    {
        return values.containsKey(key);
    }

    public Map<String, String> asMap()
    {
        return Collections.unmodifiableMap(values);
    }

    public SpindleConf copy()
    {
        return new SpindleConf(values);
    }
}
