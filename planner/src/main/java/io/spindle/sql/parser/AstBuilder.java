package io.spindle.sql.parser;

import io.spindle.planner.analyzer.ExpressionAnalyzer;
import io.spindle.planner.analyzer.NameSuggester;
import io.spindle.planner.analyzer.Qualifiers;
import io.spindle.planner.analyzer.GroupingSets;
import io.spindle.planner.analyzer.SetOperationAnalyzer;
import io.spindle.planner.analyzer.UnionAnalyzer;
import io.spindle.planner.analyzer.WindowAnalyzer;
import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Arithmetic;
import io.spindle.planner.expressions.CaseWhen;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.expressions.ScalarFunction;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.UnresolvedColumn;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.EnforceSingleRow;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Offset;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;
import io.spindle.planner.logical.Union;
import io.spindle.planner.optimizer.Optimizer;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;
import io.spindle.sql.Column;
import io.spindle.sql.expressions.Window;
import io.spindle.sql.expressions.WindowSpec;
import io.spindle.sql.parser.SpindleSqlParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Turns a parse tree into an analyzed logical plan: the same nodes the DataFrame API builds, resolved with the
 * same analyzer. Names bind innermost scope first; a subquery that names a column of the query around it is
 * correlated, and is rewritten into a join: EXISTS and IN into a semi join, NOT EXISTS and NOT IN into an anti
 * join, a scalar subquery into a left join with its aggregate grouped on the correlation keys. Not thread-safe:
 * one builder per statement.
 */
public final class AstBuilder
{
    private static final String SCALAR_PREFIX = "__scalar_subquery_";
    private static final String SORT_PREFIX = "__sort_key_";

    /** What an expression on its own sees: no tables, since it cannot hold a subquery. */
    private static final SqlCatalog NO_TABLES = new SqlCatalog()
    {
        @Override
        public Optional<LogicalPlan> view(String name)
        {
            return Optional.empty();
        }

        @Override
        public List<String> viewNames()
        {
            return List.of();
        }

        @Override
        public LogicalPlan openFiles(String format, Map<String, String> options)
        {
            throw new AnalysisException("an expression cannot read files");
        }
    };

    /** The scalar functions SQL calls by their own name, which is Spark's. */
    private static final Map<String, ScalarFunction.Name> ADDED_FUNCTIONS = addedFunctions();

    /** Every function SQL knows, for the message that a name is not one of them. */
    private static final List<String> KNOWN_FUNCTIONS = knownFunctions();

    private final SqlCatalog catalog;
    private final Deque<Map<String, LogicalPlan>> ctes = new ArrayDeque<>();
    private int generatedNames;
    // where each column name is first written, for the message when it is not found
    private final Map<String, Token> columnPositions = new HashMap<>();
    // per query specification: scalar subqueries met while building expressions
    private List<PendingSubquery> pendingSubqueries = new ArrayList<>();
    private LocalDate today;

    public AstBuilder(SqlCatalog catalog)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** Parses and analyzes one statement. */
    public static SqlStatement build(String sql, SqlCatalog catalog)
    {
        AstBuilder builder = new AstBuilder(catalog);
        try {
            return builder.statement(SqlParser.parse(sql).statement());
        }
        catch (ColumnNotFoundException e) {
            Token where = builder.columnPositions.get(e.column().toLowerCase(Locale.ROOT));
            if (where == null) {
                throw e;
            }
            throw new AnalysisException("line " + where.getLine() + ":" + where.getCharPositionInLine() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An expression written as SQL text, unresolved, as {@code functions.expr} takes it: columns by name, any
     * function, aggregate or window; not a subquery.
     */
    public static Expression buildExpression(String text)
    {
        AstBuilder builder = new AstBuilder(NO_TABLES);
        SingleExpressionContext ctx = SqlParser.parseExpression(text);
        Expression expression = builder.expression(ctx.expression());
        if (!builder.pendingSubqueries.isEmpty()) {
            throw new AnalysisException("a subquery cannot stand in expr(\"" + text + "\"); use session.sql for queries with subqueries");
        }
        return ctx.alias == null ? expression : new Alias(expression, builder.name(ctx.alias));
    }

    public SqlStatement statement(StatementContext ctx)
    {
        if (ctx instanceof QueryStatementContext query) {
            return new SqlStatement.Query(query(query.query()));
        }
        if (ctx instanceof CreateViewUsingContext create) {
            String format = name(create.format).toLowerCase(Locale.ROOT);
            if (!List.of("parquet", "orc", "csv", "json").contains(format)) {
                throw error(create.format, "data source '" + format + "' is not known; use parquet, orc, csv or json");
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (create.optionList() != null) {
                for (OptionContext option : create.optionList().option()) {
                    options.put(name(option.key), stringValue(option.value));
                }
            }
            if (!options.containsKey("path")) {
                throw error(create, "CREATE TEMPORARY VIEW " + name(create.viewName) + " USING " + format + " needs OPTIONS (path '...')");
            }
            return new SqlStatement.CreateTempView(name(create.viewName), create.REPLACE() != null, catalog.openFiles(format, options));
        }
        if (ctx instanceof CreateViewAsContext create) {
            LogicalPlan plan = withColumnAliases(query(create.query()), create.columnAliases(), name(create.viewName));
            return new SqlStatement.CreateTempView(name(create.viewName), create.REPLACE() != null, plan);
        }
        if (ctx instanceof ExplainContext explain) {
            String mode = explain.explainMode == null ? "simple" : explain.explainMode.getText().toLowerCase(Locale.ROOT);
            return new SqlStatement.Explain(mode, query(explain.query()));
        }
        if (ctx instanceof ShowTablesContext) {
            return new SqlStatement.ShowTables();
        }
        if (ctx instanceof DescribeContext describe) {
            String table = multipartName(describe.tableName);
            return new SqlStatement.Describe(table, table(table, describe.tableName), describe.EXTENDED() != null);
        }
        if (ctx instanceof CreateTableContext create) {
            String format = name(create.format).toLowerCase(Locale.ROOT);
            if (!format.equals("parquet")) {
                throw error(create.format, "CREATE TABLE ... USING " + format + " is not supported; tables are parquet");
            }
            if (create.location == null) {
                throw error(create, "CREATE TABLE " + name(create.tableName) + " needs LOCATION '<path>': Spindle has no warehouse directory");
            }
            Optional<LogicalPlan> query = create.query() == null ? Optional.empty() : Optional.of(query(create.query()));
            return new SqlStatement.CreateTable(name(create.tableName), stringValue(create.location), query);
        }
        if (ctx instanceof InsertContext insert) {
            return new SqlStatement.Insert(multipartName(insert.tableName), insert.OVERWRITE() != null, query(insert.query()));
        }
        if (ctx instanceof AnalyzeContext analyze) {
            List<String> columns = analyze.identifier().stream().map(this::name).toList();
            return new SqlStatement.Analyze(multipartName(analyze.tableName), columns, analyze.ALL() != null);
        }
        throw error(ctx, "statement not supported: " + ctx.getText());
    }

    // ---- queries

    LogicalPlan query(QueryContext ctx)
    {
        boolean scoped = ctx.withClause() != null;
        if (scoped) {
            Map<String, LogicalPlan> named = new LinkedHashMap<>();
            ctes.push(named);
            for (NamedQueryContext cte : ctx.withClause().namedQuery()) {
                String name = name(cte.name);
                named.put(name.toLowerCase(Locale.ROOT), withColumnAliases(query(cte.query()), cte.columnAliases(), name));
            }
        }
        try {
            List<SortItemContext> order = ctx.orderByClause() == null ? List.of() : ctx.orderByClause().sortItem();
            Optional<Integer> limit = limit(ctx.limitClause());
            int offset = offset(ctx.offsetClause());
            if (offset > 0 && limit.isPresent()) {
                // the first limit + offset rows, of which the first offset are then skipped
                if ((long) limit.get() + offset > Integer.MAX_VALUE) {
                    throw error(ctx.offsetClause(), "LIMIT plus OFFSET is at most " + Integer.MAX_VALUE);
                }
                limit = Optional.of(limit.get() + offset);
            }
            LogicalPlan plan;
            if (ctx.queryTerm() instanceof PrimaryTermContext primary && primary.queryPrimary() instanceof SelectPrimaryContext select) {
                plan = querySpecification(select.querySpecification(), order, limit);
            }
            else {
                plan = queryTerm(ctx.queryTerm());
                if (!order.isEmpty()) {
                    plan = sortByOutput(plan, order);
                }
                plan = limit.isPresent() ? new Limit(plan, limit.get()) : plan;
            }
            return offset > 0 ? new Offset(plan, offset) : plan;
        }
        finally {
            if (scoped) {
                ctes.pop();
            }
        }
    }

    private int offset(OffsetClauseContext ctx)
    {
        if (ctx == null) {
            return 0;
        }
        try {
            return Integer.parseInt(ctx.offset.getText());
        }
        catch (NumberFormatException e) {
            throw error(ctx.offset, "OFFSET " + ctx.offset.getText() + " is too large; it is at most " + Integer.MAX_VALUE);
        }
    }

    private Optional<Integer> limit(LimitClauseContext ctx)
    {
        if (ctx == null || ctx.count == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(ctx.count.getText()));
        }
        catch (NumberFormatException e) {
            throw error(ctx.count, "LIMIT " + ctx.count.getText() + " is too large; the limit is at most " + Integer.MAX_VALUE);
        }
    }

    private LogicalPlan queryTerm(QueryTermContext ctx)
    {
        if (ctx instanceof PrimaryTermContext primary) {
            if (primary.queryPrimary() instanceof SelectPrimaryContext select) {
                return querySpecification(select.querySpecification(), List.of(), Optional.empty());
            }
            if (primary.queryPrimary() instanceof ValuesPrimaryContext values) {
                return inlineTable(values.inlineTable());
            }
            return query(((NestedQueryContext) primary.queryPrimary()).query());
        }
        SetOperationContext set = (SetOperationContext) ctx;
        LogicalPlan left = queryTerm(set.left);
        LogicalPlan right = queryTerm(set.right);
        boolean all = set.setQuantifier() != null && set.setQuantifier().ALL() != null;
        String operator = set.operator.getText().toUpperCase(Locale.ROOT);
        if (left.schema().size() != right.schema().size()) {
            throw error(set, operator + " needs the same number of columns on both sides, not " + left.schema().size() + " and " + right.schema().size());
        }
        if (operator.equals("UNION")) {
            LogicalPlan union = UnionAnalyzer.byPosition(left, right);
            return all ? union : distinct(union);
        }
        return operator.equals("INTERSECT") ? SetOperationAnalyzer.intersect(left, right, all) : SetOperationAnalyzer.except(left, right, all);
    }

    private LogicalPlan sortByOutput(LogicalPlan plan, List<SortItemContext> items)
    {
        List<SortOrder> orders = new ArrayList<>();
        for (SortItemContext item : items) {
            Expression key = expression(item.expression());
            Expression resolved;
            if (ordinal(key).isPresent()) {
                resolved = ref(plan.schema(), outputIndex(ordinal(key).get(), plan.schema().size(), item));
            }
            else {
                resolved = resolve(key, plan);
            }
            orders.add(sortOrder(item, resolved));
        }
        return new Sort(plan, orders);
    }

    private LogicalPlan querySpecification(QuerySpecificationContext spec, List<SortItemContext> order, Optional<Integer> limit)
    {
        List<PendingSubquery> outerPending = pendingSubqueries;
        pendingSubqueries = new ArrayList<>();
        try {
            return buildSpecification(spec, order, limit);
        }
        finally {
            pendingSubqueries = outerPending;
        }
    }

    private LogicalPlan buildSpecification(QuerySpecificationContext spec, List<SortItemContext> order, Optional<Integer> limit)
    {
        // SELECT without FROM reads one row without columns, as Spark's OneRowRelation
        LogicalPlan plan = spec.FROM() == null ? LocalRelation.oneRow() : from(spec.relation());
        if (spec.where != null) {
            plan = where(plan, spec.where);
        }
        List<Expression> items = new ArrayList<>();
        for (SelectItemContext item : spec.selectItem()) {
            if (item instanceof SelectAllContext all) {
                items.addAll(star(plan, all));
            }
            else {
                SelectExpressionContext select = (SelectExpressionContext) item;
                Expression e = expression(select.expression());
                items.add(select.alias != null ? new Alias(e, name(select.alias)) : e);
            }
        }
        List<Expression> groupKeys = new ArrayList<>();
        Optional<List<List<Integer>>> groupingSets = Optional.empty();
        if (spec.groupBy() != null) {
            GroupByContext groupBy = spec.groupBy();
            if (groupBy.kind != null && groupBy.kind.getType() == SpindleSqlParser.GROUPING) {
                List<List<Integer>> sets = new ArrayList<>();
                for (GroupingSetContext set : groupBy.groupingSet()) {
                    List<Integer> members = new ArrayList<>();
                    for (ExpressionContext key : set.setKeys) {
                        members.add(keyIndex(groupKeys, groupKey(expression(key), items, plan, key)));
                    }
                    sets.add(members);
                }
                groupingSets = Optional.of(sets);
            }
            else {
                for (ExpressionContext key : groupBy.groupKeys) {
                    keyIndex(groupKeys, groupKey(expression(key), items, plan, key));
                }
                if (groupBy.kind != null) {
                    groupingSets = Optional.of(groupBy.kind.getType() == SpindleSqlParser.ROLLUP
                            ? GroupingSets.rollup(groupKeys.size()) : GroupingSets.cube(groupKeys.size()));
                }
            }
        }
        Expression having = spec.having == null ? null : booleanExpression(spec.having);
        List<Expression> orderKeys = order.stream().map(item -> expression(item.expression())).toList();
        boolean distinct = spec.setQuantifier() != null && spec.setQuantifier().DISTINCT() != null;

        boolean aggregated = !groupKeys.isEmpty() || having != null
                || items.stream().anyMatch(AstBuilder::hasAggregate) || orderKeys.stream().anyMatch(AstBuilder::hasAggregate);
        if (!aggregated) {
            plan = attachScalarSubqueries(plan);
            LogicalPlan input = plan;
            List<Expression> outputs = items.stream().map(e -> resolve(e, input)).toList();
            return finish(input, outputs, order, orderKeys, limit, distinct, key -> resolve(key, input));
        }
        AggregateBuilder aggregate = new AggregateBuilder(plan, groupKeys, spec);
        aggregate.groupingSets = groupingSets;
        for (Expression e : items) {
            aggregate.collect(e);
        }
        if (having != null) {
            aggregate.collect(having);
        }
        for (Expression e : orderKeys) {
            if (hasAggregate(e)) {
                aggregate.collect(e);
            }
        }
        LogicalPlan grouped = attachScalarSubqueries(aggregate.build());
        if (having != null) {
            Expression condition = resolve(aggregate.rewrite(having), grouped);
            grouped = new Filter(grouped, condition);
        }
        LogicalPlan post = grouped;
        List<Expression> outputs = items.stream().map(e -> resolve(aggregate.rewrite(e), post)).toList();
        return finish(post, outputs, order, orderKeys, limit, distinct, key -> resolve(aggregate.rewrite(key), post));
    }

    /** The position of {@code key} among {@code keys}, added at the end if it is new. */
    private static int keyIndex(List<Expression> keys, Expression key)
    {
        int index = keys.indexOf(key);
        if (index >= 0) {
            return index;
        }
        keys.add(key);
        return keys.size() - 1;
    }

    /**
     * Projects the select list, then sorts and limits. A sort key that is not an output column (by ordinal, name
     * or equal expression) is projected as a hidden column, sorted on, and dropped after the limit.
     */
    private LogicalPlan finish(LogicalPlan input, List<Expression> outputs, List<SortItemContext> order, List<Expression> orderKeys,
            Optional<Integer> limit, boolean distinct, Function<Expression, Expression> resolveKey)
    {
        List<Expression> projected = new ArrayList<>(outputs);
        List<Integer> sortIndexes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Expression key = orderKeys.get(i);
            Optional<Integer> ordinal = ordinal(key);
            if (ordinal.isPresent()) {
                sortIndexes.add(outputIndex(ordinal.get(), outputs.size(), order.get(i)));
                continue;
            }
            int byName = key instanceof UnresolvedColumn column && !column.name().contains(".") ? outputNamed(column.name(), outputs) : -1;
            if (byName >= 0) {
                sortIndexes.add(byName);
                continue;
            }
            Expression resolved = resolveKey.apply(key);
            int same = -1;
            for (int j = 0; j < outputs.size(); j++) {
                if (unalias(outputs.get(j)).equals(resolved)) {
                    same = j;
                    break;
                }
            }
            if (same < 0) {
                if (distinct) {
                    throw error(order.get(i), "ORDER BY " + resolved.defaultName() + " of a SELECT DISTINCT must be one of the selected columns");
                }
                projected.add(new Alias(resolved, SORT_PREFIX + i));
                same = projected.size() - 1;
            }
            sortIndexes.add(same);
        }
        LogicalPlan plan = isIdentity(projected, input) ? input : WindowAnalyzer.project(input, projected);
        if (distinct) {
            plan = distinct(plan);
        }
        if (!order.isEmpty()) {
            List<SortOrder> orders = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                orders.add(sortOrder(order.get(i), ref(plan.schema(), sortIndexes.get(i))));
            }
            plan = new Sort(plan, orders);
        }
        if (limit.isPresent()) {
            plan = new Limit(plan, limit.get());
        }
        if (projected.size() > outputs.size()) {
            List<Expression> visible = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                visible.add(ref(plan.schema(), i));
            }
            plan = new Project(plan, visible);
        }
        return plan;
    }

