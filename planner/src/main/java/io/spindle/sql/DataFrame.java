package io.spindle.sql;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.stages.StageGraph;
import io.spindle.planner.stages.StagePlanner;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.execution.QueryResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        return new DataFrame(session, new Project(plan, expressions));
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
        return new DataFrame(session, new Project(plan, expressions));
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

    public DataFrame limit(int n)
    {
        return new DataFrame(session, new Limit(plan, n));
    }

    // ---- actions

    public List<Row> collect()
    {
        return execute("collect").rows();
    }

    public long count()
    {
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

    /** Prints the plan: {@code simple} (physical), or {@code extended} (analyzed, optimized, physical, stages). */
    public void explain(String mode)
    {
        System.out.print(explainString(mode));
    }

    public String explainString(String mode)
    {
        LogicalPlan optimized = Optimizer.optimize(plan);
        PhysicalPlan physical = physicalPlan(optimized);
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "simple" -> "== Physical Plan ==\n" + physical.treeString();
            case "extended" -> "== Analyzed Logical Plan ==\n" + plan.treeString()
                    + "\n== Optimized Logical Plan ==\n" + optimized.treeString()
                    + "\n== Physical Plan ==\n" + physical.treeString()
                    + "\n== Stages ==\n" + StagePlanner.plan(physical).describe();
            default -> throw new IllegalArgumentException("explain mode '" + mode + "' is not known; use simple or extended");
        };
    }

    /** The physical plan this DataFrame would run. */
    public PhysicalPlan physicalPlan()
    {
        return physicalPlan(Optimizer.optimize(plan));
    }

    public StageGraph stageGraph()
    {
        return StagePlanner.plan(physicalPlan());
    }

    private PhysicalPlan physicalPlan(LogicalPlan optimized)
    {
        return new PhysicalPlanner(session.conf().get(SqlConfig.SHUFFLE_PARTITIONS)).plan(optimized);
    }

    private QueryResult execute(String action)
    {
        return session.run(stageGraph(), action);
    }

    // ---- helpers

    SpindleSession session()
    {
        return session;
    }

    Expression resolve(Expression expression)
    {
        return ExpressionAnalyzer.resolve(expression, plan.schema());
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

    private static void rejectAggregates(Expression expression, String where)
    {
        if (expression.anyMatch(e -> e instanceof io.spindle.planner.expressions.AggregateCall)) {
            throw new AnalysisException("aggregate " + expression.defaultName() + " is not allowed in " + where
                    + "; use groupBy(...).agg(...) or agg(...)");
        }
    }
}
