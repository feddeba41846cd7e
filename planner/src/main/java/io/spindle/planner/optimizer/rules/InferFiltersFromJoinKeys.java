package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Comparison;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.IsNull;
import io.spindle.planner.expressions.Literal;
import io.spindle.planner.expressions.Not;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Copies a filter on one key of an equi-join to the other key: in {@code a JOIN b ON a.k = b.k}, a conjunct
 * {@code a.k > 5} known to hold below the join implies {@code b.k > 5} on every row that can match, so the
 * other side may drop the rows that cannot, and the other scan can skip them. Filters above an inner join
 * reach its sides through {@link PushFilterThroughJoin} first.
 *
 * <p>Only inner, cross-with-condition and left semi joins: an outer or anti join keeps the other side's
 * unmatched rows, which the copy would remove. Only simple conjuncts on the bare key column (a comparison with
 * a literal, possibly through a cast, or IS NOT NULL) whose key types are equal, so that equal keys give the
 * conjunct the same value. A copy is added only when the other side does not already guarantee it, judged by
 * the conjuncts known to hold on its rows; since a pushed copy stays known wherever the push rules carry it,
 * the rule cannot fire twice for the same conjunct. A side under an aggregate is not a target: a filter pushed
 * through it would no longer be seen as known there.
 */
