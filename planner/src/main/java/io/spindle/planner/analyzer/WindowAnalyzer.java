package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.AggregateCall;
import io.spindle.planner.expressions.AggregateFunction;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.expressions.WindowFrame;
import io.spindle.planner.expressions.WindowFunction;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Window;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks window functions and window expressions as they resolve, and plans a projection that uses them:
 * the window expressions move into {@link Window} nodes (one per distinct partition and order keys, stacked)
 * under the projection, which reads their results as columns.
 */
public final class WindowAnalyzer
{
    private WindowAnalyzer()
    {
    }

    static Expression resolveFunction(WindowFunction function)
    {
        if (function.kind().isRanking() || function.defaultValue().isEmpty()) {
            return function;
        }
        Expression input = function.input().orElseThrow();
        Expression defaultValue = function.defaultValue().get();
        DataType type = input.type();
        if (defaultValue.type().equals(type)) {
            return function;
        }
        if (defaultValue instanceof Literal literal && literal.isNull()) {
            return function.withDefaultValue(Optional.of(Literal.nullOf(type)));
        }
        boolean numericToNumeric = defaultValue.type().isNumeric() && type.isNumeric();
        if (defaultValue instanceof Literal literal && (numericToNumeric || type.kind() == TypeKind.STRING)) {
            return function.withDefaultValue(Optional.of(LiteralCasts.cast(literal, type)));
        }
        if (numericToNumeric) {
            return function.withDefaultValue(Optional.of(new Cast(defaultValue, type)));
        }
        throw new AnalysisException("the default " + defaultValue.defaultName() + " of " + function.kind().sqlName() + "("
                + input.defaultName() + ") is " + defaultValue.type().sqlName() + " but the input is " + type.sqlName()
                + "; give a default of the input's type");
    }

    static Expression resolveWindow(WindowExpression window)
    {
        Expression function = window.function();
        for (Expression argument : function.children()) {
            if (argument.anyMatch(e -> e instanceof WindowExpression || e instanceof WindowFunction || e instanceof AggregateCall)) {
                throw new AnalysisException("the argument " + argument.defaultName() + " of window function " + function.defaultName()
                        + " cannot hold an aggregate or window function; compute it in a column first");
            }
        }
        if (function instanceof WindowFunction) {
            if (window.orderKeys().isEmpty()) {
                throw new AnalysisException("window function " + function.defaultName() + " needs an ordered window;"
                        + " add orderBy, as Window.partitionBy(...).orderBy(...)");
            }
            return window;
        }
        if (!(function instanceof AggregateCall call)) {
            throw new AnalysisException(function.defaultName() + " is not a window function; use row_number, rank, dense_rank,"
                    + " lag, lead, or an aggregate (sum, avg, min, max, count) with over(...)");
        }
        if (call.function() == AggregateFunction.FIRST) {
            throw new AnalysisException("first(...) over a window is not supported; use lag, min or max");
        }
        if (switch (call.function()) {
            case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> true;
            default -> false;
        }) {
            throw new AnalysisException(call.defaultName() + " over a window is not supported; compute it in a groupBy and join it back");
        }
        if (call.function().isDistinct()) {
            throw new AnalysisException(call.defaultName() + " over a window is not supported; aggregate the distinct values in a groupBy and join them back");
        }
        if (call.function() == AggregateFunction.AVG && call.argumentType().kind() == TypeKind.DECIMAL) {
            throw new AnalysisException("avg(" + call.argument().get().defaultName() + ") over a window needs a non-decimal argument;"
                    + " cast it to double");
        }
        WindowFrame frame = window.frame();
        if (frame.type() == WindowFrame.Type.RANGE && (!isRangeBound(frame.start()) || !isRangeBound(frame.end()))) {
            throw new AnalysisException("rangeBetween(" + frame.start() + ", " + frame.end() + ") with value offsets is not supported;"
                    + " use Window.unboundedPreceding, Window.currentRow, Window.unboundedFollowing, or rowsBetween for row offsets");
        }
        return window;
    }

    private static boolean isRangeBound(long bound)
    {
        return bound == WindowFrame.UNBOUNDED_PRECEDING || bound == WindowFrame.CURRENT_ROW || bound == WindowFrame.UNBOUNDED_FOLLOWING;
    }

    /**
     * A projection of resolved {@code expressions} over {@code child}; window expressions among them are
     * computed by {@link Window} nodes placed between the child and the projection.
     */
    public static Project project(LogicalPlan child, List<Expression> expressions)
    {
        Map<List<Object>, List<WindowExpression>> byKeys = new LinkedHashMap<>();
        for (Expression expression : expressions) {
            expression.anyMatch(e -> {
                if (e instanceof WindowExpression window) {
                    List<WindowExpression> group = byKeys.computeIfAbsent(List.of(window.partitionKeys(), window.orderKeys()), k -> new ArrayList<>());
                    if (!group.contains(window)) {
                        group.add(window);
                    }
                }
                return false;
            });
        }
        if (byKeys.isEmpty()) {
            expressions.forEach(WindowAnalyzer::rejectBareWindowFunctions);
            return new Project(child, expressions);
        }
        LogicalPlan plan = child;
        Map<WindowExpression, ColumnRef> columns = new LinkedHashMap<>();
        for (List<WindowExpression> group : byKeys.values()) {
            int position = plan.schema().size();
            for (WindowExpression window : group) {
                columns.put(window, new ColumnRef(position++, window.defaultName(), window.type(), window.nullable()));
            }
            plan = new Window(plan, group);
        }
        List<Expression> rewritten = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            Expression replaced = expression.transformUp(e -> e instanceof WindowExpression window ? columns.get(window) : e);
            rejectBareWindowFunctions(replaced);
            rewritten.add(replaced);
        }
        return new Project(plan, rewritten);
    }

    private static void rejectBareWindowFunctions(Expression expression)
    {
        expression.anyMatch(e -> {
            if (e instanceof WindowFunction function) {
                throw new AnalysisException(function.defaultName() + " needs a window: write " + function.kind().sqlName()
                        + "(...).over(Window.partitionBy(...).orderBy(...))");
            }
            return false;
        });
    }

    /** Whether {@code expression} holds an aggregate that is not computed over a window. */
    public static boolean hasAggregateOutsideWindows(Expression expression)
    {
        if (expression instanceof WindowExpression) {
            return false;
        }
        if (expression instanceof AggregateCall) {
            return true;
        }
        for (Expression child : expression.children()) {
            if (hasAggregateOutsideWindows(child)) {
                return true;
            }
        }
        return false;
    }

    /** Fails when {@code expression} uses a window function where windows are not computed ({@code where}). */
    public static void rejectWindows(Expression expression, String where)
    {
        if (expression.anyMatch(e -> e instanceof WindowExpression || e instanceof WindowFunction)) {
            throw new AnalysisException("window function " + expression.defaultName() + " is not allowed in " + where
                    + "; compute it as a column with select or withColumn first");
        }
    }
}
