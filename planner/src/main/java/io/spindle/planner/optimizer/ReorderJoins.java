package io.spindle.planner.optimizer;

import io.spindle.planner.expressions.ColumnRef;
import io.spindle.planner.expressions.Expression;
import io.spindle.planner.expressions.Logical;
import io.spindle.planner.logical.Join;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.logical.LogicalPlan;
import io.spindle.planner.logical.Project;
import io.spindle.planner.physical.PhysicalPlanner;
import io.spindle.planner.statistics.StatisticsEstimator;
import io.spindle.planner.types.StructField;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Cost-based order of multi-way inner joins, greedily: the tree of inner joins over three or more inputs is
 * rebuilt left-deep, starting with one input, then joining each time the input that a join condition connects
 * to those joined so far and that gives the fewest estimated output rows. The order from the input of fewest
 * rows is kept unless the order from another input shuffles {@linkplain #CLEARLY_FEWER clearly} fewer rows (a
 * join shuffles both sides when it cannot broadcast either); then the one that shuffles fewest, of those the one
 * whose joins output fewest rows. So an order that meets a big input early through broadcast joins beats one that reaches it late
 * through a shuffle (TPC-H Q8: from the region, lineitem comes after the orders of the region, too many to
 * broadcast, and all of lineitem is shuffled to meet them). Each condition is applied at the first join that has
 * all its columns; a projection on top puts the columns back in the original order. Cross joins take part, so
 * that inputs listed in FROM in an order where neighbours share no condition are joined through the conditions
 * that do connect them. Declines when every order would need a cross product (the user placed it), and when the
 * chosen order is the original one.
 */
public final class ReorderJoins
{
    /**
     * How many times fewer rows than the order from the input of fewest rows another order must be estimated to
     * shuffle to replace it: the row estimates, resting on default selectivities (a third for an equality on a
     * string column the footers say nothing of), cannot tell orders apart by less.
     */
    static final double CLEARLY_FEWER = 2;

    private final StatisticsEstimator estimator = new StatisticsEstimator();
    private final long broadcastThreshold;

    private ReorderJoins(long broadcastThreshold)
    {
        this.broadcastThreshold = broadcastThreshold;
    }

    /** Reorders as if joins broadcast sides under the default threshold. */
    public static LogicalPlan apply(LogicalPlan plan)
    {
        return apply(plan, PhysicalPlanner.DEFAULT_BROADCAST_THRESHOLD);
    }

    /** @param broadcastThreshold the physical planner's, to tell which joins of an order broadcast */
    public static LogicalPlan apply(LogicalPlan plan, long broadcastThreshold)
    {
        return new ReorderJoins(broadcastThreshold).rewrite(plan);
    }

    private LogicalPlan rewrite(LogicalPlan node)
    {
        if (isInnerJoin(node)) {
            List<LogicalPlan> leaves = new ArrayList<>();
            List<Expression> conjuncts = new ArrayList<>();
            flatten(node, 0, leaves, conjuncts);
            List<LogicalPlan> rewrittenLeaves = leaves.stream().map(this::rewrite).toList();
            if (leaves.size() >= 3) {
                Optional<LogicalPlan> reordered = reorder(node, rewrittenLeaves, conjuncts);
                if (reordered.isPresent()) {
                    return reordered.get();
                }
            }
        }
        List<LogicalPlan> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<LogicalPlan> rewritten = children.stream().map(this::rewrite).toList();
        boolean changed = false;
        for (int i = 0; i < children.size(); i++) {
            changed |= rewritten.get(i) != children.get(i);
        }
        return changed ? node.replaceChildren(rewritten) : node;
    }

    /** An inner join, or a cross join: SQL's {@code FROM a, b, c} is cross joins whose conditions come later. */
    private static boolean isInnerJoin(LogicalPlan node)
    {
        return node instanceof Join join && (join.type() == JoinType.INNER || join.type() == JoinType.CROSS);
    }

    /** Collects the join tree's inputs in output order and its conditions' conjuncts over the whole tree's columns. */
    private static void flatten(LogicalPlan node, int offset, List<LogicalPlan> leaves, List<Expression> conjuncts)
    {
        if (!isInnerJoin(node)) {
            leaves.add(node);
            return;
        }
        Join join = (Join) node;
        join.condition().ifPresent(condition -> addConjuncts(shift(condition, offset), conjuncts));
        flatten(join.left(), offset, leaves, conjuncts);
        flatten(join.right(), offset + join.left().schema().size(), leaves, conjuncts);
    }

