package io.spindle.planner.analyzer;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The alias each output column of a plan can be qualified with ({@code o.o_orderkey}), as given by
 * {@code df.alias("o")}: it passes through nodes that keep rows and columns, through joins, and through a
 * projection that keeps the column as it is; a computed column has none.
 */
public final class Qualifiers
{
    private Qualifiers()
    {
    }

    /** One entry per output column of {@code plan}: its qualifier, or null. */
    public static List<String> of(LogicalPlan plan)
    {
        if (plan instanceof SubqueryAlias alias) {
            return Collections.nCopies(plan.schema().size(), alias.alias());
        }
        if (plan instanceof Filter || plan instanceof Sort || plan instanceof Limit || plan instanceof JoinHint) {
            return of(plan.children().get(0));
        }
        if (plan instanceof Join join) {
            List<String> qualifiers = new ArrayList<>(of(join.left()));
            if (join.type().outputsRight()) {
                qualifiers.addAll(of(join.right()));
            }
            return qualifiers;
        }
        if (plan instanceof Project project) {
            List<String> input = of(project.child());
            List<String> qualifiers = new ArrayList<>();
            for (Expression expression : project.expressions()) {
                qualifiers.add(expression instanceof ColumnRef ref ? input.get(ref.index()) : null);
            }
            return qualifiers;
        }
        return Collections.nCopies(plan.schema().size(), null);
    }

    /**
     * Binds each column written {@code qualifier.name}, where some column has that qualifier, to its position
     * in {@code input}; leaves every other name for {@link ExpressionAnalyzer}.
     */
    public static Expression bindQualified(Expression expression, Schema input, List<String> qualifiers)
    {
        return expression.transformUp(node -> {
            if (!(node instanceof io.spindle.planner.expressions.UnresolvedColumn column)) {
                return node;
            }
            int dot = column.name().indexOf('.');
            if (dot <= 0) {
                return node;
            }
            String qualifier = column.name().substring(0, dot).toLowerCase(Locale.ROOT);
            String name = column.name().substring(dot + 1);
            if (qualifiers.stream().noneMatch(q -> q != null && q.toLowerCase(Locale.ROOT).equals(qualifier))) {
                return node;
            }
            List<Integer> matches = new ArrayList<>();
            List<String> candidates = new ArrayList<>();
            for (int i : input.indexesOf(name)) {
                String q = qualifiers.get(i);
                if (q != null && q.toLowerCase(Locale.ROOT).equals(qualifier)) {
                    matches.add(i);
                }
            }
            for (int i = 0; i < input.size(); i++) {
                String q = qualifiers.get(i);
                if (q != null && q.toLowerCase(Locale.ROOT).equals(qualifier)) {
                    candidates.add(q + "." + input.field(i).name());
                }
            }
            if (matches.isEmpty()) {
                throw new AnalysisException("column '" + column.name() + "' not found in " + candidates);
            }
            if (matches.size() > 1) {
                throw new AnalysisException("column reference '" + column.name() + "' is ambiguous: " + matches.size()
                        + " columns of '" + column.name().substring(0, dot) + "' have that name; give the sides different aliases");
            }
            StructField field = input.field(matches.get(0));
            return new ColumnRef(matches.get(0), field.name(), field.type(), field.nullable());
        });
    }
}
