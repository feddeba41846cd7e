package io.spindle.planner.optimizer.rules;

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
import io.spindle.planner.types.TypeKind;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;

/** What the rules need to know about predicates: conjuncts, references, determinism, substitution. */
final class Predicates
{
    private Predicates()
    {
    }

    /** The operands of a tree of ANDs, left to right. */
    static List<Expression> conjuncts(Expression condition)
    {
        List<Expression> out = new ArrayList<>();
        addConjuncts(condition, out);
        return out;
    }

    private static void addConjuncts(Expression condition, List<Expression> out)
    {
        if (condition instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            addConjuncts(logical.left(), out);
            addConjuncts(logical.right(), out);
        }
        else {
            out.add(condition);
        }
    }

    /** The operands of a tree of ORs, left to right. */
    static List<Expression> disjuncts(Expression condition)
    {
        List<Expression> out = new ArrayList<>();
        addDisjuncts(condition, out);
        return out;
    }

    private static void addDisjuncts(Expression condition, List<Expression> out)
    {
        if (condition instanceof Logical logical && logical.operator() == Logical.Operator.OR) {
            addDisjuncts(logical.left(), out);
            addDisjuncts(logical.right(), out);
        }
        else {
            out.add(condition);
        }
    }

    /** The OR of {@code disjuncts}, which must not be empty. */
    static Expression or(List<Expression> disjuncts)
    {
        Expression result = disjuncts.get(0);
        for (int i = 1; i < disjuncts.size(); i++) {
            result = Logical.or(result, disjuncts.get(i));
        }
        return result;
    }

    /** The AND of {@code conjuncts}, which must not be empty. */
    static Expression and(List<Expression> conjuncts)
    {
        Expression result = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            result = Logical.and(result, conjuncts.get(i));
        }
        return result;
    }

    static BitSet references(Expression expression)
    {
        BitSet refs = new BitSet();
        expression.anyMatch(e -> {
            if (e instanceof ColumnRef ref) {
                refs.set(ref.index());
            }
            return false;
        });
        return refs;
    }

    /**
     * Whether the expression gives the same result for the same row however often and wherever it is
     * evaluated. Only the kinds known here count: an expression kind added later is treated as
     * non-deterministic until someone says otherwise, so no rule moves or duplicates it. Every built-in
     * scalar function is deterministic today; one that is not (a random number) must be excluded here.
     */
    static boolean deterministic(Expression expression)
    {
        return !expression.anyMatch(e -> !(isCoreKind(e) || e instanceof ScalarFunction || e instanceof CaseWhen));
    }

    private static boolean isCoreKind(Expression e)
    {
        return e instanceof ColumnRef || e instanceof Literal || e instanceof Arithmetic || e instanceof Comparison
                || e instanceof Logical || e instanceof Not || e instanceof IsNull || e instanceof Cast || e instanceof Alias;
    }

    /**
     * Whether the expression can be null, trusting {@link Expression#nullable()} only for the kinds known
     * here; a cast is null for a value that does not fit a decimal or a string that does not parse,
     * whatever its input, so only casts between other numeric types or to string are trusted.
     */
    static boolean mayBeNull(Expression expression)
    {
        return expression.nullable()
                || expression.anyMatch(e -> !isCoreKind(e) || e instanceof Cast cast && !neverNullFromNonNull(cast));
    }

    private static boolean neverNullFromNonNull(Cast cast)
    {
        TypeKind to = cast.type().kind();
        return to == TypeKind.STRING || cast.child().type().equals(cast.type())
                || (cast.child().type().isNumeric() && cast.type().isNumeric() && to != TypeKind.DECIMAL);
    }

    /** Replaces each column reference by {@code replacement.apply(index)}. */
    static Expression substitute(Expression expression, IntFunction<Expression> replacement)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? replacement.apply(ref.index()) : e);
    }

    static Expression unalias(Expression expression)
    {
        return expression instanceof Alias alias ? alias.child() : expression;
    }

    static boolean isTrue(Expression expression)
    {
        return expression instanceof Literal literal && Boolean.TRUE.equals(literal.value());
    }

    static boolean isFalse(Expression expression)
    {
        return expression instanceof Literal literal && Boolean.FALSE.equals(literal.value());
    }

    static boolean isNullLiteral(Expression expression)
    {
        return expression instanceof Literal literal && literal.isNull();
    }
}
