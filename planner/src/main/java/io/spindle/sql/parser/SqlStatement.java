package io.spindle.sql.parser;

import io.spindle.planner.logical.LogicalPlan;

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

    /** {@code DESCRIBE name}: the columns of a view. */
    record Describe(String name, LogicalPlan plan)
            implements SqlStatement
    {
        public Describe
        {
            requireNonNull(name, "name is null");
            requireNonNull(plan, "plan is null");
        }
    }
}
