package io.spindle.sql.parser;

import io.spindle.planner.logical.LogicalPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What SQL text can name: the session's temporary views and tables, and the files a {@code CREATE VIEW ... USING} opens. */
public interface SqlCatalog
{
    /** The plan of the view, else the table, named {@code name} (case-insensitive), if there is one. */
    Optional<LogicalPlan> view(String name);

    /** The names of every view and table, for messages. */
    List<String> viewNames();

    /** A relation over files of {@code format} (parquet, orc, csv or json); {@code options} hold {@code path} and reader options. */
    LogicalPlan openFiles(String format, Map<String, String> options);
}
