package io.spindle.sql;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.analyzer.Qualifiers;
import io.spindle.planner.analyzer.GroupingSets;
import io.spindle.planner.analyzer.SetOperationAnalyzer;
import io.spindle.planner.analyzer.UnionAnalyzer;
import io.spindle.planner.analyzer.WindowAnalyzer;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.Offset;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Repartition;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.stages.FormattedExplain;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.storage.StorageLevel;
import io.spindle.planner.statistics.CostExplain;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.execution.QueryResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A lazy, immutable query, as Spark's DataFrame: transformations return new DataFrames and are checked at
 * once against the schema (so a wrong column fails where it is written); actions plan and run a job.
 */
public final class DataFrame
{
    private final SpindleSession session;
    private final LogicalPlan plan;

    DataFrame(SpindleSession session, LogicalPlan plan)
    {
        this.session = requireNonNull(session, "session is null");
        this.plan = requireNonNull(plan, "plan is null");
    }

    public LogicalPlan logicalPlan()
    {
        return plan;
    }

    public Schema schema()
    {
        return plan.schema();
    }

    public String[] columns()
    {
        return plan.schema().names().toArray(String[]::new);
    }

    public void printSchema()
    {
        System.out.print(schema().treeString());
    }

    // ---- transformations

    public DataFrame filter(Column condition)
    {
        Expression resolved = resolve(condition.expression());
        WindowAnalyzer.rejectWindows(resolved, "filter");
        if (resolved.type().kind() != TypeKind.BOOLEAN) {
            throw new AnalysisException("filter condition " + resolved.defaultName() + " is " + resolved.type().sqlName()
                    + ", not boolean; compare it with something");
        }
        return new DataFrame(session, new Filter(plan, resolved));
    }

    public DataFrame where(Column condition)
    {
        return filter(condition);
    }

    /** Rows for which the SQL condition holds, as Spark's {@code filter("amount > 10 AND region = 'EU'")}. */
    public DataFrame filter(String condition)
    {
        return filter(functions.expr(condition));
    }

    public DataFrame where(String condition)
    {
        return filter(condition);
    }

    /** Dropping and filling nulls, as Spark's {@code df.na()}. */
    public DataFrameNaFunctions na()
    {
        return new DataFrameNaFunctions(this);
    }

    /** Columns from SQL text, as Spark's {@code selectExpr("id", "price * 2 AS doubled", "upper(name)")}. */
    public DataFrame selectExpr(String... expressions)
    {
        return select(Arrays.stream(expressions).map(functions::expr).toArray(Column[]::new));
    }

