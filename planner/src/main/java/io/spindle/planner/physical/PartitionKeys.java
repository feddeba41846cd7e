package io.spindle.planner.physical;

import io.spindle.planner.expressions.Alias;
import io.spindle.planner.expressions.Cast;
import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether two partitioning keys put rows in the same partitions, and how a partitioning reads after an operator
 * moves its columns. Two keys are alike when they compute the same value from the same input positions: column
 * names and nullability do not matter, aliases are looked through, and so is widening an int to a long, because
 * the executors' row hasher hashes an int and a long of equal value alike.
 */
final class PartitionKeys
{
    private PartitionKeys()
    {
    }

    static boolean sameKey(Expression a, Expression b)
    {
        return canonical(a).equals(canonical(b));
    }

    static boolean sameKeys(List<Expression> a, List<Expression> b)
    {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameKey(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The child's partitioning as seen on the output of an operator whose column {@code i} is {@code outputs.get(i)}
     * over the child's columns; unknown when a hash key is not among the outputs.
     */
    static Optional<Partitioning> throughOutputs(Optional<Partitioning> child, List<? extends Expression> outputs)
    {
        if (child.isEmpty() || !(child.get() instanceof Partitioning.Hash hash)) {
            return child.filter(partitioning -> partitioning instanceof Partitioning.Single);
        }
        List<Expression> keys = new ArrayList<>();
        for (Expression key : hash.keys()) {
            int position = -1;
            for (int i = 0; i < outputs.size() && position < 0; i++) {
                if (sameKey(key, outputs.get(i))) {
                    position = i;
                }
            }
            if (position < 0) {
                return Optional.empty();
            }
            Expression output = outputs.get(position);
            keys.add(new ColumnRef(position, output.defaultName(), output.type(), output.nullable()));
        }
        return Optional.of(new Partitioning.Hash(keys, hash.numPartitions()));
    }

    /** The partitioning with its key columns moved {@code offset} positions right, as a join's right side lies in its output. */
    static Optional<Partitioning> shifted(Optional<Partitioning> partitioning, int offset)
    {
        if (partitioning.isEmpty() || !(partitioning.get() instanceof Partitioning.Hash hash)) {
            return partitioning;
        }
        List<Expression> keys = hash.keys().stream()
                .map(key -> key.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() + offset) : e))
                .toList();
        return Optional.of(new Partitioning.Hash(keys, hash.numPartitions()));
    }

    private static Expression canonical(Expression expression)
    {
        if (expression instanceof Alias alias) {
            return canonical(alias.child());
        }
        if (expression instanceof Cast cast && isIntegral(cast.type()) && isIntegral(cast.child().type())
                && !(cast.type().kind() == TypeKind.INT && cast.child().type().kind() == TypeKind.LONG)) {
            // widening keeps the value, and an int hashes as the long of the same value
            return canonical(cast.child());
        }
        if (expression instanceof ColumnRef ref) {
            return canonicalRef(ref);
        }
        return expression.withChildren(expression.children().stream().map(PartitionKeys::canonical).toList());
    }

    private static ColumnRef canonicalRef(ColumnRef ref)
    {
        DataType type = isIntegral(ref.type()) ? DataType.LONG : ref.type();
        return new ColumnRef(ref.index(), "", type, false);
    }

    private static boolean isIntegral(DataType type)
    {
        return type.kind() == TypeKind.INT || type.kind() == TypeKind.LONG;
    }
}