    private static boolean isIdentity(List<Expression> expressions, LogicalPlan input)
    {
        Schema schema = input.schema();
        if (expressions.size() != schema.size()) {
            return false;
        }
        for (int i = 0; i < expressions.size(); i++) {
            if (!(expressions.get(i) instanceof ColumnRef ref) || ref.index() != i || !ref.name().equals(schema.field(i).name())) {
                return false;
            }
        }
        return true;
    }

    private static int outputNamed(String name, List<Expression> outputs)
    {
        int found = -1;
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).defaultName().equalsIgnoreCase(name)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private Expression groupKey(Expression key, List<Expression> items, LogicalPlan plan, ParserRuleContext where)
    {
        Optional<Integer> ordinal = ordinal(key);
        if (ordinal.isPresent()) {
            return unalias(items.get(outputIndex(ordinal.get(), items.size(), where)));
        }
        if (key instanceof UnresolvedColumn column && lookup(column.name(), frame(plan)).isEmpty()) {
            // as Spark: a GROUP BY name that is no input column may name a select-list alias
            for (Expression item : items) {
                if (item instanceof Alias alias && alias.name().equalsIgnoreCase(column.name())) {
                    return alias.child();
                }
            }
        }
        return key;
    }

    private int outputIndex(int ordinal, int size, ParserRuleContext where)
    {
        if (ordinal < 1 || ordinal > size) {
            throw error(where, "position " + ordinal + " is not in the select list, which has " + size + " columns");
        }
        return ordinal - 1;
    }

    private static Optional<Integer> ordinal(Expression key)
    {
        if (key instanceof Literal literal && literal.value() instanceof Integer position) {
            return Optional.of(position);
        }
        return Optional.empty();
    }

    private SortOrder sortOrder(SortItemContext item, Expression key)
    {
        boolean ascending = item.direction == null || item.direction.getType() == SpindleSqlParser.ASC;
        boolean nullsFirst = item.nullOrder == null ? ascending : item.nullOrder.getType() == SpindleSqlParser.FIRST;
        return new SortOrder(key, ascending, nullsFirst);
    }

    private List<Expression> star(LogicalPlan plan, SelectAllContext all)
    {
        Schema schema = plan.schema();
        List<String> qualifiers = Qualifiers.of(plan);
        List<Expression> columns = new ArrayList<>();
        String qualifier = all.qualifier == null ? null : name(all.qualifier);
        for (int i = 0; i < schema.size(); i++) {
            if (schema.field(i).name().startsWith(SCALAR_PREFIX)) {
                continue;
            }
            if (qualifier == null || qualifier.equalsIgnoreCase(qualifiers.get(i))) {
                columns.add(ref(schema, i));
            }
        }
        if (columns.isEmpty()) {
            throw error(all, "'" + qualifier + ".*' matches no table of the FROM clause; tables are "
                    + qualifiers.stream().filter(Objects::nonNull).distinct().toList());
        }
        return columns;
    }

    // ---- aggregation

    /**
     * Collects the aggregate calls of a grouped query, builds the aggregation, and rewrites the select list,
     * HAVING and ORDER BY over its output: a group key or an aggregate call becomes a reference to its column.
     */
    private final class AggregateBuilder
    {
        private final LogicalPlan input;
        private final List<Expression> keys = new ArrayList<>();
        private final List<Expression> calls = new ArrayList<>();
        private final ParserRuleContext where;
        private LogicalPlan output;
        // GROUP BY ROLLUP, CUBE or GROUPING SETS: the keys (by position in keys) of each set
        private Optional<List<List<Integer>>> groupingSets = Optional.empty();

