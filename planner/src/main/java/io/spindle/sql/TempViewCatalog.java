package io.spindle.sql;

import io.spindle.planner.logical.LogicalPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session's temporary views: names (case-insensitive, as Spark's) for analyzed plans that SQL text can
 * query. A view holds a plan, not rows: each query reads its files again. Thread-safe.
 */
final class TempViewCatalog
{
    private final Map<String, View> views = new ConcurrentHashMap<>();

    private record View(String name, LogicalPlan plan) {}

    void create(String name, LogicalPlan plan, boolean replace)
    {
        validate(name);
        View view = new View(name, plan);
        if (replace) {
            views.put(key(name), view);
        }
        else if (views.putIfAbsent(key(name), view) != null) {
            throw new AnalysisException("temporary view '" + name + "' already exists; use CREATE OR REPLACE TEMPORARY VIEW or createOrReplaceTempView");
        }
    }

    Optional<LogicalPlan> lookup(String name)
    {
        return Optional.ofNullable(views.get(key(name))).map(View::plan);
    }

    boolean drop(String name)
    {
        return views.remove(key(name)) != null;
    }

    /** The views' names as they were created, sorted. */
    List<String> names()
    {
        List<String> names = new ArrayList<>(views.values().stream().map(View::name).toList());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    private static void validate(String name)
    {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new AnalysisException("view name '" + name + "' must be a non-empty name without dots");
        }
    }

    private static String key(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
