package io.spindle.sql.parser;

import io.spindle.planner.logical.LogicalPlan;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A parsed and analyzed SQL statement, for the session to run. */
public sealed interface SqlStatement
{
    /** A query: its analyzed logical plan. */
    record Query(LogicalPlan plan)
            implements SqlStatement
    {
        public Query
        {
            requireNonNull(plan, "plan is null");
        }
    }

    /** {@code CREATE [OR REPLACE] TEMPORARY VIEW name ...}: the view's plan, files opened or query analyzed. */
    record CreateTempView(String name, boolean replace, LogicalPlan plan)
            implements SqlStatement
    {
        public CreateTempView
        {
            requireNonNull(name, "name is null");
            requireNonNull(plan, "plan is null");
        }
    }

    /** {@code EXPLAIN [mode] query}, the mode as {@code DataFrame.explainString} names it. */
    record Explain(String mode, LogicalPlan plan)
            implements SqlStatement
    {
        public Explain
        {
            requireNonNull(mode, "mode is null");
            requireNonNull(plan, "plan is null");
        }
    }

    record ShowTables()
            implements SqlStatement {}

    /** {@code DESCRIBE [TABLE] [EXTENDED] name}: the columns of a view or table; extended, a table's location and statistics too. */
    record Describe(String name, LogicalPlan plan, boolean extended)
            implements SqlStatement
    {
        public Describe
        {
            requireNonNull(name, "name is null");
            requireNonNull(plan, "plan is null");
        }
    }

    /**
     * {@code CREATE TABLE name USING parquet LOCATION 'path' [AS query]}: a table over the files at the location,
     * which the query's rows are written to first when there is one.
     */
    record CreateTable(String name, String location, Optional<LogicalPlan> query)
            implements SqlStatement
    {
        public CreateTable
        {
            requireNonNull(name, "name is null");
            requireNonNull(location, "location is null");
            requireNonNull(query, "query is null");
        }
    }

    /** {@code INSERT OVERWRITE TABLE name query} or {@code INSERT INTO name query}: the query's rows written into a table's files. */
    record Insert(String table, boolean overwrite, LogicalPlan query)
            implements SqlStatement
    {
        public Insert
        {
            requireNonNull(table, "table is null");
            requireNonNull(query, "query is null");
        }
    }

    /**
     * {@code ANALYZE TABLE name COMPUTE STATISTICS [FOR COLUMNS a, b | FOR ALL COLUMNS]}: {@code columns} empty
     * measures the row count only; {@code allColumns} every column.
     */
    record Analyze(String table, List<String> columns, boolean allColumns)
            implements SqlStatement
    {
        public Analyze
        {
            requireNonNull(table, "table is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }
    }
}
