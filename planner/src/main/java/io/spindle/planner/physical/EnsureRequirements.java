package io.spindle.planner.physical;

import io.spindle.planner.expressions.SortOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where exchanges for operators' input distributions are inserted: bottom-up, each input whose
 * {@link PhysicalPlan#outputPartitioning()} does not meet its {@link PhysicalPlan#requiredChildDistributions()
 * required distribution} gets an exchange; an input that already meets it is left alone. Inputs that must be
 * {@linkplain Distribution.HashClustered hashed alike} (a shuffled join's two sides) also must agree on the
 * partition count: the count of an input already hashed right is kept, else the shuffle partitions are used.
 * Then each input whose {@link PhysicalPlan#outputOrdering()} does not begin with its {@link
 * PhysicalPlan#requiredChildOrderings() required order} is sorted within its partitions by a {@link SortExec}
 * (an exchange added for the distribution loses any order, so it is always followed by one).
 */
public final class EnsureRequirements
{
    private final int shufflePartitions;

    private EnsureRequirements(int shufflePartitions)
    {
        this.shufflePartitions = shufflePartitions;
    }

    public static PhysicalPlan apply(PhysicalPlan plan, int shufflePartitions)
    {
        return new EnsureRequirements(shufflePartitions).rewrite(plan);
    }

    private PhysicalPlan rewrite(PhysicalPlan node)
    {
        List<PhysicalPlan> children = node.children();
        if (children.isEmpty()) {
            return node;
        }
        List<PhysicalPlan> rewritten = new ArrayList<>(children.size());
        for (PhysicalPlan child : children) {
            rewritten.add(rewrite(child));
        }
        List<Distribution> required = node.requiredChildDistributions();
        if (required.size() != rewritten.size()) {
            throw new IllegalStateException(node.operatorName() + " states " + required.size() + " distributions for " + rewritten.size() + " inputs");
        }
        int coPartitions = coPartitionCount(rewritten, required);
        for (int i = 0; i < rewritten.size(); i++) {
            PhysicalPlan child = rewritten.get(i);
            Distribution distribution = required.get(i);
            Optional<Partitioning> partitioning = child.outputPartitioning();
            if (distribution instanceof Distribution.HashClustered hashed) {
                if (!hashed.satisfiedBy(partitioning) || partitioning.get().numPartitions() != coPartitions) {
                    rewritten.set(i, new ExchangeExec(child, new Partitioning.Hash(hashed.keys(), coPartitions)));
                }
                continue;
            }
            if (distribution.satisfiedBy(partitioning)) {
                continue;
            }
            if (distribution instanceof Distribution.AllTuples) {
                rewritten.set(i, new ExchangeExec(child, new Partitioning.Single()));
            }
            else if (distribution instanceof Distribution.Clustered clustered) {
                rewritten.set(i, new ExchangeExec(child, clustered.keys().isEmpty()
                        ? new Partitioning.Single()
                        : new Partitioning.Hash(clustered.keys(), shufflePartitions)));
            }
        }
        List<List<SortOrder>> orderings = node.requiredChildOrderings();
        for (int i = 0; i < rewritten.size(); i++) {
            List<SortOrder> ordering = orderings.get(i);
            if (!ordering.isEmpty() && !Orderings.satisfies(rewritten.get(i).outputOrdering(), ordering)) {
                rewritten.set(i, new SortExec(rewritten.get(i), ordering));
            }
        }
        return rewritten.equals(children) ? node : node.replaceChildren(rewritten);
    }

    /** The partition count the hash-clustered inputs meet: that of the first input already hashed on its keys, else the default. */
    private int coPartitionCount(List<PhysicalPlan> children, List<Distribution> required)
    {
        for (int i = 0; i < children.size(); i++) {
            Optional<Partitioning> partitioning = children.get(i).outputPartitioning();
            if (required.get(i) instanceof Distribution.HashClustered hashed && hashed.satisfiedBy(partitioning)) {
                return partitioning.get().numPartitions();
            }
        }
        return shufflePartitions;
    }
}