    private Optional<LogicalPlan> reorder(LogicalPlan original, List<LogicalPlan> leaves, List<Expression> conjuncts)
    {
        int[] offsets = new int[leaves.size() + 1];
        for (int i = 0; i < leaves.size(); i++) {
            offsets[i + 1] = offsets[i] + leaves.get(i).schema().size();
        }
        List<BitSet> leavesOf = conjuncts.stream().map(conjunct -> leavesOf(conjunct, offsets)).toList();

        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            starts.add(i);
        }
        // stable: among starts of equal rows the first listed, so ties keep the order a single greedy pass chose
        starts.sort((a, b) -> Double.compare(estimator.of(leaves.get(a)).rowCount(), estimator.of(leaves.get(b)).rowCount()));
        Greedy fromSmallest = null;
        Greedy best = null;
        for (int first : starts) {
            Optional<Greedy> greedy = greedyFrom(first, leaves, conjuncts, leavesOf, offsets);
            if (greedy.isEmpty()) {
                continue;
            }
            if (fromSmallest == null) {
                fromSmallest = greedy.get();
            }
            if (best == null || cheaper(greedy.get(), best)) {
                best = greedy.get();
            }
        }
        if (best != null && shuffled(best.plan()) * CLEARLY_FEWER >= shuffled(fromSmallest.plan())) {
            best = fromSmallest;
        }
        if (best == null || isIdentity(best.order())) {
            return Optional.empty();
        }
        return Optional.of(restoreColumnOrder(best.plan(), original, best.order(), offsets, leaves));
    }

    /** A left-deep join of every input in {@code order}. */
    private record Greedy(List<Integer> order, LogicalPlan plan)
    {
    }

    /** The greedy order from input {@code first}, if it reaches every input and applies every condition without a cross product. */
    private Optional<Greedy> greedyFrom(int first, List<LogicalPlan> leaves, List<Expression> conjuncts, List<BitSet> leavesOf, int[] offsets)
    {
        List<Integer> order = new ArrayList<>(List.of(first));
        BitSet joined = new BitSet();
        joined.set(first);
        BitSet used = new BitSet();
        LogicalPlan current = leaves.get(first);
        while (order.size() < leaves.size()) {
            LogicalPlan best = null;
            int bestLeaf = -1;
            BitSet bestUsed = null;
            double bestRows = Double.POSITIVE_INFINITY;
            for (int candidate = 0; candidate < leaves.size(); candidate++) {
                if (joined.get(candidate)) {
                    continue;
                }
                BitSet reach = (BitSet) joined.clone();
                reach.set(candidate);
                BitSet applicable = new BitSet();
                boolean connects = false;
                for (int c = 0; c < conjuncts.size(); c++) {
                    BitSet needs = leavesOf.get(c);
                    if (used.get(c) || !contains(reach, needs)) {
                        continue;
                    }
                    applicable.set(c);
                    connects |= needs.get(candidate) && needs.intersects(joined);
                }
                if (!connects) {
                    continue;
                }
                List<Integer> nextOrder = new ArrayList<>(order);
                nextOrder.add(candidate);
                LogicalPlan join = join(current, leaves.get(candidate), nextOrder, offsets, leaves, conjuncts, applicable);
                double rows = estimator.of(join).rowCount();
                if (best == null || rows < bestRows) {
                    best = join;
                    bestLeaf = candidate;
                    bestUsed = applicable;
                    bestRows = rows;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            current = best;
            order.add(bestLeaf);
            joined.set(bestLeaf);
            used.or(bestUsed);
        }
        if (used.cardinality() != conjuncts.size()) {
            return Optional.empty();
        }
        return Optional.of(new Greedy(List.copyOf(order), current));
    }

    /** Whether {@code a} shuffles fewer rows than {@code b}, or as many and outputs fewer. */
    private boolean cheaper(Greedy a, Greedy b)
    {
        double shuffledA = shuffled(a.plan());
        double shuffledB = shuffled(b.plan());
        return shuffledA < shuffledB || shuffledA == shuffledB && outputRows(a.plan()) < outputRows(b.plan());
    }

    /** The estimated rows the joins of a left-deep tree output. */
    private double outputRows(LogicalPlan plan)
    {
        return plan instanceof Join join ? estimator.of(join).rowCount() + outputRows(join.left()) : 0;
    }

    /**
     * The estimated rows a left-deep tree's joins shuffle: both sides' of each join that cannot
     * {@linkplain PhysicalPlanner#broadcastable broadcast} a side (a broadcast side is hashed once per executor and
     * counts nothing here).
     */
    private double shuffled(LogicalPlan plan)
    {
        if (!(plan instanceof Join join)) {
            return 0;
        }
        double shuffled = 0;
        if (!PhysicalPlanner.broadcastable(estimator, join.right(), join.left(), broadcastThreshold)
                && !PhysicalPlanner.broadcastable(estimator, join.left(), join.right(), broadcastThreshold)) {
            shuffled = estimator.of(join.left()).rowCount() + estimator.of(join.right()).rowCount();
        }
        return shuffled + shuffled(join.left());
    }

    private LogicalPlan join(LogicalPlan current, LogicalPlan next, List<Integer> order, int[] offsets, List<LogicalPlan> leaves,
            List<Expression> conjuncts, BitSet applicable)
    {
        Expression condition = null;
        for (int c = applicable.nextSetBit(0); c >= 0; c = applicable.nextSetBit(c + 1)) {
            Expression rewritten = toLayout(conjuncts.get(c), order, offsets, leaves);
            condition = condition == null ? rewritten : Logical.and(condition, rewritten);
        }
        return new Join(current, next, JoinType.INNER, Optional.ofNullable(condition));
    }

    /** The expression over the original columns, renumbered to the columns of the inputs joined in {@code order}. */
    private static Expression toLayout(Expression expression, List<Integer> order, int[] offsets, List<LogicalPlan> leaves)
    {
        return expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(newPosition(ref.index(), order, offsets, leaves)) : e);
    }

    private static int newPosition(int original, List<Integer> order, int[] offsets, List<LogicalPlan> leaves)
    {
        int position = 0;
        for (int leaf : order) {
            if (original >= offsets[leaf] && original < offsets[leaf + 1]) {
                return position + original - offsets[leaf];
            }
            position += leaves.get(leaf).schema().size();
        }
        throw new IllegalStateException("column " + original + " is in no joined input");
    }

    private static LogicalPlan restoreColumnOrder(LogicalPlan reordered, LogicalPlan original, List<Integer> order, int[] offsets,
            List<LogicalPlan> leaves)
    {
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < original.schema().size(); i++) {
            StructField field = original.schema().field(i);
            columns.add(new ColumnRef(newPosition(i, order, offsets, leaves), field.name(), field.type(), field.nullable()));
        }
        return new Project(reordered, columns);
    }

    private static BitSet leavesOf(Expression expression, int[] offsets)
    {
        BitSet leaves = new BitSet();
        expression.anyMatch(e -> {
            if (e instanceof ColumnRef ref) {
                for (int leaf = 0; leaf + 1 < offsets.length; leaf++) {
                    if (ref.index() >= offsets[leaf] && ref.index() < offsets[leaf + 1]) {
                        leaves.set(leaf);
                    }
                }
            }
            return false;
        });
        return leaves;
    }

    private static boolean contains(BitSet set, BitSet subset)
    {
        BitSet missing = (BitSet) subset.clone();
        missing.andNot(set);
        return missing.isEmpty();
    }

    private static boolean isIdentity(List<Integer> order)
    {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    private static void addConjuncts(Expression expression, List<Expression> into)
    {
        if (expression instanceof Logical logical && logical.operator() == Logical.Operator.AND) {
            addConjuncts(logical.children().get(0), into);
            addConjuncts(logical.children().get(1), into);
            return;
        }
        into.add(expression);
    }

    private static Expression shift(Expression expression, int offset)
    {
        return offset == 0 ? expression : expression.transformUp(e -> e instanceof ColumnRef ref ? ref.withIndex(ref.index() + offset) : e);
    }
}
