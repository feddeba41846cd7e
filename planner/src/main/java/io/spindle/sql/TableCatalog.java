package io.spindle.sql;

import io.spindle.planner.source.TableStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The session's tables: names (case-insensitive) for directories of Parquet files, made by {@code CREATE TABLE
 * ... LOCATION}. A table holds its location and what {@code ANALYZE TABLE} last measured, not a plan: each query
 * lists its files again, so rows inserted since are read. The catalog lives as long as the session. Thread-safe.
 */
final class TableCatalog
{
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    /** A table over the Parquet files in {@code location}; {@code statistics} are dropped whenever its files change. */
    record Table(String name, String location, Optional<TableStatistics> statistics)
    {
        Table
        {
            requireNonNull(name, "name is null");
            requireNonNull(location, "location is null");
            requireNonNull(statistics, "statistics is null");
        }
    }

    void create(Table table)
    {
        if (tables.putIfAbsent(key(table.name()), table) != null) {
            throw new AnalysisException("table '" + table.name() + "' already exists at " + tables.get(key(table.name())).location());
        }
    }

    /** Whether no table has this name, or the reason it cannot be created. */
    void checkNameFree(String name)
    {
        if (name.isEmpty() || name.contains(".")) {
            throw new AnalysisException("table name '" + name + "' must be a non-empty name without dots");
        }
        Table existing = tables.get(key(name));
        if (existing != null) {
            throw new AnalysisException("table '" + name + "' already exists at " + existing.location());
        }
    }

    Optional<Table> lookup(String name)
    {
        return Optional.ofNullable(tables.get(key(name)));
    }

    void replaceStatistics(String name, Optional<TableStatistics> statistics)
    {
        tables.computeIfPresent(key(name), (key, table) -> new Table(table.name(), table.location(), statistics));
    }

    /** The tables' names as they were created, sorted. */
    List<String> names()
    {
        List<String> names = new ArrayList<>(tables.values().stream().map(Table::name).toList());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    private static String key(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
