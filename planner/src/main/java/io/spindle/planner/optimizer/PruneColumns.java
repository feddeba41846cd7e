package io.spindle.planner.optimizer;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.SortOrder;
import io.spindle.planner.expressions.WindowExpression;
import io.spindle.planner.logical.Aggregate;
import io.spindle.planner.logical.CachedRelation;
import io.spindle.planner.logical.EnforceSingleRow;
import io.spindle.planner.logical.Expand;
import io.spindle.planner.logical.FileRelation;
import io.spindle.planner.logical.Filter;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinHint;
import io.spindle.planner.logical.Limit;
import io.spindle.planner.logical.Offset;
import io.spindle.planner.logical.LocalRelation;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.LogicalPlanVisitor;
import io.spindle.planner.logical.Project;
import io.spindle.planner.logical.Repartition;
import io.spindle.planner.logical.Sort;
import io.spindle.planner.logical.SubqueryAlias;
import io.spindle.planner.logical.Union;
import io.spindle.planner.logical.Window;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Removes columns nobody above uses, down to the file scan, so readers decode only what the query needs.
 * Works top-down with the set of output positions the parent needs, and renumbers column references on the
 * way back up. Keeps every column of the root.
 */
public final class PruneColumns
{
    private PruneColumns()
    {
    }

    public static LogicalPlan apply(LogicalPlan root)
    {
        BitSet all = new BitSet();
        all.set(0, root.schema().size());
        return root.accept(new Pruner(), all).plan();
    }

    /** A pruned plan and, for each old output position, its new one (-1 when dropped). */
    private record Pruned(LogicalPlan plan, int[] mapping)
    {
    }