public final class InferFiltersFromJoinKeys
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Join join) || join.condition().isEmpty() || !infersAcross(join.type())) {
            return node;
        }
        int leftWidth = join.left().schema().size();
        Optional<List<Expression>> knownLeft = knownConjuncts(join.left());
        Optional<List<Expression>> knownRight = knownConjuncts(join.right());
        if (knownLeft.isEmpty() || knownRight.isEmpty()) {
            return node;
        }
        List<Expression> toLeft = new ArrayList<>();
        List<Expression> toRight = new ArrayList<>();
        for (Expression conjunct : Predicates.conjuncts(join.condition().get())) {
            if (!(conjunct instanceof Comparison equal) || equal.operator() != Comparison.Operator.EQUAL
                    || !(equal.left() instanceof ColumnRef a) || !(equal.right() instanceof ColumnRef b)
                    || !a.type().equals(b.type())) {
                continue;
            }
            ColumnRef leftKey = a.index() < leftWidth ? a : b;
            ColumnRef rightKey = a.index() < leftWidth ? b : a;
            if (leftKey.index() >= leftWidth || rightKey.index() < leftWidth) {
                continue;
            }
            int rightIndex = rightKey.index() - leftWidth;
            copy(knownLeft.get(), leftKey.index(), join.right(), rightIndex, knownRight.get(), toRight);
            copy(knownRight.get(), rightIndex, join.left(), leftKey.index(), knownLeft.get(), toLeft);
        }
        if (toLeft.isEmpty() && toRight.isEmpty()) {
            return node;
        }
        LogicalPlan left = toLeft.isEmpty() ? join.left() : new Filter(join.left(), Predicates.and(toLeft));
        LogicalPlan right = toRight.isEmpty() ? join.right() : new Filter(join.right(), Predicates.and(toRight));
        return join.replaceChildren(List.of(left, right));
    }

    private static boolean infersAcross(JoinType type)
    {
        return type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.LEFT_SEMI;
    }

    /** Adds to {@code out} each known source conjunct on {@code sourceKey}, rewritten onto the target's key, that the target lacks. */
    private static void copy(List<Expression> source, int sourceKey, LogicalPlan target, int targetKey,
            List<Expression> targetKnown, List<Expression> out)
    {
        StructField field = target.schema().field(targetKey);
        ColumnRef targetRef = new ColumnRef(targetKey, field.name(), field.type(), field.nullable());
        for (Expression conjunct : source) {
            BitSet references = Predicates.references(conjunct);
            if (references.cardinality() != 1 || references.nextSetBit(0) != sourceKey
                    || !isSimple(conjunct) || !Predicates.deterministic(conjunct)) {
                continue;
            }
            // IS NOT NULL on a key that cannot be null would be simplified away and then copied again, pass after pass
            if (conjunct instanceof Not && !field.nullable()) {
                continue;
            }
            Expression copied = Predicates.substitute(conjunct, index -> targetRef);
            Expression normalized = normalize(copied);
            boolean present = targetKnown.stream().anyMatch(known -> normalize(known).equals(normalized))
                    || out.stream().anyMatch(added -> normalize(added).equals(normalized));
            if (!present) {
                out.add(copied);
            }
        }
    }

    private static boolean isSimple(Expression conjunct)
    {
        if (conjunct instanceof Not not && not.child() instanceof IsNull isNull) {
            return isColumn(isNull.child());
        }
        return conjunct instanceof Comparison comparison
                && (isColumn(comparison.left()) && comparison.right() instanceof Literal
                || comparison.left() instanceof Literal && isColumn(comparison.right()));
    }

    private static boolean isColumn(Expression expression)
    {
        return expression instanceof ColumnRef || expression instanceof Cast cast && cast.child() instanceof ColumnRef;
    }

    /** Column references compared by position and type only: names and nullability differ between the two sides. */
    private static Expression normalize(Expression expression)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? new ColumnRef(ref.index(), "_", ref.type(), true) : e);
    }

    /**
     * The conjuncts known to hold on every row {@code plan} returns, in its output positions, or empty when a
     * filter put on it could be moved out of sight (through an aggregate).
     */
    static Optional<List<Expression>> knownConjuncts(LogicalPlan plan)
    {
        if (plan instanceof Filter filter) {
            Optional<List<Expression>> below = knownConjuncts(filter.child());
            if (below.isEmpty()) {
                return below;
            }
            List<Expression> known = new ArrayList<>(Predicates.conjuncts(filter.condition()));
            known.addAll(below.get());
            return Optional.of(known);
        }
        if (plan instanceof Project project) {
            return knownConjuncts(project.child()).map(below -> throughProject(below, project.expressions()));
        }
        if (plan instanceof Join join) {
            return knownThroughJoin(join);
        }
        if (plan instanceof Aggregate) {
            return Optional.empty();
        }
        // A file scan's pushed filters are also in the filter kept above it; no rule pushes a filter into other nodes.
        return Optional.of(List.of());
    }

    private static List<Expression> throughProject(List<Expression> below, List<Expression> expressions)
    {
        List<Expression> known = new ArrayList<>();
        for (Expression conjunct : below) {
            BitSet references = Predicates.references(conjunct);
            int[] outputOf = new int[references.length()];
            boolean allPassed = true;
            for (int index = references.nextSetBit(0); index >= 0; index = references.nextSetBit(index + 1)) {
                outputOf[index] = passedThrough(expressions, index);
                allPassed &= outputOf[index] >= 0;
            }
            if (allPassed) {
                known.add(Predicates.substitute(conjunct, index -> {
                    Expression output = expressions.get(outputOf[index]);
                    return new ColumnRef(outputOf[index], output.defaultName(), output.type(), output.nullable());
                }));
            }
        }
        return known;
    }

    private static int passedThrough(List<Expression> expressions, int childIndex)
    {
        for (int i = 0; i < expressions.size(); i++) {
            if (Predicates.unalias(expressions.get(i)) instanceof ColumnRef ref && ref.index() == childIndex) {
                return i;
            }
        }
        return -1;
    }

    /** A side the join never pads with nulls keeps its conjuncts: that is where PushFilterThroughJoin puts them. */
    private static Optional<List<Expression>> knownThroughJoin(Join join)
    {
        Optional<List<Expression>> left = knownConjuncts(join.left());
        Optional<List<Expression>> right = knownConjuncts(join.right());
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        List<Expression> known = new ArrayList<>();
        if (!join.type().keepsUnmatchedRight()) {
            known.addAll(left.get());
        }
        if (join.type().outputsRight() && !join.type().keepsUnmatchedLeft()) {
            int leftWidth = join.left().schema().size();
            for (Expression conjunct : right.get()) {
                known.add(conjunct.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() + leftWidth) : e));
            }
        }
        return Optional.of(known);
    }
}