    public DataFrame select(String... columns)
    {
        return select(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }

    public DataFrame select(Column... columns)
    {
        List<Expression> expressions = new ArrayList<>();
        for (Column column : columns) {
            if (column.expression() instanceof UnresolvedColumn unresolved && unresolved.name().equals("*")) {
                expressions.addAll(allColumns());
                continue;
            }
            Expression resolved = resolve(column.expression());
            rejectAggregates(resolved, "select");
            expressions.add(resolved);
        }
        return new DataFrame(session, WindowAnalyzer.project(plan, expressions));
    }

    /** Adds a column, or replaces the one of that name, as Spark's withColumn. */
    public DataFrame withColumn(String name, Column column)
    {
        Expression resolved = resolve(column.expression());
        rejectAggregates(resolved, "withColumn");
        List<Expression> expressions = new ArrayList<>();
        boolean replaced = false;
        for (Expression existing : allColumns()) {
            if (existing.defaultName().equalsIgnoreCase(name)) {
                expressions.add(new Alias(resolved, name));
                replaced = true;
            }
            else {
                expressions.add(existing);
            }
        }
        if (!replaced) {
            expressions.add(new Alias(resolved, name));
        }
        return new DataFrame(session, WindowAnalyzer.project(plan, expressions));
    }

    public GroupedData groupBy(String... columns)
    {
        return groupBy(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }

    public GroupedData groupBy(Column... columns)
    {
        List<Expression> keys = new ArrayList<>();
        for (Column column : columns) {
            Expression key = resolve(column.expression());
            rejectAggregates(key, "groupBy");
            keys.add(key);
        }
        return new GroupedData(this, keys);
    }

    /** Groups by every prefix of {@code columns} and by nothing, as Spark's {@code rollup}: subtotals and a grand total. */
    public GroupedData rollup(String... columns)
    {
        List<Expression> keys = groupBy(columns).keys();
        return new GroupedData(this, keys, Optional.of(GroupingSets.rollup(keys.size())));
    }

    /** Groups by every subset of {@code columns}, as Spark's {@code cube}. */
    public GroupedData cube(String... columns)
    {
        List<Expression> keys = groupBy(columns).keys();
        return new GroupedData(this, keys, Optional.of(GroupingSets.cube(keys.size())));
    }

    /** Aggregates over all rows, as {@code groupBy().agg(...)}. */
    public DataFrame agg(Column... aggregates)
    {
        return groupBy(new Column[0]).agg(aggregates);
    }

    public DataFrame orderBy(String... columns)
    {
        return orderBy(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
    }

    public DataFrame orderBy(Column... columns)
    {
        if (columns.length == 0) {
            return this;
        }
        List<SortOrder> orders = new ArrayList<>();
        for (Column column : columns) {
            SortOrder order = column.sortOrder();
            Expression key = resolve(order.expression());
            rejectAggregates(key, "orderBy");
            orders.add(order.withExpression(key));
        }
        return new DataFrame(session, new Sort(plan, orders));
    }

    public DataFrame sort(Column... columns)
    {
        return orderBy(columns);
    }

    public DataFrame sort(String... columns)
    {
        return orderBy(columns);
    }

    /** Renames a column; a no-op when no column has that name, as in Spark. */
    public DataFrame withColumnRenamed(String existing, String newName)
    {
        List<Expression> expressions = new ArrayList<>();
        boolean renamed = false;
        for (Expression column : allColumns()) {
            if (column.defaultName().equalsIgnoreCase(existing)) {
                expressions.add(new Alias(column, newName));
                renamed = true;
            }
            else {
                expressions.add(column);
            }
        }
        return renamed ? new DataFrame(session, new Project(plan, expressions)) : this;
    }

    /** Removes the named columns; names that match no column are ignored, as in Spark. */
    public DataFrame drop(String... columns)
    {
        List<Expression> kept = new ArrayList<>();
        for (Expression column : allColumns()) {
            if (Arrays.stream(columns).noneMatch(name -> name.equalsIgnoreCase(column.defaultName()))) {
                kept.add(column);
            }
        }
        return kept.size() == schema().size() ? this : new DataFrame(session, new Project(plan, kept));
    }

    /** The distinct rows: an aggregation keyed on every column, with no aggregate. */
    public DataFrame distinct()
    {
        return new DataFrame(session, new Aggregate(plan, allColumns(), List.of()));
    }

    public DataFrame dropDuplicates()
    {
        return distinct();
    }

    /**
     * One row for each distinct combination of {@code columns}: the other columns come from one of its rows
     * (which one is not defined, as in Spark). Columns keep their order.
     */
    public DataFrame dropDuplicates(String... columns)
    {
        if (columns.length == 0) {
            return distinct();
        }
        List<Expression> keys = new ArrayList<>();
        for (String name : columns) {
            ColumnRef key = ExpressionAnalyzer.resolveColumn(name, schema());
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        List<Expression> firsts = new ArrayList<>();
        List<Integer> outputIndex = new ArrayList<>();
        for (Expression column : allColumns()) {
            int keyIndex = keys.indexOf(column);
            if (keyIndex >= 0) {
                outputIndex.add(keyIndex);
            }
            else {
                outputIndex.add(keys.size() + firsts.size());
                firsts.add(new Alias(resolve(functions.first(new Column(column)).expression()), column.defaultName()));
            }
        }
        LogicalPlan aggregate = new Aggregate(plan, keys, firsts);
        Schema aggregated = aggregate.schema();
        List<Expression> reordered = new ArrayList<>();
        for (int index : outputIndex) {
            StructField field = aggregated.field(index);
            reordered.add(new ColumnRef(index, field.name(), field.type(), field.nullable()));
        }
        return new DataFrame(session, new Project(aggregate, reordered));
    }

    /**
     * The rows of this and {@code other}, duplicates kept (SQL's UNION ALL, as Spark's union), matched by
     * position; the column names are this DataFrame's. Numeric columns of different types widen; other type
     * mismatches fail naming the columns. Runs by shuffling each input round-robin into the shuffle partitions.
     */
    public DataFrame union(DataFrame other)
    {
        return new DataFrame(session, UnionAnalyzer.byPosition(plan, other.plan));
    }

    public DataFrame unionAll(DataFrame other)
    {
        return union(other);
    }

    /** The distinct rows found in both frames, matched by position (nulls match nulls), as Spark's {@code intersect}. */
    public DataFrame intersect(DataFrame other)
    {
        return new DataFrame(session, SetOperationAnalyzer.intersect(plan, other.plan, false));
    }

    /** The rows found in both frames, each as many times as the fewer of its copies on either side, as Spark's {@code intersectAll}. */
    public DataFrame intersectAll(DataFrame other)
    {
        return new DataFrame(session, SetOperationAnalyzer.intersect(plan, other.plan, true));
    }

    /** The distinct rows of this frame not found in {@code other}, matched by position, as Spark's {@code except}. */
    public DataFrame except(DataFrame other)
    {
        return new DataFrame(session, SetOperationAnalyzer.except(plan, other.plan, false));
    }

    /** This frame's rows less as many copies of each as {@code other} has, as Spark's {@code exceptAll}. */
    public DataFrame exceptAll(DataFrame other)
    {
        return new DataFrame(session, SetOperationAnalyzer.except(plan, other.plan, true));
    }

    /** As {@link #union}, but {@code other}'s columns are matched to this one's by name. */
    public DataFrame unionByName(DataFrame other)
    {
        return new DataFrame(session, UnionAnalyzer.byName(plan, other.plan));
    }

    /** Exactly {@code n} partitions, rows dealt round-robin (a shuffle). */
    public DataFrame repartition(int n)
    {
        return new DataFrame(session, new Repartition(plan, n, List.of()));
    }

    /** Exactly {@code n} partitions, rows with equal {@code columns} in the same one (a hash shuffle). */
    public DataFrame repartition(int n, Column... columns)
    {
        List<Expression> keys = new ArrayList<>();
        for (Column column : columns) {
            Expression key = resolve(column.expression());
            rejectAggregates(key, "repartition");
            keys.add(key);
        }
        return new DataFrame(session, new Repartition(plan, n, keys));
    }

    /**
     * {@code n} partitions. Unlike Spark, which merges partitions without a shuffle (and never adds any), this
     * is a round-robin exchange into {@code n} partitions: the same rows, evenly spread, at the cost of a shuffle.
     */
    public DataFrame coalesce(int n)
    {
        return repartition(n);
    }

    public DataFrame limit(int n)
    {
        return new DataFrame(session, new Limit(plan, n));
    }

    /** All rows but the first {@code n} (in this frame's order, if it has one), as Spark's {@code offset}. */
    public DataFrame offset(int n)
    {
        if (n < 0) {
            throw new AnalysisException("offset must not be negative, not " + n);
        }
        return new DataFrame(session, new Offset(plan, n));
    }

    /** An inner join on {@code condition}, as Spark's {@code join(right, joinExprs)}. */
    public DataFrame join(DataFrame right, Column condition)
    {
        return join(right, condition, "inner");
    }

    /**
     * A join on {@code condition} of type {@code joinType} as Spark spells it (inner, left, right, full,
     * left_semi, left_anti, cross, ...). The condition sees both sides' columns; a name both sides have
     * must be told apart.
     */
    public DataFrame join(DataFrame right, Column condition, String joinType)
    {
        JoinType type = JoinType.fromString(joinType);
        Schema left = plan.schema();
        Schema other = right.plan.schema();
        Schema both = Join.conditionSchema(left, other);
        List<String> qualifiers = new ArrayList<>(Qualifiers.of(plan));
        qualifiers.addAll(Qualifiers.of(right.plan));
        Expression bound = Qualifiers.bindQualified(condition.expression(), both, qualifiers);
        rejectAmbiguousNames(bound, left, other);
        Expression resolved = ExpressionAnalyzer.resolve(bound, both);
        rejectAggregates(resolved, "join");
        if (resolved.type().kind() != TypeKind.BOOLEAN) {
            throw new AnalysisException("join condition " + resolved.defaultName() + " is " + resolved.type().sqlName()
                    + ", not boolean; compare the sides' columns, e.g. col(\"a\").equalTo(col(\"b\"))");
        }
        return new DataFrame(session, new Join(plan, right.plan, type, Optional.of(resolved)));
    }

    /**
     * An inner equi-join on columns both sides name alike, as Spark's {@code join(right, usingColumns)}: each
     * such column appears once, first, followed by the left's other columns and then the right's.
     */
    public DataFrame join(DataFrame right, String... usingColumns)
    {
        if (usingColumns.length == 0) {
            throw new AnalysisException("join needs at least one using column; use crossJoin(other) for every pair of rows");
        }
        Schema left = plan.schema();
        Schema other = right.plan.schema();
        Schema both = Join.conditionSchema(left, other);
        int leftWidth = left.size();
        Expression condition = null;
        List<Integer> leftUsing = new ArrayList<>();
        List<Integer> rightUsing = new ArrayList<>();
        for (String name : usingColumns) {
            ColumnRef l = usingColumn(name, left, "left");
            ColumnRef r = usingColumn(name, other, "right");
            leftUsing.add(l.index());
            rightUsing.add(r.index());
            Expression equal = ExpressionAnalyzer.resolve(new Comparison(Comparison.Operator.EQUAL, l, r.withIndex(leftWidth + r.index())), both);
            condition = condition == null ? equal : Logical.and(condition, equal);
        }
        Join join = new Join(plan, right.plan, JoinType.INNER, Optional.of(condition));
        Schema joined = join.schema();
        List<Expression> output = new ArrayList<>();
        for (int index : leftUsing) {
            output.add(columnRef(joined, index));
        }
        for (int i = 0; i < leftWidth; i++) {
            if (!leftUsing.contains(i)) {
                output.add(columnRef(joined, i));
            }
        }
        for (int i = 0; i < other.size(); i++) {
            if (!rightUsing.contains(i)) {
                output.add(columnRef(joined, leftWidth + i));
            }
        }
        return new DataFrame(session, new Project(join, output));
    }

    /** Names this DataFrame's rows, so that its columns can be written {@code alias.column}, as Spark's alias. */
    public DataFrame alias(String alias)
    {
        if (alias.isEmpty() || alias.contains(".")) {
            throw new AnalysisException("alias '" + alias + "' must be a non-empty name without dots");
        }
        return new DataFrame(session, new SubqueryAlias(alias, plan));
    }

    public DataFrame as(String alias)
    {
        return alias(alias);
    }

    /**
     * A join hint to the planner, named as Spark's: {@code broadcast} sends this DataFrame whole to every task of a
     * join that reads it; {@code shuffle_hash} makes such a join shuffle both sides and build its hash table
     * from this one; {@code merge} (also {@code shufflemerge}, {@code mergejoin}) makes it a sort-merge join.
     */
    public DataFrame hint(String name)
    {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "broadcast" -> new DataFrame(session, JoinHint.broadcast(plan));
            case "shuffle_hash" -> new DataFrame(session, JoinHint.shuffleHash(plan));
            case "merge", "shufflemerge", "mergejoin" -> new DataFrame(session, JoinHint.merge(plan));
            default -> throw new AnalysisException("hint '" + name + "' is not known; use one of: broadcast, shuffle_hash, merge, shufflemerge, mergejoin");
        };
    }

    /** Every pair of rows of this DataFrame and {@code right}, as Spark's crossJoin. */
    public DataFrame crossJoin(DataFrame right)
    {
        return new DataFrame(session, new Join(plan, right.plan, JoinType.CROSS, Optional.empty()));
    }

    // ---- actions

    /** Writes the rows as files: {@code write().mode("overwrite").parquet(path)}. */
    public DataFrameWriter write()
    {
        return new DataFrameWriter(this);
    }

    public List<Row> collect()
    {
        Optional<List<Row>> local = localRows();
        if (local.isPresent()) {
            return local.get();
        }
        return execute("collect").rows();
    }

    public long count()
    {
        Optional<List<Row>> local = localRows();
        if (local.isPresent()) {
            return local.get().size();
        }
        List<Row> rows = new DataFrame(session, plan).agg(functions.count("*")).execute("count").rows();
        return rows.get(0).getLong(0);
    }

    public List<Row> take(int n)
    {
        return limit(n).collect();
    }

    public void show()
    {
        show(20);
    }

    /** Prints the first {@code n} rows as a table, strings cut at 20 characters, as Spark's show(). */
    public void show(int n)
    {
        List<Row> rows = limit(n + 1).collect();
        System.out.print(RowFormatter.table(schema(), rows.subList(0, Math.min(n, rows.size())), true));
        if (rows.size() > n) {
            System.out.printf(Locale.ROOT, "only showing top %d row%s%n", n, n == 1 ? "" : "s");
        }
    }

    public void explain()
    {
        explain("simple");
    }

    /**
     * Prints the plan: {@code simple} (physical), {@code extended} (analyzed, optimized, physical, stages),
     * {@code formatted} (numbered operators, then each one's details and stage), or {@code cost} (the optimized
     * logical plan with each operator's estimated size and rows, then the physical plan).
     */
    public void explain(String mode)
    {
        System.out.print(explainString(mode));
    }

    public String explainString(String mode)
    {
        LogicalPlan optimized = optimizedPlan();
        PhysicalPlan physical = physicalPlan(optimized);
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "simple" -> "== Physical Plan ==\n" + physical.treeString();
            case "extended" -> "== Analyzed Logical Plan ==\n" + plan.treeString()
                    + "\n== Optimized Logical Plan ==\n" + optimized.treeString()
                    + "\n== Physical Plan ==\n" + physical.treeString()
                    + "\n== Stages ==\n" + StagePlanner.plan(physical).describe();
            case "formatted" -> FormattedExplain.of(StagePlanner.plan(physical));
            case "cost" -> "== Optimized Logical Plan ==\n" + CostExplain.treeString(optimized)
                    + "\n== Physical Plan ==\n" + physical.treeString();
            default -> throw new IllegalArgumentException("explain mode '" + mode + "' is not known; use simple, extended, formatted or cost");
        };
    }

    /** The physical plan this DataFrame would run. */
    public PhysicalPlan physicalPlan()
    {
        return physicalPlan(optimizedPlan());
    }

    /** The optimized plan, reading cached DataFrames where this one is built on them. */
    private LogicalPlan optimizedPlan()
    {
        return Optimizer.optimize(session.cacheManager().substitute(plan), session.conf().get(SqlConfig.JOIN_REORDER_ENABLED),
                session.conf().get(SqlConfig.AUTO_BROADCAST_JOIN_THRESHOLD));
    }

    /**
     * Keeps this DataFrame's rows on the executors once an action computes them, in memory and spilling to
     * disk ({@link StorageLevel#MEMORY_AND_DISK}), so later queries built on it read them instead of
     * recomputing. Lazy, as in Spark: nothing runs until an action.
     */
    public DataFrame cache()
    {
        return persist(StorageLevel.MEMORY_AND_DISK);
    }

    public DataFrame persist()
    {
        return persist(StorageLevel.MEMORY_AND_DISK);
    }

    public DataFrame persist(StorageLevel level)
    {
        session.cacheManager().persist(plan, requireNonNull(level, "level is null"), session.conf().get(SqlConfig.JOIN_REORDER_ENABLED),
                session.conf().get(SqlConfig.AUTO_BROADCAST_JOIN_THRESHOLD));
        return this;
    }

    /** Stops caching this DataFrame and drops its blocks from the executors. */
    public DataFrame unpersist()
    {
        session.cacheManager().remove(plan).ifPresent(session::uncache);
        return this;
    }

    /** The level this DataFrame is cached at, or empty when it is not cached. */
    public Optional<StorageLevel> storageLevel()
    {
        return session.cacheManager().level(plan);
    }

    public StageGraph stageGraph()
    {
        return StagePlanner.plan(physicalPlan());
    }

    private PhysicalPlan physicalPlan(LogicalPlan optimized)
    {
        return new PhysicalPlanner(session.conf().get(SqlConfig.SHUFFLE_PARTITIONS), session.conf().get(SqlConfig.AUTO_BROADCAST_JOIN_THRESHOLD),
                session.conf().get(SqlConfig.PREFER_SORT_MERGE_JOIN))
                .withCachedBlocks(session.cacheManager())
                .withPageIndexFilter(session.conf().get(SqlConfig.PARQUET_PAGE_INDEX_FILTER_ENABLED))
                .plan(optimized);
    }

    private QueryResult execute(String action)
    {
        return session.run(this::stageGraph, action);
    }

    /**
     * Names this DataFrame for SQL text of its session ({@code session.sql("SELECT ... FROM name")}), replacing
     * a view of that name, as Spark's createOrReplaceTempView.
     */
    public void createOrReplaceTempView(String name)
    {
        session.views().create(name, plan, true);
    }

    /** As {@link #createOrReplaceTempView}, but fails when a view of that name exists. */
    public void createTempView(String name)
    {
        session.views().create(name, plan, false);
    }

    // ---- helpers

    /** The rows of a SQL command's output (or of a limit over it), which the driver holds: no job runs for them. */
    private Optional<List<Row>> localRows()
    {
        LogicalPlan node = plan;
        long limit = Integer.MAX_VALUE;
        if (node instanceof Limit limitNode && limitNode.child() instanceof LocalRelation) {
            limit = limitNode.count();
            node = limitNode.child();
        }
        if (!(node instanceof LocalRelation local)) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        for (List<Object> values : local.rows().subList(0, (int) Math.min(limit, local.rows().size()))) {
            rows.add(new Row(values.toArray()));
        }
        return Optional.of(rows);
    }

    SpindleSession session()
    {
        return session;
    }

    Expression resolve(Expression expression)
    {
        return ExpressionAnalyzer.resolve(Qualifiers.bindQualified(expression, plan.schema(), Qualifiers.of(plan)), plan.schema());
    }

    private List<Expression> allColumns()
    {
        List<Expression> columns = new ArrayList<>();
        Schema schema = plan.schema();
        for (int i = 0; i < schema.size(); i++) {
            StructField field = schema.field(i);
            columns.add(new ColumnRef(i, field.name(), field.type(), field.nullable()));
        }
        return columns;
    }

    private static ColumnRef usingColumn(String name, Schema side, String which)
    {
        try {
            return ExpressionAnalyzer.resolveColumn(name, side);
        }
        catch (AnalysisException e) {
            throw new AnalysisException("using column '" + name + "' of the join's " + which + " side: " + e.getMessage(), e);
        }
    }

    private static ColumnRef columnRef(Schema schema, int index)
    {
        StructField field = schema.field(index);
        return new ColumnRef(index, field.name(), field.type(), field.nullable());
    }

    /** A name that both sides of a join have cannot say which side it means. */
    private static void rejectAmbiguousNames(Expression condition, Schema left, Schema right)
    {
        condition.anyMatch(e -> {
            if (e instanceof UnresolvedColumn column && !left.indexesOf(column.name()).isEmpty() && !right.indexesOf(column.name()).isEmpty()) {
                throw new AnalysisException("column reference '" + column.name() + "' in the join condition is ambiguous: both sides have it;"
                        + " qualify it with the side's alias, as df.alias(\"a\") and col(\"a." + column.name() + "\"), or join on it with join(other, \""
                        + column.name() + "\")");
            }
            return false;
        });
    }

    private static void rejectAggregates(Expression expression, String where)
    {
        // only select and withColumn compute window functions (into Window nodes); elsewhere they have no rows to range over
        boolean computesWindows = where.equals("select") || where.equals("withColumn");
        if (!computesWindows) {
            WindowAnalyzer.rejectWindows(expression, where);
        }
        if (WindowAnalyzer.hasAggregateOutsideWindows(expression)) {
            throw new AnalysisException("aggregate " + expression.defaultName() + " is not allowed in " + where
                    + "; use groupBy(...).agg(...) or agg(...)");
        }
    }
}