    private static final class Pruner
            implements LogicalPlanVisitor<Pruned, BitSet>
    {
        @Override
        public Pruned visitFileRelation(FileRelation node, BitSet required)
        {
            List<Integer> kept = new ArrayList<>();
            int[] mapping = new int[node.columns().size()];
            Arrays.fill(mapping, -1);
            for (int i = 0; i < node.columns().size(); i++) {
                if (required.get(i)) {
                    mapping[i] = kept.size();
                    kept.add(node.columns().get(i));
                }
            }
            if (kept.isEmpty() && !node.columns().isEmpty()) {
                // a scan must still count rows (count(*)): keep one column
                mapping[0] = 0;
                kept.add(node.columns().get(0));
            }
            return new Pruned(node.withColumns(kept), mapping);
        }

        /** A cache holds all its columns; the nodes above it drop the ones they do not need. */
        @Override
        public Pruned visitCachedRelation(CachedRelation node, BitSet required)
        {
            int[] mapping = new int[node.schema().size()];
            for (int i = 0; i < mapping.length; i++) {
                mapping[i] = i;
            }
            return new Pruned(node, mapping);
        }

        /** Local rows keep their columns too: they are few, and the nodes above drop what they do not need. */
        @Override
        public Pruned visitLocalRelation(LocalRelation node, BitSet required)
        {
            int[] mapping = new int[node.schema().size()];
            for (int i = 0; i < mapping.length; i++) {
                mapping[i] = i;
            }
            return new Pruned(node, mapping);
        }

        @Override
        public Pruned visitFilter(Filter node, BitSet required)
        {
            BitSet childRequired = (BitSet) required.clone();
            addReferences(node.condition(), childRequired);
            Pruned child = node.child().accept(this, childRequired);
            return new Pruned(new Filter(child.plan(), remap(node.condition(), child.mapping())), child.mapping());
        }

        @Override
        public Pruned visitProject(Project node, BitSet required)
        {
            List<Expression> kept = new ArrayList<>();
            int[] mapping = new int[node.expressions().size()];
            Arrays.fill(mapping, -1);
            BitSet childRequired = new BitSet();
            for (int i = 0; i < node.expressions().size(); i++) {
                if (required.get(i)) {
                    mapping[i] = kept.size();
                    kept.add(node.expressions().get(i));
                    addReferences(node.expressions().get(i), childRequired);
                }
            }
            Pruned child = node.child().accept(this, childRequired);
            return new Pruned(new Project(child.plan(), remapAll(kept, child.mapping())), mapping);
        }

        @Override
        public Pruned visitAggregate(Aggregate node, BitSet required)
        {
            int keys = node.groupingKeys().size();
            int[] mapping = new int[keys + node.aggregates().size()];
            Arrays.fill(mapping, -1);
            BitSet childRequired = new BitSet();
            for (int i = 0; i < keys; i++) {
                mapping[i] = i;
                addReferences(node.groupingKeys().get(i), childRequired);
            }
            List<Expression> kept = new ArrayList<>();
            for (int i = 0; i < node.aggregates().size(); i++) {
                if (required.get(keys + i)) {
                    mapping[keys + i] = keys + kept.size();
                    kept.add(node.aggregates().get(i));
                    addReferences(node.aggregates().get(i), childRequired);
                }
            }
            Pruned child = node.child().accept(this, childRequired);
            return new Pruned(
                    new Aggregate(child.plan(), remapAll(node.groupingKeys(), child.mapping()), remapAll(kept, child.mapping())),
                    mapping);
        }

        @Override
        public Pruned visitSort(Sort node, BitSet required)
        {
            BitSet childRequired = (BitSet) required.clone();
            for (SortOrder order : node.orders()) {
                addReferences(order.expression(), childRequired);
            }
            Pruned child = node.child().accept(this, childRequired);
            List<SortOrder> orders = node.orders().stream()
                    .map(o -> o.withExpression(remap(o.expression(), child.mapping())))
                    .toList();
            return new Pruned(new Sort(child.plan(), orders), child.mapping());
        }

        @Override
        public Pruned visitLimit(Limit node, BitSet required)
        {
            Pruned child = node.child().accept(this, required);
            return new Pruned(new Limit(child.plan(), node.count()), child.mapping());
        }

        /** Keeps every output column (they are keys and grouping ids) and asks its input for what they read. */
        @Override
        public Pruned visitExpand(Expand node, BitSet required)
        {
            BitSet childRequired = new BitSet();
            node.projections().forEach(projection -> projection.forEach(e -> addReferences(e, childRequired)));
            Pruned child = node.child().accept(this, childRequired);
            List<List<Expression>> projections = node.projections().stream().map(projection -> remapAll(projection, child.mapping())).toList();
            int[] mapping = new int[node.schema().size()];
            for (int i = 0; i < mapping.length; i++) {
                mapping[i] = i;
            }
            return new Pruned(new Expand(child.plan(), projections), mapping);
        }

        @Override
        public Pruned visitEnforceSingleRow(EnforceSingleRow node, BitSet required)
        {
            Pruned child = node.child().accept(this, required);
            return new Pruned(new EnforceSingleRow(child.plan()), child.mapping());
        }

        @Override
        public Pruned visitOffset(Offset node, BitSet required)
        {
            Pruned child = node.child().accept(this, required);
            return new Pruned(new Offset(child.plan(), node.count()), child.mapping());
        }

        @Override
        public Pruned visitRepartition(Repartition node, BitSet required)
        {
            BitSet childRequired = (BitSet) required.clone();
            node.keys().forEach(key -> addReferences(key, childRequired));
            Pruned child = node.child().accept(this, childRequired);
            return new Pruned(new Repartition(child.plan(), node.numPartitions(), remapAll(node.keys(), child.mapping())), child.mapping());
        }

        /** Prunes every input alike: each is topped by a projection of exactly the required columns, in order. */
        @Override
        public Pruned visitUnion(Union node, BitSet required)
        {
            BitSet wanted = (BitSet) required.clone();
            if (wanted.isEmpty()) {
                // the union must still produce its rows (count(*)): keep one column
                wanted.set(0);
            }
            int width = node.schema().size();
            int[] mapping = new int[width];
            Arrays.fill(mapping, -1);
            int next = 0;
            for (int i = wanted.nextSetBit(0); i >= 0 && i < width; i = wanted.nextSetBit(i + 1)) {
                mapping[i] = next++;
            }
            List<LogicalPlan> inputs = new ArrayList<>();
            for (LogicalPlan input : node.children()) {
                Pruned child = input.accept(this, (BitSet) wanted.clone());
                List<Expression> columns = new ArrayList<>();
                for (int i = wanted.nextSetBit(0); i >= 0 && i < width; i = wanted.nextSetBit(i + 1)) {
                    int position = child.mapping()[i];
                    StructField field = child.plan().schema().field(position);
                    columns.add(new ColumnRef(position, field.name(), field.type(), field.nullable()));
                }
                inputs.add(new Project(child.plan(), columns));
            }
            return new Pruned(new Union(inputs), mapping);
        }

        /** Keeps the window expressions someone reads; a window node none of whose results are read goes away. */
        @Override
        public Pruned visitWindow(Window node, BitSet required)
        {
            int width = node.child().schema().size();
            BitSet childRequired = required.get(0, width);
            List<WindowExpression> kept = new ArrayList<>();
            List<Integer> keptPositions = new ArrayList<>();
            for (int i = 0; i < node.windowExpressions().size(); i++) {
                if (required.get(width + i)) {
                    kept.add(node.windowExpressions().get(i));
                    keptPositions.add(width + i);
                    addReferences(node.windowExpressions().get(i), childRequired);
                }
            }
            Pruned child = node.child().accept(this, childRequired);
            int[] mapping = Arrays.copyOf(child.mapping(), width + node.windowExpressions().size());
            Arrays.fill(mapping, width, mapping.length, -1);
            if (kept.isEmpty()) {
                return new Pruned(child.plan(), mapping);
            }
            int childWidth = child.plan().schema().size();
            for (int i = 0; i < keptPositions.size(); i++) {
                mapping[keptPositions.get(i)] = childWidth + i;
            }
            List<WindowExpression> remapped = kept.stream().map(e -> (WindowExpression) remap(e, child.mapping())).toList();
            return new Pruned(new Window(child.plan(), remapped), mapping);
        }

        @Override
        public Pruned visitSubqueryAlias(SubqueryAlias node, BitSet required)
        {
            Pruned child = node.child().accept(this, required);
            return new Pruned(new SubqueryAlias(node.alias(), child.plan()), child.mapping());
        }

        @Override
        public Pruned visitJoinHint(JoinHint node, BitSet required)
        {
            Pruned child = node.child().accept(this, required);
            return new Pruned(new JoinHint(node.strategy(), child.plan()), child.mapping());
        }

        @Override
        public Pruned visitJoin(Join node, BitSet required)
        {
            int leftWidth = node.left().schema().size();
            int rightWidth = node.right().schema().size();
            BitSet needed = (BitSet) required.clone();
            node.condition().ifPresent(c -> addReferences(c, needed));
            Pruned left = node.left().accept(this, needed.get(0, leftWidth));
            Pruned right = node.right().accept(this, needed.get(leftWidth, leftWidth + rightWidth));
            int newLeftWidth = left.plan().schema().size();
            int[] combined = new int[leftWidth + rightWidth];
            for (int i = 0; i < leftWidth; i++) {
                combined[i] = left.mapping()[i];
            }
            for (int i = 0; i < rightWidth; i++) {
                int target = right.mapping()[i];
                combined[leftWidth + i] = target < 0 ? -1 : newLeftWidth + target;
            }
            Join pruned = new Join(left.plan(), right.plan(), node.type(), node.condition().map(c -> remap(c, combined)));
            int[] mapping = node.type().outputsRight() ? combined : Arrays.copyOf(combined, leftWidth);
            return new Pruned(pruned, mapping);
        }
    }

    private static void addReferences(Expression expression, BitSet into)
    {
        expression.anyMatch(e -> {
            if (e instanceof ColumnRef ref) {
                into.set(ref.index());
            }
            return false;
        });
    }

    private static List<Expression> remapAll(List<Expression> expressions, int[] mapping)
    {
        return expressions.stream().map(e -> remap(e, mapping)).toList();
    }

    private static Expression remap(Expression expression, int[] mapping)
    {
        return expression.transformUp(e -> {
            if (e instanceof ColumnRef ref) {
                int target = mapping[ref.index()];
                if (target < 0) {
                    throw new IllegalStateException("column " + ref + " was pruned but is still referenced");
                }
                return ref.withIndex(target);
            }
            return e;
        });
    }
}