        AggregateBuilder(LogicalPlan input, List<Expression> groupKeys, ParserRuleContext where)
        {
            this.input = input;
            this.where = where;
            for (Expression key : groupKeys) {
                Expression resolved = resolve(key, input);
                if (hasAggregate(resolved)) {
                    throw error(where, "GROUP BY " + resolved.defaultName() + " contains an aggregate function");
                }
                keys.add(resolved);
            }
        }

        void collect(Expression expression)
        {
            if (expression instanceof AggregateCall call) {
                if (call.argument().isPresent() && hasAggregate(call.argument().get())) {
                    throw error(where, "aggregate functions cannot be nested: " + call.defaultName());
                }
                Expression resolved = resolve(call, input);
                if (!calls.contains(resolved)) {
                    calls.add(resolved);
                }
                return;
            }
            if (expression instanceof WindowExpression window) {
                // a window over the groups: what it computes over and orders by may be aggregates of the groups
                window.function().children().forEach(this::collect);
                window.partitionKeys().forEach(this::collect);
                window.orderKeys().forEach(order -> collect(order.expression()));
                return;
            }
            expression.children().forEach(this::collect);
        }

        LogicalPlan build()
        {
            if (groupingSets.isEmpty()) {
                output = new Aggregate(input, keys, calls);
                return output;
            }
            Expand expand = GroupingSets.expand(input, keys, groupingSets.get());
            output = new Aggregate(expand, GroupingSets.aggregationKeys(expand, input, keys.size()), calls);
            return output;
        }

        /** The columns before the aggregates' in the output: the keys, and the grouping id with grouping sets. */
        private int keyColumns()
        {
            return keys.size() + (groupingSets.isPresent() ? 1 : 0);
        }

        /** grouping(...) or grouping_id(...) as a CASE over the grouping id of each set. */
        private Expression grouping(GroupingCall call)
        {
            if (groupingSets.isEmpty()) {
                throw error(where, call.defaultName() + " needs GROUP BY ROLLUP, CUBE or GROUPING SETS");
            }
            List<Integer> asked = new ArrayList<>();
            for (Expression column : call.columns()) {
                int index = keys.indexOf(resolve(column, input));
                if (index < 0) {
                    throw error(where, call.defaultName() + ": " + column.defaultName() + " is not a grouping column");
                }
                asked.add(index);
            }
            if (call.columns().isEmpty()) {
                if (!call.id()) {
                    throw error(where, "grouping() needs a column");
                }
                for (int k = 0; k < keys.size(); k++) {
                    asked.add(k);
                }
            }
            if (!call.id() && asked.size() != 1) {
                throw error(where, "grouping takes one column; use grouping_id for several");
            }
            ColumnRef id = ref(output.schema(), keys.size());
            List<Expression> conditions = new ArrayList<>();
            List<Expression> values = new ArrayList<>();
            for (List<Integer> set : groupingSets.get()) {
                long value = GroupingSets.groupingId(set, asked);
                conditions.add(new Comparison(Comparison.Operator.EQUAL, id, new Literal(GroupingSets.groupingId(set, keys.size()), DataType.LONG)));
                values.add(call.id() ? new Literal(value, DataType.LONG) : new Literal((int) value, DataType.INT));
            }
            return new Alias(new CaseWhen(conditions, values, Optional.empty()), call.defaultName());
        }

        Expression rewrite(Expression expression)
        {
            if (expression instanceof Alias alias) {
                Expression child = rewrite(alias.child());
                return new Alias(child instanceof Alias named ? named.child() : child, alias.name());
            }
            if (expression instanceof AggregateCall call) {
                int index = calls.indexOf(resolve(call, input));
                return ref(output.schema(), keyColumns() + index);
            }
            if (expression instanceof GroupingCall call) {
                return grouping(call);
            }
            if (expression instanceof WindowExpression window) {
                // the window's own function stays: its arguments, partition and order keys read the groups
                Expression function = window.function();
                List<Expression> children = new ArrayList<>();
                children.add(function.withChildren(function.children().stream().map(this::rewrite).toList()));
                window.partitionKeys().forEach(key -> children.add(rewrite(key)));
                window.orderKeys().forEach(order -> children.add(rewrite(order.expression())));
                return window.withChildren(children);
            }
            if (isScalarPlaceholder(expression)) {
                return expression;
            }
            if (!hasAggregate(expression) && !(expression instanceof Literal)) {
                Optional<Expression> resolved = tryResolve(expression, input);
                if (resolved.isPresent()) {
                    int index = keys.indexOf(resolved.get());
                    if (index >= 0) {
                        return ref(output.schema(), index);
                    }
                    if (!resolved.get().anyMatch(e -> e instanceof ColumnRef)) {
                        return expression;
                    }
                }
            }
            if (expression instanceof UnresolvedColumn || expression instanceof ColumnRef) {
                throw error(where, "column '" + expression.defaultName() + "' is neither in GROUP BY nor inside an aggregate function;"
                        + " add it to GROUP BY or wrap it in an aggregate such as first(" + expression.defaultName() + ")");
            }
            return expression.withChildren(expression.children().stream().map(this::rewrite).toList());
        }
    }

    private static boolean hasAggregate(Expression expression)
    {
        return expression.anyMatch(e -> e instanceof AggregateCall) && WindowAnalyzer.hasAggregateOutsideWindows(expression);
    }

    // ---- FROM and joins

    private LogicalPlan from(List<RelationContext> relations)
    {
        LogicalPlan plan = relation(relations.get(0));
        for (RelationContext next : relations.subList(1, relations.size())) {
            plan = new Join(plan, relation(next), JoinType.CROSS, Optional.empty());
        }
        return plan;
    }

    private LogicalPlan relation(RelationContext ctx)
    {
        LogicalPlan plan = relationPrimary(ctx.relationPrimary());
        for (JoinClauseContext join : ctx.joinClause()) {
            LogicalPlan right = relationPrimary(join.right);
            if (join.CROSS() != null) {
                plan = new Join(plan, right, JoinType.CROSS, Optional.empty());
                continue;
            }
            JoinType type = joinType(join.joinType());
            JoinCriteriaContext criteria = join.joinCriteria();
            if (criteria == null) {
                if (type != JoinType.INNER) {
                    throw error(join, join.joinType().getText() + " JOIN needs ON or USING");
                }
                plan = new Join(plan, right, JoinType.CROSS, Optional.empty());
            }
            else if (criteria.ON() != null) {
                Schema both = Join.conditionSchema(plan.schema(), right.schema());
                List<String> qualifiers = new ArrayList<>(Qualifiers.of(plan));
                qualifiers.addAll(Qualifiers.of(right));
                Expression condition = booleanExpression(criteria.booleanExpression());
                requireNoSubqueries(criteria, "a join condition");
                Expression resolved = ExpressionAnalyzer.resolve(bind(condition, new Frame(both, qualifiers), null), both);
                plan = new Join(plan, right, type, Optional.of(resolved));
            }
            else {
                plan = usingJoin(plan, right, type, criteria.identifier().stream().map(this::name).toList(), criteria);
            }
        }
        return plan;
    }

