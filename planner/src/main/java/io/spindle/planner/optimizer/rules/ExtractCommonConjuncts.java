package io.spindle.planner.optimizer.rules;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the conjuncts every branch of a disjunction shares out of it:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}, and {@code a OR (a AND b)} becomes {@code a}.
 * Distribution holds under three-valued logic. It matters for joins written as a disjunction of cases that each
 * repeat the join key (TPC-H Q19): once the key equality stands alone, the join can hash on it.
 */
public final class ExtractCommonConjuncts
        extends ExpressionRule
{
    @Override
    protected Expression rewrite(Expression node)
    {
        if (!(node instanceof Logical logical) || logical.operator() != Logical.Operator.OR) {
            return node;
        }
        List<List<Expression>> branchConjuncts = Predicates.disjuncts(node).stream().map(Predicates::conjuncts).toList();
        List<Expression> common = new ArrayList<>();
        for (Expression candidate : branchConjuncts.get(0)) {
            if (!common.contains(candidate) && branchConjuncts.stream().allMatch(conjuncts -> conjuncts.contains(candidate))) {
                common.add(candidate);
            }
        }
        if (common.isEmpty()) {
            return node;
        }
        Expression rest = null;
        for (List<Expression> conjuncts : branchConjuncts) {
            List<Expression> remaining = conjuncts.stream().filter(c -> !common.contains(c)).toList();
            if (remaining.isEmpty()) {
                // this branch is the common part alone, which implies every other branch's common part
                return Predicates.and(common);
            }
            Expression branch = Predicates.and(remaining);
            rest = rest == null ? branch : Logical.or(rest, branch);
        }
        return Logical.and(Predicates.and(common), rest);
    }
}
