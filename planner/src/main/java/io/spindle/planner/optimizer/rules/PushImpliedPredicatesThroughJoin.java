package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Filters each side of a join by what a disjunction in the join condition implies for that side alone, and keeps
 * the condition as it is (Spark's {@code PushExtraPredicateThroughJoin}). For a conjunct {@code B1 OR ... OR Bn} of
 * the condition that reads both sides, the side's implied predicate is the OR, over the branches, of the AND of
 * the branch's conjuncts that read only that side; when some branch has none, nothing is implied. A pair of rows
 * the condition matches makes some branch true, so that branch's one-side conjuncts are true too: a row for which
 * the implied predicate is false or null matches nothing. TPC-H Q19 joins part and lineitem on three such cases,
 * and this lets both scans drop the rows no case can use before the join.
 * <p>
 * A side is filtered only when the join drops its unmatched rows: both sides of an inner or cross join, the right
 * of a left outer or anti join, the left of a right outer join, both of a semi join.
 * <p>
 * The implied predicate stays true of the side below any later rewrite, but once it has moved (into a scan, below
 * a projection) this rule cannot tell that it is there, so the optimizer offers it each join once rather than
 * to a fixed point.
 */
public final class PushImpliedPredicatesThroughJoin
        implements Rule
{
    @Override
    public LogicalPlan apply(LogicalPlan node)
    {
        if (!(node instanceof Join join) || join.condition().isEmpty()) {
            return node;
        }
        int leftWidth = join.left().schema().size();
        JoinType type = join.type();
        boolean filterLeft = !type.keepsUnmatchedLeft() && type != JoinType.LEFT_ANTI;
        boolean filterRight = !type.keepsUnmatchedRight();
        List<Expression> toLeft = new ArrayList<>();
        List<Expression> toRight = new ArrayList<>();
        for (Expression conjunct : Predicates.conjuncts(join.condition().get())) {
            if (!(conjunct instanceof Logical logical) || logical.operator() != Logical.Operator.OR || !readsBothSides(conjunct, leftWidth)) {
                continue;
            }
            List<Expression> branches = Predicates.disjuncts(conjunct);
            if (filterLeft) {
                implied(branches, leftWidth, true).ifPresent(toLeft::add);
            }
            if (filterRight) {
                implied(branches, leftWidth, false).map(e -> shift(e, leftWidth)).ifPresent(toRight::add);
            }
        }
        if (toLeft.isEmpty() && toRight.isEmpty()) {
            return node;
        }
        LogicalPlan left = toLeft.isEmpty() ? join.left() : new Filter(join.left(), Predicates.and(toLeft));
        LogicalPlan right = toRight.isEmpty() ? join.right() : new Filter(join.right(), Predicates.and(toRight));
        return join.replaceChildren(List.of(left, right));
    }

    private static boolean readsBothSides(Expression expression, int leftWidth)
    {
        BitSet references = Predicates.references(expression);
        return references.nextSetBit(0) >= 0 && references.nextSetBit(0) < leftWidth && references.nextSetBit(leftWidth) >= 0;
    }

    /** The OR over {@code branches} of each one's conjuncts that read only the chosen side, if every branch has some. */
    private static Optional<Expression> implied(List<Expression> branches, int leftWidth, boolean leftSide)
    {
        List<Expression> perBranch = new ArrayList<>(branches.size());
        for (Expression branch : branches) {
            List<Expression> own = new ArrayList<>();
            for (Expression conjunct : Predicates.conjuncts(branch)) {
                BitSet references = Predicates.references(conjunct);
                boolean onSide = !references.isEmpty()
                        && (leftSide ? references.nextSetBit(leftWidth) < 0 : references.nextSetBit(0) >= leftWidth);
                if (onSide && Predicates.deterministic(conjunct)) {
                    own.add(conjunct);
                }
            }
            if (own.isEmpty()) {
                return Optional.empty();
            }
            perBranch.add(Predicates.and(own));
        }
        return Optional.of(Predicates.or(perBranch));
    }

    private static Expression shift(Expression expression, int leftWidth)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() - leftWidth) : e);
    }
}