    private LogicalPlan usingJoin(LogicalPlan left, LogicalPlan right, JoinType type, List<String> names, ParserRuleContext where)
    {
        Schema both = Join.conditionSchema(left.schema(), right.schema());
        int leftWidth = left.schema().size();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        Expression condition = null;
        for (String name : names) {
            int l = lookup(name, frame(left)).orElseThrow(() -> error(where, "USING column '" + name + "' is not a column of the join's left side " + left.schema().names()));
            int r = lookup(name, frame(right)).orElseThrow(() -> error(where, "USING column '" + name + "' is not a column of the join's right side " + right.schema().names()));
            leftKeys.add(l);
            rightKeys.add(r);
            Expression equal = new Comparison(Comparison.Operator.EQUAL, ref(both, l), ref(both, leftWidth + r));
            condition = condition == null ? equal : Logical.and(condition, equal);
        }
        Join join = new Join(left, right, type, Optional.of(ExpressionAnalyzer.resolve(condition, both)));
        if (!type.outputsRight()) {
            return join;
        }
        Schema joined = join.schema();
        List<Expression> output = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            ColumnRef l = ref(joined, leftKeys.get(k));
            ColumnRef r = ref(joined, leftWidth + rightKeys.get(k));
            Expression key = switch (type) {
                case RIGHT_OUTER -> r;
                case FULL_OUTER -> new Alias(ExpressionAnalyzer.resolve(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(l, r)), joined), l.name());
                default -> l;
            };
            output.add(key);
        }
        for (int i = 0; i < leftWidth; i++) {
            if (!leftKeys.contains(i)) {
                output.add(ref(joined, i));
            }
        }
        for (int i = 0; i < right.schema().size(); i++) {
            if (!rightKeys.contains(i)) {
                output.add(ref(joined, leftWidth + i));
            }
        }
        return new Project(join, output);
    }

    private JoinType joinType(JoinTypeContext ctx)
    {
        if (ctx.SEMI() != null) {
            return JoinType.LEFT_SEMI;
        }
        if (ctx.ANTI() != null) {
            return JoinType.LEFT_ANTI;
        }
        if (ctx.LEFT() != null) {
            return JoinType.LEFT_OUTER;
        }
        if (ctx.RIGHT() != null) {
            return JoinType.RIGHT_OUTER;
        }
        if (ctx.FULL() != null) {
            return JoinType.FULL_OUTER;
        }
        return JoinType.INNER;
    }

    private LogicalPlan relationPrimary(RelationPrimaryContext ctx)
    {
        if (ctx instanceof TableReferenceContext table) {
            String name = multipartName(table.multipartName());
            LogicalPlan plan = table(name, table.multipartName());
            return aliased(plan, table.tableAlias(), table.multipartName().identifier(table.multipartName().identifier().size() - 1).getText());
        }
        if (ctx instanceof DerivedTableContext derived) {
            return aliased(query(derived.query()), derived.tableAlias(), null);
        }
        if (ctx instanceof InlineTableReferenceContext values) {
            return aliased(inlineTable(values.inlineTable()), values.tableAlias(), null);
        }
        ParenthesizedRelationContext nested = (ParenthesizedRelationContext) ctx;
        return aliased(relation(nested.relation()), nested.tableAlias(), null);
    }

    /**
     * The rows of a VALUES clause, columns named col1, col2, ... as Spark names them, each of the type all its
     * rows widen to. Rows whose values fold to constants become local rows; otherwise a union of one-row selects.
     */
    private LogicalPlan inlineTable(InlineTableContext ctx)
    {
        List<List<Expression>> table = new ArrayList<>();
        for (RowConstructorContext row : ctx.rowConstructor()) {
            List<Expression> values = row.expression().stream().map(e -> resolve(expression(e), LocalRelation.oneRow())).toList();
            if (!table.isEmpty() && values.size() != table.get(0).size()) {
                throw error(row, "every row of VALUES needs the same number of values: this one has " + values.size() + ", the first "
                        + table.get(0).size());
            }
            table.add(values);
        }
        List<LogicalPlan> rows = new ArrayList<>();
        for (List<Expression> values : table) {
            List<Expression> named = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Expression value = values.get(i);
                if (isBareNull(value)) {
                    // a NULL takes the type of its column's other values
                    int column = i;
                    value = table.stream().map(r -> r.get(column)).filter(v -> !isBareNull(v)).findFirst()
                            .<Expression>map(v -> Literal.nullOf(v.type())).orElse(value);
                }
                named.add(new Alias(value, "col" + (i + 1)));
            }
            rows.add(new Project(LocalRelation.oneRow(), named));
        }
        LogicalPlan union = rows.get(0);
        for (LogicalPlan next : rows.subList(1, rows.size())) {
            union = UnionAnalyzer.byPosition(union, next);
        }
        return constantRows(union).orElse(union);
    }

    private static boolean isBareNull(Expression value)
    {
        return value instanceof Literal literal && literal.value() == null;
    }

    /** The rows of a union of one-row selects as local rows, when every value folds to a constant. */
    private static Optional<LogicalPlan> constantRows(LogicalPlan union)
    {
        LogicalPlan folded = Optimizer.optimize(union, false);
        List<LogicalPlan> selects = folded instanceof Union all ? all.children() : List.of(folded);
        List<List<Object>> values = new ArrayList<>();
        for (LogicalPlan select : selects) {
            if (!(select instanceof Project project) || !(project.child() instanceof LocalRelation)) {
                return Optional.empty();
            }
            List<Object> row = new ArrayList<>();
            for (Expression value : project.expressions()) {
                Expression constant = value instanceof Alias alias ? alias.child() : value;
                if (!(constant instanceof Literal literal)) {
                    return Optional.empty();
                }
                row.add(literal.value());
            }
            values.add(java.util.Collections.unmodifiableList(row));
        }
        return Optional.of(new LocalRelation(union.schema(), values));
    }

    private LogicalPlan aliased(LogicalPlan plan, TableAliasContext alias, String defaultName)
    {
        if (alias.identifier() == null) {
            return defaultName == null ? plan : new SubqueryAlias(defaultName, plan);
        }
        String name = name(alias.identifier());
        return new SubqueryAlias(name, withColumnAliases(plan, alias.columnAliases(), name));
    }

    private LogicalPlan withColumnAliases(LogicalPlan plan, ColumnAliasesContext aliases, String relation)
    {
        if (aliases == null) {
            return plan;
        }
        List<String> names = aliases.identifier().stream().map(this::name).toList();
        Schema schema = plan.schema();
        if (names.size() != schema.size()) {
            throw error(aliases, relation + " has " + schema.size() + " columns " + schema.names() + " but " + names.size() + " column names " + names);
        }
        List<Expression> renamed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            renamed.add(new Alias(ref(schema, i), names.get(i)));
        }
        return new Project(plan, renamed);
    }

    private LogicalPlan table(String name, ParserRuleContext where)
    {
        String key = name.toLowerCase(Locale.ROOT);
        for (Map<String, LogicalPlan> scope : ctes) {
            LogicalPlan plan = scope.get(key);
            if (plan != null) {
                return plan;
            }
        }
        Optional<LogicalPlan> view = catalog.view(name);
        if (view.isPresent()) {
            return view.get();
        }
        List<String> known = new ArrayList<>(catalog.viewNames());
        ctes.forEach(scope -> known.addAll(scope.keySet()));
        String hint = NameSuggester.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
        throw error(where, "table or view '" + name + "' not found in " + known + hint
                + (known.isEmpty() ? "; create one with CREATE TEMPORARY VIEW or df.createOrReplaceTempView" : ""));
    }

    // ---- WHERE and subqueries

    private LogicalPlan where(LogicalPlan input, BooleanExpressionContext condition)
    {
        int width = input.schema().size();
        List<Expression> plain = new ArrayList<>();
        List<BooleanExpressionContext> subqueryPredicates = new ArrayList<>();
        for (BooleanExpressionContext conjunct : conjuncts(condition)) {
            if (subqueryPredicate(conjunct) != null) {
                subqueryPredicates.add(conjunct);
            }
            else {
                plain.add(booleanExpression(conjunct));
            }
        }
        LogicalPlan plan = attachScalarSubqueries(input);
        if (!plain.isEmpty()) {
            Expression filter = plain.stream().reduce(Logical::and).get();
            plan = new Filter(plan, resolve(filter, plan));
        }
        for (BooleanExpressionContext conjunct : subqueryPredicates) {
            plan = subqueryJoin(plan, subqueryPredicate(conjunct));
        }
        if (plan.schema().size() > width) {
            List<Expression> original = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                original.add(ref(plan.schema(), i));
            }
            plan = new Project(plan, original);
        }
        return plan;
    }

    private static List<BooleanExpressionContext> conjuncts(BooleanExpressionContext ctx)
    {
        BooleanExpressionContext unwrapped = unwrap(ctx);
        if (unwrapped instanceof LogicalBinaryContext binary && binary.operator.getType() == SpindleSqlParser.AND) {
            List<BooleanExpressionContext> all = new ArrayList<>(conjuncts(binary.left));
            all.addAll(conjuncts(binary.right));
            return all;
        }
        return List.of(unwrapped);
    }

    /** A boolean expression without the parentheses around it. */
    private static BooleanExpressionContext unwrap(BooleanExpressionContext ctx)
    {
        if (ctx instanceof PredicatedContext predicated && predicated.predicate() == null
                && predicated.valueExpression() instanceof PrimaryValueContext value
                && value.primaryExpression() instanceof ParenthesizedContext parenthesized) {
            return unwrap(parenthesized.expression().booleanExpression());
        }
        return ctx;
    }

    private record SubqueryPredicate(QueryContext query, ValueExpressionContext value, boolean negated, ParserRuleContext where) {}

    private static SubqueryPredicate subqueryPredicate(BooleanExpressionContext ctx)
    {
        BooleanExpressionContext unwrapped = unwrap(ctx);
        if (unwrapped instanceof LogicalNotContext not) {
            SubqueryPredicate inner = subqueryPredicate(not.booleanExpression());
            return inner == null ? null : new SubqueryPredicate(inner.query(), inner.value(), !inner.negated(), ctx);
        }
        if (unwrapped instanceof ExistsContext exists) {
            return new SubqueryPredicate(exists.query(), null, false, ctx);
        }
        if (unwrapped instanceof PredicatedContext predicated && predicated.predicate() != null && predicated.predicate().query() != null) {
            return new SubqueryPredicate(predicated.predicate().query(), predicated.valueExpression(), predicated.predicate().NOT() != null, ctx);
        }
        return null;
    }

    /** EXISTS, NOT EXISTS, IN and NOT IN over a subquery, as a semi or an anti join of {@code outer}. */
    private LogicalPlan subqueryJoin(LogicalPlan outer, SubqueryPredicate predicate)
    {
        JoinType type = predicate.negated() ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI;
        Optional<Expression> value = predicate.value() == null ? Optional.empty() : Optional.of(resolve(valueExpression(predicate.value()), outer));
        LogicalPlan inner;
        List<Expression> correlated;
        Expression innerValue = null;
        try {
            inner = query(predicate.query());
            correlated = List.of();
            if (value.isPresent()) {
                innerValue = ref(inner.schema(), 0);
            }
        }
        catch (ColumnNotFoundException uncorrelatedFailure) {
            QuerySpecificationContext spec = simpleSpecification(predicate.query());
            if (spec == null || spec.groupBy() != null || spec.having != null) {
                throw uncorrelatedFailure;
            }
            Correlated split = splitCorrelated(spec, outer);
            inner = split.inner();
            correlated = split.conjuncts();
            if (value.isPresent()) {
                SelectItemContext item = spec.selectItem(0);
                if (!(item instanceof SelectExpressionContext select)) {
                    throw error(item, "a subquery of IN must select one column");
                }
                innerValue = resolve(expression(select.expression()), inner);
            }
        }
        if (value.isPresent() && inner.schema().size() != 1 && correlated.isEmpty()) {
            throw error(predicate.where(), "a subquery of IN must select one column, not " + inner.schema().size() + " " + inner.schema().names());
        }
        Schema both = Join.conditionSchema(outer.schema(), inner.schema());
        int outerWidth = outer.schema().size();
        List<Expression> condition = new ArrayList<>(correlated);
        if (value.isPresent()) {
            Expression left = value.get();
            Expression right = shift(innerValue, outerWidth);
            Expression equal = new Comparison(Comparison.Operator.EQUAL, left, right);
            if (predicate.negated() && (left.nullable() || right.nullable())) {
                // NOT IN is not true when either side is null: such a pair rules the outer row out
                equal = Logical.or(equal, new IsNull(equal));
            }
            condition.add(0, equal);
        }
        Optional<Expression> joined = condition.stream().reduce(Logical::and).map(c -> ExpressionAnalyzer.resolve(c, both));
        return new Join(outer, inner, type, joined);
    }

    private record Correlated(LogicalPlan inner, List<Expression> conjuncts, List<Expression> innerKeys, List<Expression> outerKeys) {}

    /**
     * Plans the FROM and WHERE of a correlated subquery: the conjuncts that read only its own columns filter its
     * rows; the others, which read {@code outer}'s too, are returned bound over outer's columns followed by the
     * subquery's, for the join that replaces the subquery.
     */
    private Correlated splitCorrelated(QuerySpecificationContext spec, LogicalPlan outer)
    {
        LogicalPlan from = from(spec.relation());
        Frame innerFrame = frame(from);
        Frame outerFrame = frame(outer);
        int outerWidth = outer.schema().size();
        Schema both = Join.conditionSchema(outer.schema(), from.schema());
        List<BooleanExpressionContext> local = new ArrayList<>();
        List<Expression> correlated = new ArrayList<>();
        List<Expression> innerKeys = new ArrayList<>();
        List<Expression> outerKeys = new ArrayList<>();
        if (spec.where != null) {
            for (BooleanExpressionContext conjunct : conjuncts(spec.where)) {
                if (subqueryPredicate(conjunct) != null) {
                    local.add(conjunct);
                    continue;
                }
                int pending = pendingSubqueries.size();
                Expression e = booleanExpression(conjunct);
                if (readsOnly(e, innerFrame)) {
                    // built again, with its subqueries, when the local conjuncts filter the subquery's rows
                    pendingSubqueries.subList(pending, pendingSubqueries.size()).clear();
                    local.add(conjunct);
                    continue;
                }
                Expression bound = ExpressionAnalyzer.resolve(bindShifted(e, innerFrame, outerWidth, outerFrame), both);
                correlated.add(bound);
                if (bound instanceof Comparison comparison && comparison.operator() == Comparison.Operator.EQUAL) {
                    BitSet l = references(comparison.left());
                    BitSet r = references(comparison.right());
                    if (!l.isEmpty() && !r.isEmpty() && l.nextSetBit(outerWidth) < 0 && r.nextSetBit(0) >= outerWidth) {
                        outerKeys.add(comparison.left());
                        innerKeys.add(shift(comparison.right(), -outerWidth));
                    }
                    else if (!l.isEmpty() && !r.isEmpty() && r.nextSetBit(outerWidth) < 0 && l.nextSetBit(0) >= outerWidth) {
                        outerKeys.add(comparison.right());
                        innerKeys.add(shift(comparison.left(), -outerWidth));
                    }
                }
            }
        }
        LogicalPlan inner = from;
        if (!local.isEmpty()) {
            BooleanExpressionContext first = local.get(0);
            inner = whereConjuncts(from, local, first);
        }
        return new Correlated(inner, correlated, innerKeys, outerKeys);
    }

    private LogicalPlan whereConjuncts(LogicalPlan input, List<BooleanExpressionContext> conjuncts, ParserRuleContext where)
    {
        int width = input.schema().size();
        List<Expression> plain = new ArrayList<>();
        List<SubqueryPredicate> predicates = new ArrayList<>();
        for (BooleanExpressionContext conjunct : conjuncts) {
            SubqueryPredicate predicate = subqueryPredicate(conjunct);
            if (predicate != null) {
                predicates.add(predicate);
            }
            else {
                plain.add(booleanExpression(conjunct));
            }
        }
        LogicalPlan plan = attachScalarSubqueries(input);
        if (!plain.isEmpty()) {
            plan = new Filter(plan, resolve(plain.stream().reduce(Logical::and).get(), plan));
        }
        for (SubqueryPredicate predicate : predicates) {
            plan = subqueryJoin(plan, predicate);
        }
        if (plan.schema().size() > width) {
            List<Expression> original = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                original.add(ref(plan.schema(), i));
            }
            plan = new Project(plan, original);
        }
        return plan;
    }

    /**
     * A subquery used as a value: its own value, or (for EXISTS) how many rows it has, or (for {@code x IN (subquery)}
     * outside a WHERE conjunct, {@code inValue} holding x) whether x is among its values.
     */
    private record PendingSubquery(String name, QueryContext query, boolean counted, Optional<Expression> inValue) {}

    /** Joins each scalar subquery met so far onto {@code plan}, as a column named by its placeholder. */
    private LogicalPlan attachScalarSubqueries(LogicalPlan plan)
    {
        List<PendingSubquery> pending = List.copyOf(pendingSubqueries);
        pendingSubqueries.clear();
        for (PendingSubquery subquery : pending) {
            plan = attachScalarSubquery(plan, subquery);
        }
        return plan;
    }

    private LogicalPlan attachScalarSubquery(LogicalPlan outer, PendingSubquery subquery)
    {
        if (subquery.inValue().isPresent()) {
            return attachInSubquery(outer, subquery);
        }
        try {
            LogicalPlan inner = query(subquery.query());
            if (subquery.counted()) {
                inner = new Aggregate(inner, List.of(), List.of(new Alias(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()), "count")));
            }
            if (inner.schema().size() != 1) {
                throw error(subquery.query(), "a scalar subquery must select one column, not " + inner.schema().size() + " " + inner.schema().names());
            }
            LogicalPlan single = EnforceSingleRow.atMostOneRow(inner) ? inner : new EnforceSingleRow(inner);
            LogicalPlan named = new Project(single, List.of(new Alias(ref(inner.schema(), 0), subquery.name())));
            // joined to every row of the outer query; a left join, so that a subquery without rows is null
            return new Join(outer, named, JoinType.LEFT_OUTER, Optional.empty());
        }
        catch (ColumnNotFoundException uncorrelatedFailure) {
            QuerySpecificationContext spec = simpleSpecification(subquery.query());
            if (spec == null || spec.groupBy() != null || spec.having != null
                    || (!subquery.counted() && (spec.selectItem().size() != 1 || !(spec.selectItem(0) instanceof SelectExpressionContext)))) {
                throw uncorrelatedFailure;
            }
            Correlated split = splitCorrelated(spec, outer);
            if (split.innerKeys().size() != split.conjuncts().size() || split.conjuncts().isEmpty()) {
                throw error(subquery.query(), "a correlated scalar subquery may refer to the outer query only in equalities"
                        + " (inner = outer) joined by AND in its WHERE");
            }
            Expression value = subquery.counted()
                    ? new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty())
                    : expression(((SelectExpressionContext) spec.selectItem(0)).expression());
            if (!hasAggregate(value)) {
                throw error(subquery.query(), "a correlated scalar subquery must aggregate, e.g. SELECT max(...), so that it yields one value per outer row");
            }
            List<PendingSubquery> saved = pendingSubqueries;
            pendingSubqueries = new ArrayList<>();
            LogicalPlan grouped;
            AggregateBuilder aggregate;
            try {
                aggregate = new AggregateBuilder(split.inner(), List.of(), spec);
                aggregate.keys.addAll(split.innerKeys());
                aggregate.collect(value);
                grouped = attachScalarSubqueries(aggregate.build());
            }
            finally {
                pendingSubqueries = saved;
            }
            List<Expression> outputs = new ArrayList<>();
            for (int k = 0; k < split.innerKeys().size(); k++) {
                outputs.add(new Alias(ref(grouped.schema(), k), subquery.name() + "_key" + k));
            }
            Expression computed = resolve(aggregate.rewrite(value), grouped);
            outputs.add(new Alias(computed, subquery.name()));
            LogicalPlan inner = new Project(grouped, outputs);
            int outerWidth = outer.schema().size();
            Schema both = Join.conditionSchema(outer.schema(), inner.schema());
            Expression condition = null;
            for (int k = 0; k < split.outerKeys().size(); k++) {
                Expression equal = new Comparison(Comparison.Operator.EQUAL, split.outerKeys().get(k), ref(both, outerWidth + k));
                condition = condition == null ? equal : Logical.and(condition, equal);
            }
            LogicalPlan joined = new Join(outer, inner, JoinType.LEFT_OUTER, Optional.of(ExpressionAnalyzer.resolve(condition, both)));
            // keep the outer columns and the value, so that the placeholder's name is the only new one
            List<Expression> kept = new ArrayList<>();
            for (int i = 0; i < outerWidth; i++) {
                kept.add(ref(joined.schema(), i));
            }
            ColumnRef joinedValue = ref(joined.schema(), joined.schema().size() - 1);
            if (value instanceof AggregateCall call && (call.function() == AggregateFunction.COUNT || call.function() == AggregateFunction.COUNT_STAR)) {
                // an outer row without matching inner rows has no group, but its count is 0, not null
                Expression zero = ExpressionAnalyzer.resolve(new ScalarFunction(ScalarFunction.Name.COALESCE, List.of(joinedValue, Literal.of(0L))), joined.schema());
                kept.add(new Alias(zero, subquery.name()));
            }
            else {
                kept.add(joinedValue);
            }
            return new Project(joined, kept);
        }
    }

    /**
     * {@code x IN (subquery)} as a column, with SQL's three values: true when x is among the subquery's values;
     * false when it is not and they are none or all known; null when x or one of them is null. The outer rows
     * get the subquery's row and non-null counts (one row, cross joined) and a marker from its distinct values
     * joined on x. An uncorrelated subquery only.
     */
    private LogicalPlan attachInSubquery(LogicalPlan outer, PendingSubquery subquery)
    {
        LogicalPlan inner;
        try {
            inner = query(subquery.query());
        }
        catch (ColumnNotFoundException correlated) {
            throw error(subquery.query(), "a correlated IN (subquery) is supported only as a condition of WHERE, joined to the others by AND;"
                    + " " + correlated.getMessage());
        }
        if (inner.schema().size() != 1) {
            throw error(subquery.query(), "an IN subquery must select one column, not " + inner.schema().size() + " " + inner.schema().names());
        }
        int width = outer.schema().size();
        Expression x = resolve(subquery.inValue().get(), outer);
        ColumnRef y = ref(inner.schema(), 0);
        LogicalPlan counts = new Aggregate(inner, List.of(), List.of(
                new Alias(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()), "rows"),
                new Alias(new AggregateCall(AggregateFunction.COUNT, Optional.of(y)), "known")));
        LogicalPlan counted = new Join(outer, counts, JoinType.CROSS, Optional.empty());
        LogicalPlan values = new Project(new Aggregate(inner, List.of(y), List.of()), List.of(ref(inner.schema(), 0), new Alias(Literal.of(true), "found")));
        Schema both = Join.conditionSchema(counted.schema(), values.schema());
        Expression match = ExpressionAnalyzer.resolve(new Comparison(Comparison.Operator.EQUAL, x, ref(both, width + 2)), both);
        LogicalPlan joined = new Join(counted, values, JoinType.LEFT_OUTER, Optional.of(match));
        Schema schema = joined.schema();
        ColumnRef rows = ref(schema, width);
        ColumnRef known = ref(schema, width + 1);
        ColumnRef found = ref(schema, width + 3);
        Expression in = new CaseWhen(
                List.of(new Not(new IsNull(found)),
                        new Comparison(Comparison.Operator.EQUAL, rows, Literal.of(0L)),
                        Logical.or(new IsNull(x), new Comparison(Comparison.Operator.LESS_THAN, known, rows))),
                List.of(Literal.of(true), Literal.of(false), Literal.nullOf(DataType.BOOLEAN)),
                Optional.of(Literal.of(false)));
        List<Expression> kept = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            kept.add(ref(schema, i));
        }
        kept.add(new Alias(ExpressionAnalyzer.resolve(in, schema), subquery.name()));
        return new Project(joined, kept);
    }

    private static QuerySpecificationContext simpleSpecification(QueryContext query)
    {
        if (query.withClause() == null && query.orderByClause() == null && query.limitClause() == null && query.offsetClause() == null
                && query.queryTerm() instanceof PrimaryTermContext primary && primary.queryPrimary() instanceof SelectPrimaryContext select
                && select.querySpecification().FROM() != null) {
            return select.querySpecification();
        }
        return null;
    }

    private static boolean isScalarPlaceholder(Expression expression)
    {
        return expression instanceof UnresolvedColumn column && column.name().startsWith(SCALAR_PREFIX);
    }

    private void requireNoSubqueries(ParserRuleContext where, String place)
    {
        if (!pendingSubqueries.isEmpty()) {
            throw error(where, "subqueries are not supported in " + place + " yet; move them to WHERE");
        }
    }

    // ---- expressions

    Expression expression(ExpressionContext ctx)
    {
        return booleanExpression(ctx.booleanExpression());
    }

    private Expression booleanExpression(BooleanExpressionContext ctx)
    {
        if (ctx instanceof LogicalNotContext not) {
            return new Not(booleanExpression(not.booleanExpression()));
        }
        if (ctx instanceof ExistsContext exists) {
            // outside a WHERE conjunct (in OR, CASE, the select list): the subquery's row count, over 0
            String name = SCALAR_PREFIX + generatedNames++;
            pendingSubqueries.add(new PendingSubquery(name, exists.query(), true, Optional.empty()));
            return new Comparison(Comparison.Operator.GREATER_THAN, new UnresolvedColumn(name), Literal.of(0L));
        }
        if (ctx instanceof LogicalBinaryContext binary) {
            Expression left = booleanExpression(binary.left);
            Expression right = booleanExpression(binary.right);
            return binary.operator.getType() == SpindleSqlParser.AND ? Logical.and(left, right) : Logical.or(left, right);
        }
        PredicatedContext predicated = (PredicatedContext) ctx;
        Expression value = valueExpression(predicated.valueExpression());
        PredicateContext predicate = predicated.predicate();
        if (predicate == null) {
            return value;
        }
        Expression result;
        switch (predicate.kind.getType()) {
            case SpindleSqlParser.BETWEEN -> result = Logical.and(
                    new Comparison(Comparison.Operator.GREATER_THAN_OR_EQUAL, value, valueExpression(predicate.lower)),
                    new Comparison(Comparison.Operator.LESS_THAN_OR_EQUAL, value, valueExpression(predicate.upper)));
            case SpindleSqlParser.IN -> {
                if (predicate.query() != null) {
                    // outside a WHERE conjunct: a column computed from the subquery's values (see attachInSubquery)
                    String name = SCALAR_PREFIX + generatedNames++;
                    pendingSubqueries.add(new PendingSubquery(name, predicate.query(), false, Optional.of(value)));
                    result = new UnresolvedColumn(name);
                    break;
                }
                Expression any = null;
                for (ExpressionContext element : predicate.expression()) {
                    Expression equal = new Comparison(Comparison.Operator.EQUAL, value, expression(element));
                    any = any == null ? equal : Logical.or(any, equal);
                }
                result = any;
            }
            case SpindleSqlParser.LIKE, SpindleSqlParser.RLIKE -> result = new ScalarFunction(
                    predicate.kind.getType() == SpindleSqlParser.LIKE ? ScalarFunction.Name.LIKE : ScalarFunction.Name.RLIKE,
                    List.of(value, valueExpression(predicate.pattern)));
            case SpindleSqlParser.NULL -> result = new IsNull(value);
            default -> throw error(ctx, "predicate not supported: " + predicate.getText());
        }
        return predicate.NOT() != null ? new Not(result) : result;
    }

    private Expression valueExpression(ValueExpressionContext ctx)
    {
        if (ctx instanceof PrimaryValueContext primary) {
            return primaryExpression(primary.primaryExpression());
        }
        if (ctx instanceof UnaryArithmeticContext unary) {
            Expression operand = valueExpression(unary.valueExpression());
            if (unary.operator.getText().equals("+")) {
                return operand;
            }
            return negate(operand);
        }
        if (ctx instanceof BinaryArithmeticContext binary) {
            if (intervalOf(binary.right) != null) {
                return dateArithmetic(binary);
            }
            Arithmetic.Operator operator = switch (binary.operator.getText()) {
                case "*" -> Arithmetic.Operator.MULTIPLY;
                case "/" -> Arithmetic.Operator.DIVIDE;
                case "%" -> Arithmetic.Operator.MODULO;
                case "+" -> Arithmetic.Operator.ADD;
                default -> Arithmetic.Operator.SUBTRACT;
            };
            return Arithmetic.unresolved(operator, valueExpression(binary.left), valueExpression(binary.right));
        }
        if (ctx instanceof ConcatenationContext concat) {
            return new ScalarFunction(ScalarFunction.Name.CONCAT, List.of(valueExpression(concat.left), valueExpression(concat.right)));
        }
        ComparisonContext comparison = (ComparisonContext) ctx;
        Comparison.Operator operator = switch (comparison.comparisonOperator().getText()) {
            case "=", "==" -> Comparison.Operator.EQUAL;
            case "<>", "!=" -> Comparison.Operator.NOT_EQUAL;
            case "<" -> Comparison.Operator.LESS_THAN;
            case "<=" -> Comparison.Operator.LESS_THAN_OR_EQUAL;
            case ">" -> Comparison.Operator.GREATER_THAN;
            default -> Comparison.Operator.GREATER_THAN_OR_EQUAL;
        };
        return new Comparison(operator, valueExpression(comparison.left), valueExpression(comparison.right));
    }

    private static Expression negate(Expression operand)
    {
        if (operand instanceof Literal literal && !literal.isNull()) {
            Object v = literal.value();
            if (v instanceof Integer i) {
                return new Literal(-i, literal.type());
            }
            if (v instanceof Long l) {
                return new Literal(-l, literal.type());
            }
            if (v instanceof Double d) {
                return new Literal(-d, literal.type());
            }
            if (v instanceof BigDecimal d) {
                return new Literal(d.negate(), literal.type());
            }
        }
        return Arithmetic.unresolved(Arithmetic.Operator.SUBTRACT, Literal.of(0), operand);
    }

    private static IntervalContext intervalOf(ValueExpressionContext ctx)
    {
        if (ctx instanceof PrimaryValueContext primary && primary.primaryExpression() instanceof IntervalContext interval) {
            return interval;
        }
        return null;
    }

    /** {@code date ± INTERVAL 'n' unit}: folded when the date is a literal, else date_add/date_sub for days. */
    private Expression dateArithmetic(BinaryArithmeticContext ctx)
    {
        IntervalContext interval = intervalOf(ctx.right);
        boolean subtract = ctx.operator.getText().equals("-");
        if (!subtract && !ctx.operator.getText().equals("+")) {
            throw error(ctx, "an interval can only be added to or subtracted from a date");
        }
        String text = interval.value.getType() == SpindleSqlParser.STRING ? stringValue(interval.value) : interval.value.getText();
        long amount;
        try {
            amount = Long.parseLong(text.trim());
        }
        catch (NumberFormatException e) {
            throw error(interval, "interval value '" + text + "' is not a whole number");
        }
        if (interval.sign != null) {
            amount = -amount;
        }
        if (subtract) {
            amount = -amount;
        }
        String unit = name(interval.unit).toLowerCase(Locale.ROOT);
        Expression date = valueExpression(ctx.left);
        if (date instanceof Literal literal && literal.value() instanceof LocalDate day) {
            LocalDate result = switch (unit) {
                case "day", "days" -> day.plusDays(amount);
                case "week", "weeks" -> day.plusWeeks(amount);
                case "month", "months" -> day.plusMonths(amount);
                case "year", "years" -> day.plusYears(amount);
                default -> throw error(interval.unit, "interval unit '" + unit + "' is not supported; use day, week, month or year");
            };
            return Literal.of(result);
        }
        return switch (unit) {
            case "day", "days" -> new ScalarFunction(ScalarFunction.Name.DATE_ADD, List.of(date, Literal.of(intervalAmount(interval, amount))));
            case "week", "weeks" -> new ScalarFunction(ScalarFunction.Name.DATE_ADD, List.of(date, Literal.of(intervalAmount(interval, amount * 7))));
            // as Spark: the day of the month is kept, or cut to the month's last day (January 31 + 1 month is February 28 or 29)
            case "month", "months" -> new ScalarFunction(ScalarFunction.Name.ADD_MONTHS, List.of(date, Literal.of(intervalAmount(interval, amount))));
            case "year", "years" -> new ScalarFunction(ScalarFunction.Name.ADD_MONTHS, List.of(date, Literal.of(intervalAmount(interval, amount * 12))));
            default -> throw error(interval.unit, "interval unit '" + unit + "' is not supported; use day, week, month or year");
        };
    }

    private int intervalAmount(IntervalContext interval, long amount)
    {
        if (amount != (int) amount) {
            throw error(interval, "interval " + amount + " is too large for a date");
        }
        return (int) amount;
    }

    private Expression primaryExpression(PrimaryExpressionContext ctx)
    {
        if (ctx instanceof ColumnReferenceContext column) {
            String name = multipartName(column.multipartName());
            if (name.equalsIgnoreCase("current_date")) {
                return currentDate();
            }
            columnPositions.putIfAbsent(name.toLowerCase(Locale.ROOT), column.getStart());
            return new UnresolvedColumn(name);
        }
        if (ctx instanceof LiteralValueContext literal) {
            return literal(literal.literal());
        }
        if (ctx instanceof ParenthesizedContext parenthesized) {
            return expression(parenthesized.expression());
        }
        if (ctx instanceof FunctionCallContext call) {
            return functionCall(call);
        }
        if (ctx instanceof LeftOrRightContext call) {
            // LEFT and RIGHT are join keywords, so the grammar names these two functions itself
            ScalarFunction.Name name = call.side.getType() == SpindleSqlParser.LEFT ? ScalarFunction.Name.LEFT : ScalarFunction.Name.RIGHT;
            return new ScalarFunction(name, List.of(expression(call.expression(0)), expression(call.expression(1))));
        }
        if (ctx instanceof StarCallContext star) {
            String function = multipartName(star.function).toLowerCase(Locale.ROOT);
            if (!function.equals("count")) {
                throw error(star, function + "(*) is not a function; only count(*) takes *");
            }
            if (star.filterClause() != null) {
                // count(*) FILTER (WHERE c) counts the rows where c holds: count(CASE WHEN c THEN 1 END)
                return windowed(new AggregateCall(AggregateFunction.COUNT, Optional.of(filtered(Literal.of(1), star.filterClause()))), star.overClause());
            }
            return windowed(new AggregateCall(AggregateFunction.COUNT_STAR, Optional.empty()), star.overClause());
        }
        if (ctx instanceof CaseExpressionContext caseWhen) {
            List<Expression> conditions = new ArrayList<>();
            List<Expression> values = new ArrayList<>();
            Expression operand = caseWhen.operand == null ? null : valueExpression(caseWhen.operand);
            for (WhenClauseContext when : caseWhen.whenClause()) {
                Expression condition = expression(when.condition);
                conditions.add(operand == null ? condition : new Comparison(Comparison.Operator.EQUAL, operand, condition));
                values.add(expression(when.value));
            }
            Optional<Expression> elseValue = caseWhen.elseValue == null ? Optional.empty() : Optional.of(expression(caseWhen.elseValue));
            return new CaseWhen(conditions, values, elseValue);
        }
        if (ctx instanceof CastContext cast) {
            return new Cast(expression(cast.expression()), dataType(cast.dataType()));
        }
        if (ctx instanceof ExtractContext extract) {
            String field = name(extract.field).toLowerCase(Locale.ROOT);
            ScalarFunction.Name function = switch (field) {
                case "year" -> ScalarFunction.Name.YEAR;
                case "month" -> ScalarFunction.Name.MONTH;
                case "day" -> ScalarFunction.Name.DAY_OF_MONTH;
                default -> throw error(extract.field, "EXTRACT(" + field + " FROM ...) is not supported; use year, month or day");
            };
            return new ScalarFunction(function, List.of(valueExpression(extract.valueExpression())));
        }
        if (ctx instanceof SubstringFromContext substring) {
            Expression length = substring.length == null ? Literal.of(Integer.MAX_VALUE) : valueExpression(substring.length);
            return new ScalarFunction(ScalarFunction.Name.SUBSTRING, List.of(valueExpression(substring.valueExpression(0)), valueExpression(substring.start), length));
        }
        if (ctx instanceof ScalarSubqueryContext subquery) {
            String name = SCALAR_PREFIX + generatedNames++;
            pendingSubqueries.add(new PendingSubquery(name, subquery.query(), false, Optional.empty()));
            return new UnresolvedColumn(name);
        }
        if (ctx instanceof IntervalContext) {
            throw error(ctx, "an interval can only be added to or subtracted from a date");
        }
        throw error(ctx, "expression not supported: " + ctx.getText());
    }

    /** An aggregate's argument with its FILTER applied: null, which aggregates skip, where the condition does not hold. */
    private Expression filtered(Expression argument, FilterClauseContext filter)
    {
        if (filter == null) {
            return argument;
        }
        return new CaseWhen(List.of(booleanExpression(filter.where)), List.of(argument), Optional.empty());
    }

    private Expression functionCall(FunctionCallContext call)
    {
        String function = multipartName(call.function).toLowerCase(Locale.ROOT);
        List<Expression> args = call.expression().stream().map(this::expression).toList();
        boolean distinct = call.setQuantifier() != null && call.setQuantifier().DISTINCT() != null;
        if (function.equals("grouping") || function.equals("grouping_id")) {
            return new GroupingCall(args, function.equals("grouping_id"));
        }
        AggregateFunction aggregate = switch (function) {
            case "sum" -> AggregateFunction.SUM;
            case "avg", "mean" -> AggregateFunction.AVG;
            case "min" -> AggregateFunction.MIN;
            case "max" -> AggregateFunction.MAX;
            case "count" -> AggregateFunction.COUNT;
            case "first", "first_value" -> AggregateFunction.FIRST;
            case "stddev", "stddev_samp", "std" -> AggregateFunction.STDDEV_SAMP;
            case "stddev_pop" -> AggregateFunction.STDDEV_POP;
            case "variance", "var_samp" -> AggregateFunction.VAR_SAMP;
            case "var_pop" -> AggregateFunction.VAR_POP;
            default -> null;
        };
        if (aggregate != null) {
            requireArguments(call, function, args, 1);
            if (distinct && call.overClause() != null) {
                throw error(call, "DISTINCT is not supported in a window function");
            }
            if (distinct) {
                // the optimizer's RewriteDistinctAggregates plans these beside any other aggregates; min, max and
                // first are the same over distinct values
                aggregate = switch (aggregate) {
                    case COUNT -> AggregateFunction.COUNT_DISTINCT;
                    case SUM -> AggregateFunction.SUM_DISTINCT;
                    case AVG -> AggregateFunction.AVG_DISTINCT;
                    case MIN, MAX, FIRST -> aggregate;
                    default -> throw error(call, function + "(DISTINCT ...) is not supported; make the values distinct in a subquery first");
                };
            }
            return windowed(new AggregateCall(aggregate, Optional.of(filtered(args.get(0), call.filterClause()))), call.overClause());
        }
        if (distinct) {
            throw error(call, "DISTINCT is allowed only in an aggregate function, not in " + function);
        }
        if (call.filterClause() != null) {
            throw error(call.filterClause(), "FILTER is allowed only after an aggregate function, not after " + function);
        }
        Expression windowFunction = switch (function) {
            case "row_number" -> WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER);
            case "rank" -> WindowFunction.ranking(WindowFunction.Kind.RANK);
            case "dense_rank" -> WindowFunction.ranking(WindowFunction.Kind.DENSE_RANK);
            case "lag", "lead" -> {
                if (args.isEmpty() || args.size() > 3) {
                    throw error(call, function + " takes a column, an optional offset and an optional default");
                }
                int offset = args.size() > 1 ? intArgument(call, function, args.get(1)) : 1;
                Optional<Expression> defaultValue = args.size() > 2 ? Optional.of(args.get(2)) : Optional.empty();
                yield WindowFunction.offset(function.equals("lag") ? WindowFunction.Kind.LAG : WindowFunction.Kind.LEAD, args.get(0), offset, defaultValue);
            }
            default -> null;
        };
        if (windowFunction != null) {
            if (call.overClause() == null) {
                throw error(call, function + "() is a window function and needs OVER (...)");
            }
            return windowed(windowFunction, call.overClause());
        }
        if (call.overClause() != null) {
            throw error(call, function + " is not an aggregate or window function, so it cannot have OVER");
        }
        if (function.equals("current_date")) {
            if (!args.isEmpty()) {
                throw error(call, "current_date takes no arguments, not " + args.size());
            }
            return currentDate();
        }
        if (function.equals("mod")) {
            requireArguments(call, function, args, 2);
            return Arithmetic.unresolved(Arithmetic.Operator.MODULO, args.get(0), args.get(1));
        }
        if (function.equals("log") && args.size() == 1) {
            // Spark's log(x) is the natural logarithm; log(base, x) takes a base
            return new ScalarFunction(ScalarFunction.Name.LN, args);
        }
        if (function.equals("to_date") && args.size() != 2) {
            if (args.size() != 1) {
                throw error(call, "to_date takes 1 or 2 arguments, not " + args.size());
            }
            return new Cast(args.get(0), DataType.DATE);
        }
        ScalarFunction.Name name = switch (function) {
            case "coalesce" -> ScalarFunction.Name.COALESCE;
            case "concat" -> ScalarFunction.Name.CONCAT;
            case "upper", "ucase" -> ScalarFunction.Name.UPPER;
            case "lower", "lcase" -> ScalarFunction.Name.LOWER;
            case "trim" -> ScalarFunction.Name.TRIM;
            case "length", "char_length", "character_length" -> ScalarFunction.Name.LENGTH;
            case "substring", "substr" -> ScalarFunction.Name.SUBSTRING;
            case "startswith" -> ScalarFunction.Name.STARTS_WITH;
            case "endswith" -> ScalarFunction.Name.ENDS_WITH;
            case "contains" -> ScalarFunction.Name.CONTAINS;
            case "year" -> ScalarFunction.Name.YEAR;
            case "month" -> ScalarFunction.Name.MONTH;
            case "day", "dayofmonth" -> ScalarFunction.Name.DAY_OF_MONTH;
            case "date_add" -> ScalarFunction.Name.DATE_ADD;
            case "date_sub" -> ScalarFunction.Name.DATE_SUB;
            case "datediff" -> ScalarFunction.Name.DATE_DIFF;
            case "ceiling" -> ScalarFunction.Name.CEIL;
            case "power" -> ScalarFunction.Name.POW;
            case "sign" -> ScalarFunction.Name.SIGNUM;
            default -> ADDED_FUNCTIONS.get(function);
        };
        if (name == null) {
            throw error(call.function, "function '" + function + "' is not known; use one of " + String.join(", ", KNOWN_FUNCTIONS));
        }
        switch (name) {
            case COALESCE, CONCAT -> {
                if (args.isEmpty()) {
                    throw error(call, function + " needs at least one argument");
                }
            }
            case SUBSTRING -> {
                if (args.size() == 2) {
                    return new ScalarFunction(name, List.of(args.get(0), args.get(1), Literal.of(Integer.MAX_VALUE)));
                }
                requireArguments(call, function, args, 3);
            }
            case STARTS_WITH, ENDS_WITH, CONTAINS, DATE_ADD, DATE_SUB, DATE_DIFF -> requireArguments(call, function, args, 2);
            case UPPER, LOWER, TRIM, LENGTH, YEAR, MONTH, DAY_OF_MONTH -> requireArguments(call, function, args, 1);
            // the analyzer checks the arity of the others, for SQL and the DataFrame API alike
            default -> {
            }
        }
        return new ScalarFunction(name, args);
    }

    private static Map<String, ScalarFunction.Name> addedFunctions()
    {
        Map<String, ScalarFunction.Name> names = new LinkedHashMap<>();
        for (ScalarFunction.Name name : ScalarFunction.Name.values()) {
            if (name.ordinal() >= ScalarFunction.Name.ABS.ordinal()) {
                names.put(name.sqlName(), name);
            }
        }
        return Map.copyOf(names);
    }

    private static List<String> knownFunctions()
    {
        List<String> names = new ArrayList<>(List.of("sum", "avg", "min", "max", "count", "first", "stddev", "stddev_samp", "stddev_pop",
                "variance", "var_samp", "var_pop", "grouping", "grouping_id", "row_number", "rank", "dense_rank", "lag", "lead",
                "coalesce", "concat", "upper", "lower", "trim", "length", "substring", "startswith", "endswith", "contains", "year", "month", "day",
                "date_add", "date_sub", "datediff", "to_date", "current_date", "mod", "ceiling", "power", "sign"));
        for (ScalarFunction.Name name : ScalarFunction.Name.values()) {
            if (name.ordinal() >= ScalarFunction.Name.ABS.ordinal() && !names.contains(name.sqlName())) {
                names.add(name.sqlName());
            }
        }
        return List.copyOf(names);
    }

    /** Spark's current_date: the day the statement is planned, one value however often the statement names it. */
    private Literal currentDate()
    {
        if (today == null) {
            today = LocalDate.now();
        }
        return Literal.of(today);
    }

    private int intArgument(ParserRuleContext call, String function, Expression argument)
    {
        if (argument instanceof Literal literal && literal.value() instanceof Integer value) {
            return value;
        }
        throw error(call, "the offset of " + function + " must be a constant int, not " + argument.defaultName());
    }

    private void requireArguments(ParserRuleContext call, String function, List<Expression> args, int count)
    {
        if (args.size() != count) {
            throw error(call, function + " takes " + count + " argument" + (count == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    private Expression windowed(Expression function, OverClauseContext over)
    {
        if (over == null) {
            return function;
        }
        WindowSpec spec = Window.partitionBy(over.partitionKeys.stream().map(k -> new Column(expression(k))).toArray(Column[]::new));
        if (!over.sortItem().isEmpty()) {
            Column[] keys = over.sortItem().stream().map(item -> {
                SortOrder order = sortOrder(item, expression(item.expression()));
                Column column = new Column(order.expression());
                if (order.ascending()) {
                    return order.nullsFirst() ? column.asc_nulls_first() : column.asc_nulls_last();
                }
                return order.nullsFirst() ? column.desc_nulls_first() : column.desc_nulls_last();
            }).toArray(Column[]::new);
            spec = spec.orderBy(keys);
        }
        WindowFrameContext frame = over.windowFrame();
        if (frame != null) {
            long start = frameBound(frame.start);
            long end = frame.end == null ? 0 : frameBound(frame.end);
            spec = frame.frameType.getType() == SpindleSqlParser.ROWS ? spec.rowsBetween(start, end) : spec.rangeBetween(start, end);
        }
        return new Column(function).over(spec).expression();
    }

    private static long frameBound(FrameBoundContext bound)
    {
        if (bound.CURRENT() != null) {
            return Window.currentRow;
        }
        boolean preceding = bound.boundType.getType() == SpindleSqlParser.PRECEDING;
        if (bound.UNBOUNDED() != null) {
            return preceding ? Window.unboundedPreceding : Window.unboundedFollowing;
        }
        long offset = Long.parseLong(bound.offset.getText());
        return preceding ? -offset : offset;
    }

    private Expression literal(LiteralContext ctx)
    {
        if (ctx instanceof NullLiteralContext) {
            return Literal.nullOf(DataType.STRING);
        }
        if (ctx instanceof BooleanLiteralContext bool) {
            return Literal.of(bool.TRUE() != null);
        }
        if (ctx instanceof IntegerLiteralContext integer) {
            BigDecimal value = new BigDecimal(integer.getText());
            if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return Literal.of(value.intValueExact());
            }
            if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return Literal.of(value.longValueExact());
            }
            return Literal.of(value);
        }
        if (ctx instanceof BigintLiteralContext bigint) {
            String text = bigint.getText();
            try {
                return Literal.of(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            catch (NumberFormatException e) {
                throw error(ctx, text + " does not fit in a bigint");
            }
        }
        if (ctx instanceof DecimalLiteralContext decimal) {
            return Literal.of(new BigDecimal(decimal.getText()));
        }
        if (ctx instanceof DoubleLiteralContext number) {
            String text = number.getText();
            if (text.toUpperCase(Locale.ROOT).endsWith("D")) {
                text = text.substring(0, text.length() - 1);
            }
            return Literal.of(Double.parseDouble(text));
        }
        if (ctx instanceof StringLiteralContext string) {
            StringBuilder value = new StringBuilder();
            string.STRING().forEach(token -> value.append(stringValue(token.getSymbol())));
            return Literal.of(value.toString());
        }
        DateLiteralContext date = (DateLiteralContext) ctx;
        String text = stringValue(date.STRING().getSymbol());
        try {
            return Literal.of(LocalDate.parse(text.trim()));
        }
        catch (DateTimeParseException e) {
            throw error(ctx, "DATE '" + text + "' is not a date; write it as yyyy-MM-dd");
        }
    }

    private DataType dataType(DataTypeContext ctx)
    {
        String name = name(ctx.name).toLowerCase(Locale.ROOT);
        List<Integer> parameters = ctx.INTEGER_VALUE().stream().map(t -> Integer.parseInt(t.getText())).toList();
        return switch (name) {
            case "boolean" -> DataType.BOOLEAN;
            case "int", "integer", "smallint", "tinyint" -> DataType.INT;
            case "bigint", "long" -> DataType.LONG;
            case "double", "float", "real" -> DataType.DOUBLE;
            case "decimal", "dec", "numeric" -> {
                int precision = parameters.isEmpty() ? 10 : parameters.get(0);
                int scale = parameters.size() > 1 ? parameters.get(1) : 0;
                try {
                    yield DataType.decimal(precision, scale);
                }
                catch (IllegalArgumentException e) {
                    throw error(ctx, e.getMessage());
                }
            }
            case "date" -> DataType.DATE;
            case "timestamp" -> DataType.TIMESTAMP;
            case "string", "varchar", "char", "text" -> DataType.STRING;
            default -> throw error(ctx, "type '" + ctx.getText() + "' is not known; use boolean, int, bigint, double, decimal(p,s), date, timestamp or string");
        };
    }

    // ---- names

    /** A table's columns, with the alias each can be qualified by. */
    private record Frame(Schema schema, List<String> qualifiers) {}

    private static Frame frame(LogicalPlan plan)
    {
        return new Frame(plan.schema(), Qualifiers.of(plan));
    }

    /** The position of the column {@code name} ({@code column} or {@code qualifier.column}), if {@code frame} has it. */
    private static Optional<Integer> lookup(String name, Frame frame)
    {
        Schema schema = frame.schema();
        List<Integer> matches = new ArrayList<>();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String qualifier = name.substring(0, dot);
            String column = name.substring(dot + 1);
            for (int i = 0; i < schema.size(); i++) {
                if (qualifier.equalsIgnoreCase(frame.qualifiers().get(i)) && column.equalsIgnoreCase(schema.field(i).name())) {
                    matches.add(i);
                }
            }
        }
        if (matches.isEmpty()) {
            matches = schema.indexesOf(name);
        }
        if (matches.size() > 1) {
            List<String> candidates = matches.stream()
                    .map(i -> frame.qualifiers().get(i) == null ? schema.field(i).name() : frame.qualifiers().get(i) + "." + schema.field(i).name())
                    .toList();
            throw new AnalysisException("column reference '" + name + "' is ambiguous: it could be any of " + candidates
                    + "; qualify it with its table's name or alias");
        }
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }

    /** Binds column names to {@code frame}'s positions, else to {@code outer}'s (shifted past frame), else fails. */
    private static Expression bind(Expression expression, Frame frame, Frame outer)
    {
        return expression.transformUp(node -> {
            if (!(node instanceof UnresolvedColumn column)) {
                return node;
            }
            Optional<Integer> index = lookup(column.name(), frame);
            if (index.isPresent()) {
                return ref(frame.schema(), index.get());
            }
            throw notFound(column.name(), frame);
        });
    }

    /** Binds over the columns of {@code outer} followed by those of {@code inner}, the inner ones first in scope. */
    private static Expression bindShifted(Expression expression, Frame inner, int outerWidth, Frame outer)
    {
        return expression.transformUp(node -> {
            if (!(node instanceof UnresolvedColumn column)) {
                return node;
            }
            Optional<Integer> index = lookup(column.name(), inner);
            if (index.isPresent()) {
                return ref(inner.schema(), index.get()).withIndex(outerWidth + index.get());
            }
            Optional<Integer> outerIndex = lookup(column.name(), outer);
            if (outerIndex.isPresent()) {
                return ref(outer.schema(), outerIndex.get());
            }
            throw notFound(column.name(), inner);
        });
    }

    private static boolean readsOnly(Expression expression, Frame frame)
    {
        return !expression.anyMatch(e -> e instanceof UnresolvedColumn column && lookup(column.name(), frame).isEmpty());
    }

    private static ColumnNotFoundException notFound(String name, Frame frame)
    {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < frame.schema().size(); i++) {
            String field = frame.schema().field(i).name();
            if (!field.startsWith(SCALAR_PREFIX)) {
                names.add(field);
            }
        }
        String wanted = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        String hint = NameSuggester.closest(wanted, names).map(s -> "; did you mean '" + s + "'?").orElse("");
        return new ColumnNotFoundException(name, "column '" + name + "' not found in " + names + hint);
    }

    private static Expression resolve(Expression expression, LogicalPlan plan)
    {
        return ExpressionAnalyzer.resolve(bind(expression, frame(plan), null), plan.schema());
    }

    private static Optional<Expression> tryResolve(Expression expression, LogicalPlan plan)
    {
        try {
            return Optional.of(resolve(expression, plan));
        }
        catch (AnalysisException e) {
            return Optional.empty();
        }
    }

    private static BitSet references(Expression expression)
    {
        BitSet references = new BitSet();
        expression.anyMatch(e -> {
            if (e instanceof ColumnRef ref) {
                references.set(ref.index());
            }
            return false;
        });
        return references;
    }

    private static Expression shift(Expression expression, int by)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() + by) : e);
    }

    private static Expression unalias(Expression expression)
    {
        return expression instanceof Alias alias ? alias.child() : expression;
    }

    private static LogicalPlan distinct(LogicalPlan plan)
    {
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < plan.schema().size(); i++) {
            columns.add(ref(plan.schema(), i));
        }
        return new Aggregate(plan, columns, List.of());
    }

    private static ColumnRef ref(Schema schema, int index)
    {
        StructField field = schema.field(index);
        return new ColumnRef(index, field.name(), field.type(), field.nullable());
    }

    private String name(IdentifierContext ctx)
    {
        String text = ctx.getText();
        if (ctx.QUOTED_IDENTIFIER() != null) {
            return text.substring(1, text.length() - 1).replace("``", "`");
        }
        return text;
    }

    private String multipartName(MultipartNameContext ctx)
    {
        return String.join(".", ctx.identifier().stream().map(this::name).toList());
    }

    private static String stringValue(Token token)
    {
        String text = token.getText();
        char quote = text.charAt(0);
        String body = text.substring(1, text.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(i + 1);
                switch (next) {
                    case '\'', '"', '\\' -> {
                        value.append(next);
                        i++;
                        continue;
                    }
                    case 'n' -> {
                        value.append('\n');
                        i++;
                        continue;
                    }
                    case 't' -> {
                        value.append('\t');
                        i++;
                        continue;
                    }
                    default -> {
                        // other escapes, such as LIKE's \% and \_, are kept for the function that reads them
                    }
                }
            }
            value.append(c);
        }
        return value.toString();
    }

    private static AnalysisException error(ParserRuleContext ctx, String message)
    {
        return error(ctx.getStart(), message);
    }

    private static AnalysisException error(Token token, String message)
    {
        return new AnalysisException("line " + token.getLine() + ":" + token.getCharPositionInLine() + ": " + message);
    }

    /** A name no scope in reach has; thrown apart from other errors so that a subquery can be tried as correlated. */
    private static final class ColumnNotFoundException
            extends AnalysisException
    {
        private final String column;

        ColumnNotFoundException(String column, String message)
        {
            super(message);
            this.column = column;
        }

        String column()
        {
            return column;
        }
    }
}
