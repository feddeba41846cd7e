package io.spindle.planner.stages;

import io.spindle.planner.physical.BroadcastReadExec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.physical.PhysicalPlan;
import io.spindle.planner.physical.ShuffleReadExec;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan as Spark's {@code explain("formatted")} shows it: an outline of numbered operators, then each
 * operator's details with the stage that runs it. Built from the stage graph, so the stage ids are the ones
 * the scheduler uses; a shuffle appears as an Exchange written by one stage and read by another.
 */
public final class FormattedExplain
{
    private final StageGraph graph;
    private final List<Entry> entries = new ArrayList<>();

    private FormattedExplain(StageGraph graph)
    {
        this.graph = graph;
    }

    /** One operator of the outline: its number, its stage, and its place in the tree. */
    private record Entry(int number, String name, String stage, List<String> details, List<Entry> children)
    {
    }

    public static String of(StageGraph graph)
    {
        FormattedExplain explain = new FormattedExplain(graph);
        Stage result = graph.resultStage();
        Entry root = explain.visit(result.fragment(), result.id());
        StringBuilder out = new StringBuilder("== Physical Plan ==\n");
        appendOutline(out, root, 0);
        for (Entry entry : explain.entries) {
            out.append('\n').append('(').append(entry.number()).append(") ").append(entry.name())
                    .append(" [").append(entry.stage()).append("]\n");
            for (String line : entry.details()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Numbers children before parents, as Spark does, so the leaves come first. */
    private Entry visit(PhysicalPlan node, int stageId)
    {
        if (node instanceof ShuffleReadExec read) {
            Stage writer = stageWritingShuffle(read.shuffleId());
            if (writer != null) {
                Entry child = visit(writer.fragment(), writer.id());
                return add("Exchange", "stage " + writer.id() + " -> " + stageId, List.of(
                        "Partitioning: " + writer.outputPartitioning().orElseThrow(),
                        "Output: " + node.schema().names()), List.of(child));
            }
        }
        if (node instanceof BroadcastReadExec read && read.broadcastId() < graph.stages().size()) {
            Stage writer = graph.stage(read.broadcastId());
            Entry child = visit(writer.fragment(), writer.id());
            return add("BroadcastExchange", "stage " + writer.id() + " -> " + stageId, List.of(
                    "Output: " + node.schema().names()), List.of(child));
        }
        List<Entry> children = new ArrayList<>();
        for (PhysicalPlan child : node.children()) {
            children.add(visit(child, stageId));
        }
        List<String> details = new ArrayList<>();
        if (node instanceof FileScanExec scan) {
            details.add("Paths: " + scan.source().paths());
            details.add("Output: " + scan.schema().names());
            details.add("Splits: " + scan.readSplits() + " of " + scan.totalSplits() + " (" + scan.source().totalRows() + " rows)");
            details.add("PushedFilters: " + scan.pushedFilters());
        }
        else {
            details.add("Arguments: " + node.describe());
            details.add("Output: " + node.schema().names());
        }
        String name = node instanceof FileScanExec scan ? "FileScan " + scan.source().format() : node.operatorName();
        return add(name, "stage " + stageId, details, children);
    }

    private Entry add(String name, String stage, List<String> details, List<Entry> children)
    {
        Entry entry = new Entry(entries.size() + 1, name, stage, details, children);
        entries.add(entry);
        return entry;
    }

    private Stage stageWritingShuffle(int shuffleId)
    {
        for (Stage stage : graph.stages()) {
            if (stage.shuffleId().isPresent() && stage.shuffleId().get() == shuffleId) {
                return stage;
            }
        }
        return null;
    }

    private static void appendOutline(StringBuilder out, Entry entry, int depth)
    {
        out.append(depth == 0 ? "" : "   ".repeat(depth - 1) + "+- ").append(entry.name())
                .append(" (").append(entry.number()).append(")\n");
        for (Entry child : entry.children()) {
            appendOutline(out, child, depth + 1);
        }
    }
}
