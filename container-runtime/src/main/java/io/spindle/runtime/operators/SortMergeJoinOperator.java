package io.spindle.runtime.operators;

import io.spindle.planner.expressions.Expression;
import io.spindle.planner.logical.JoinType;
import io.spindle.planner.types.DataType;
import io.spindle.runtime.batch.BooleanVector;
import io.spindle.runtime.batch.ColumnBatch;
import io.spindle.runtime.batch.ColumnVector;
import io.spindle.runtime.expr.ExpressionCompiler;
import io.spindle.runtime.expr.VectorExpression;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A sort-merge join with SQL semantics for inner, left, right and full outer, left semi and left anti joins.
 *
 * <p>Contract: as {@link Operator}. Both inputs must come sorted ascending on their keys, nulls first, in the
 * {@link RowOrdering} that {@link SortOperator} sorts by (the planner puts a sort on the same key expressions under
 * each side); rows out of that order give wrong results. The operator walks both inputs in step and keeps in memory
 * only the current run of right rows with one key (with the right batches that hold it), plus at most a few thousand
 * candidate pairs waiting for the residual condition: a key with many rows on the right (skew) costs memory for that
 * run, on the left only time. It cannot spill. A key with a null in it never matches, so such rows come out only
 * where the join keeps unmatched rows. The residual condition, over the left's columns followed by the right's,
 * must also hold for a pair to match.
 *
 * <p>Output: left columns then right columns (left columns alone for semi and anti joins), unmatched rows
 * null-extended on the other side. Rows come out in the order of the merge, so ordered by the left keys (by the right
 * keys for a right join), which lets a join above on the same keys skip its sort. Owns and closes both inputs; used
 * by one thread.
 */
public final class SortMergeJoinOperator
        implements Operator
{
    private static final int MAX_PENDING = 2 * ColumnBatch.DEFAULT_ROWS;

    private final Operator left;
    private final Operator right;
    private final JoinType type;
    private final List<VectorExpression> leftKeyExpressions;
    private final List<VectorExpression> rightKeyExpressions;
    private final Optional<VectorExpression> residual;
    private final int leftWidth;
    private final int rightWidth;
    private final boolean semi;
    private final boolean anti;
    private final RowGatherer candidates;
    private final RowGatherer output;
    private final ArrayDeque<ColumnBatch> ready = new ArrayDeque<>();
    private final Pending pending = new Pending();

    private ColumnBatch leftBatch;
    private ColumnVector[] leftKeys;
    private int leftRow;
    private boolean leftDone;
    private ColumnBatch rightBatch;
    private ColumnVector[] rightKeys;
    private int rightRow;
    private boolean rightDone;

    private Run run;
    /** The next row of {@link #run} to pair the current left row with, or -1 when the left row is not being paired. */
    private int pairFrom = -1;
    /** Whether the left row whose pairs the walk is in has matched; kept across flushes, as its pairs may span them. */
    private boolean walkLeftMatched;
    private boolean inputsDone;

    /**
     * @param leftKeys expressions over the left input, pairwise of the types of {@code rightKeys}
     * @param residual over the left input's columns followed by the right's
     */
    public SortMergeJoinOperator(Operator left, Operator right, JoinType type, List<DataType> leftTypes, List<DataType> rightTypes,
            List<Expression> leftKeys, List<Expression> rightKeys, Optional<Expression> residual)
    {
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.type = requireNonNull(type, "type is null");
        if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("a sort-merge join needs as many left keys as right keys, at least one: " + leftKeys + " vs " + rightKeys);
        }
        this.leftKeyExpressions = leftKeys.stream().map(ExpressionCompiler::compile).toList();
        this.rightKeyExpressions = rightKeys.stream().map(ExpressionCompiler::compile).toList();
        this.residual = requireNonNull(residual, "residual is null").map(ExpressionCompiler::compile);
        this.leftWidth = leftTypes.size();
        this.rightWidth = rightTypes.size();
        this.semi = type == JoinType.LEFT_SEMI;
        this.anti = type == JoinType.LEFT_ANTI;
        List<DataType> both = new ArrayList<>(leftTypes);
        both.addAll(rightTypes);
        this.candidates = new RowGatherer(both);
        this.output = new RowGatherer(type.outputsRight() ? both : leftTypes);
    }

    @Override
    public ColumnBatch next()
    {
        while (ready.isEmpty() && !inputsDone) {
            merge();
            flush();
            if (inputsDone && output.rowCount() > 0) {
                ready.add(output.build());
            }
        }
        return ready.poll();
    }

    /** Walks both inputs in step, noting what may come out, until enough is pending or both inputs are done. */
    private void merge()
    {
        while (!pending.full()) {
            if (pairFrom >= 0) {
                addPairs();
                continue;
            }
            if (!leftAvailable()) {
                if (run != null) {
                    endRun();
                }
                else if (type.keepsUnmatchedRight() && rightAvailable()) {
                    pending.add(Pending.RIGHT_ALONE, null, 0, rightBatch, rightRow, null, 0);
                    rightRow++;
                }
                else {
                    inputsDone = true;
                    return;
                }
                continue;
            }
            if (RowOrdering.anyNull(leftKeys, leftRow)) {
                leftAlone();
                continue;
            }
            if (run != null) {
                int cmp = compare(leftKeys, leftRow, run.keys, run.keyRow);
                if (cmp == 0) {
                    startPairing();
                    continue;
                }
                if (cmp < 0) {
                    leftAlone();
                    continue;
                }
                endRun();
            }
            if (!rightAvailable()) {
                if (!type.keepsUnmatchedLeft() && !anti) {
                    // nothing on the right is left to match, and unmatched left rows do not come out
                    inputsDone = true;
                    return;
                }
                leftAlone();
                continue;
            }
            if (RowOrdering.anyNull(rightKeys, rightRow)) {
                rightAlone();
                continue;
            }
            int cmp = compare(leftKeys, leftRow, rightKeys, rightRow);
            if (cmp > 0) {
                rightAlone();
            }
            else if (cmp < 0) {
                leftAlone();
            }
            else {
                loadRun();
            }
        }
    }

    private void leftAlone()
    {
        if (type.keepsUnmatchedLeft() || anti) {
            pending.add(Pending.LEFT_ALONE, leftBatch, leftRow, null, 0, null, 0);
        }
        leftRow++;
    }

    private void rightAlone()
    {
        if (type.keepsUnmatchedRight()) {
            pending.add(Pending.RIGHT_ALONE, null, 0, rightBatch, rightRow, null, 0);
        }
        rightRow++;
    }

    private void startPairing()
    {
        if ((semi || anti) && residual.isEmpty()) {
            // a key match is a match: no pairs to weigh
            pending.add(Pending.LEFT_END, leftBatch, leftRow, null, 0, null, 1);
            leftRow++;
            return;
        }
        pairFrom = 0;
    }

    /** Pairs the current left row with the run's rows from {@link #pairFrom}, as many as there is room for. */
    private void addPairs()
    {
        int to = Math.min(run.size, pairFrom + pending.room());
        for (int i = pairFrom; i < to; i++) {
            pending.add(Pending.PAIR, leftBatch, leftRow, run.batches[i], run.rows[i], run, i);
        }
        pairFrom = to;
        if (pairFrom == run.size && !pending.full()) {
            pending.add(Pending.LEFT_END, leftBatch, leftRow, null, 0, null, 0);
            leftRow++;
            pairFrom = -1;
        }
    }

    /** Reads the right rows whose key equals the current right row's, across batches, into a new run. */
    private void loadRun()
    {
        run = new Run(rightKeys, rightRow, type.keepsUnmatchedRight());
        do {
            run.add(rightBatch, rightRow);
            rightRow++;
        }
        while (rightAvailable() && !RowOrdering.anyNull(rightKeys, rightRow) && compare(run.keys, run.keyRow, rightKeys, rightRow) == 0);
    }

    private void endRun()
    {
        if (type.keepsUnmatchedRight()) {
            pending.add(Pending.RUN_END, null, 0, null, 0, run, 0);
        }
        run = null;
    }

    private boolean leftAvailable()
    {
        while (!leftDone && (leftBatch == null || leftRow >= leftBatch.rowCount())) {
            ColumnBatch batch = left.next();
            if (batch == null) {
                leftDone = true;
                leftBatch = null;
                leftKeys = null;
            }
            else {
                leftBatch = batch;
                leftKeys = evaluate(leftKeyExpressions, batch);
                leftRow = 0;
            }
        }
        return !leftDone;
    }

    private boolean rightAvailable()
    {
        while (!rightDone && (rightBatch == null || rightRow >= rightBatch.rowCount())) {
            ColumnBatch batch = right.next();
            if (batch == null) {
                rightDone = true;
                rightBatch = null;
                rightKeys = null;
            }
            else {
                rightBatch = batch;
                rightKeys = evaluate(rightKeyExpressions, batch);
                rightRow = 0;
            }
        }
        return !rightDone;
    }

    /** Weighs the pending pairs by the residual condition and writes out, in order, what the join type keeps. */
    private void flush()
    {
        boolean[] passed = residual.isPresent() ? weighPairs() : null;
        int pair = 0;
        for (int e = 0; e < pending.count; e++) {
            switch (pending.kinds[e]) {
                case Pending.PAIR -> {
                    if (passed == null || passed[pair]) {
                        walkLeftMatched = true;
                        Run pairRun = pending.runs[e];
                        if (pairRun.matched != null) {
                            pairRun.matched[pending.runRows[e]] = true;
                        }
                        if (type.outputsRight()) {
                            emit(pending.leftBatches[e], pending.leftRows[e], pending.rightBatches[e], pending.rightRows[e]);
                        }
                    }
                    pair++;
                }
                case Pending.LEFT_END -> {
                    boolean matched = walkLeftMatched || pending.runRows[e] == 1;
                    walkLeftMatched = false;
                    if ((semi && matched) || (anti && !matched) || (type.keepsUnmatchedLeft() && !matched)) {
                        emit(pending.leftBatches[e], pending.leftRows[e], null, 0);
                    }
                }
                case Pending.LEFT_ALONE -> emit(pending.leftBatches[e], pending.leftRows[e], null, 0);
                case Pending.RIGHT_ALONE -> emit(null, 0, pending.rightBatches[e], pending.rightRows[e]);
                case Pending.RUN_END -> {
                    Run ended = pending.runs[e];
                    for (int i = 0; i < ended.size; i++) {
                        if (!ended.matched[i]) {
                            emit(null, 0, ended.batches[i], ended.rows[i]);
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown pending entry " + pending.kinds[e]);
            }
        }
        pending.clear();
    }

    private boolean[] weighPairs()
    {
        for (int e = 0; e < pending.count; e++) {
            if (pending.kinds[e] == Pending.PAIR) {
                candidates.startRow();
                candidates.copy(pending.leftBatches[e], pending.leftRows[e], 0);
                candidates.copy(pending.rightBatches[e], pending.rightRows[e], leftWidth);
            }
        }
        if (candidates.rowCount() == 0) {
            return new boolean[0];
        }
        ColumnBatch batch = candidates.build();
        BooleanVector matches = (BooleanVector) residual.get().evaluate(batch);
        boolean[] passed = Arrays.copyOf(matches.values(), batch.rowCount());
        boolean[] nulls = matches.nulls();
        if (nulls != null) {
            for (int i = 0; i < passed.length; i++) {
                passed[i] &= !nulls[i];
            }
        }
        return passed;
    }

    /** One output row: the left row or nulls, then (unless semi or anti) the right row or nulls. */
    private void emit(ColumnBatch leftSource, int leftIndex, ColumnBatch rightSource, int rightIndex)
    {
        output.startRow();
        if (leftSource == null) {
            output.setNulls(0, leftWidth);
        }
        else {
            output.copy(leftSource, leftIndex, 0);
        }
        if (type.outputsRight()) {
            if (rightSource == null) {
                output.setNulls(leftWidth, rightWidth);
            }
            else {
                output.copy(rightSource, rightIndex, leftWidth);
            }
        }
        if (output.rowCount() >= ColumnBatch.DEFAULT_ROWS) {
            ready.add(output.build());
        }
    }

    private static int compare(ColumnVector[] a, int x, ColumnVector[] b, int y)
    {
        for (int k = 0; k < a.length; k++) {
            int cmp = RowOrdering.compareValues(a[k], x, b[k], y);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static ColumnVector[] evaluate(List<VectorExpression> keys, ColumnBatch batch)
    {
        ColumnVector[] vectors = new ColumnVector[keys.size()];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = keys.get(k).evaluate(batch);
        }
        return vectors;
    }

    @Override
    public void close()
    {
        try {
            left.close();
        }
        finally {
            right.close();
        }
    }

    /** The right rows of one key, in input order, each as its batch and row, and which of them have matched. */
    private static final class Run
    {
        final ColumnVector[] keys;
        final int keyRow;
        ColumnBatch[] batches = new ColumnBatch[4];
        int[] rows = new int[4];
        boolean[] matched;
        int size;

        Run(ColumnVector[] keys, int keyRow, boolean trackMatches)
        {
            this.keys = keys;
            this.keyRow = keyRow;
            this.matched = trackMatches ? new boolean[4] : null;
        }

        void add(ColumnBatch batch, int row)
        {
            if (size == rows.length) {
                batches = Arrays.copyOf(batches, size * 2);
                rows = Arrays.copyOf(rows, size * 2);
                if (matched != null) {
                    matched = Arrays.copyOf(matched, size * 2);
                }
            }
            batches[size] = batch;
            rows[size] = row;
            size++;
        }
    }

    /**
     * What the merge has found, in output order, waiting for the residual condition: pairs of a left row with a run's
     * row, the end of a left row's pairs (the run row field is 1 when the key alone made it match), left or right
     * rows without a partner, and the end of a run, whose unmatched rows a right or full join then writes out.
     */
    private static final class Pending
    {
        static final byte PAIR = 0;
        static final byte LEFT_END = 1;
        static final byte LEFT_ALONE = 2;
        static final byte RIGHT_ALONE = 3;
        static final byte RUN_END = 4;

        final byte[] kinds = new byte[MAX_PENDING];
        final ColumnBatch[] leftBatches = new ColumnBatch[MAX_PENDING];
        final int[] leftRows = new int[MAX_PENDING];
        final ColumnBatch[] rightBatches = new ColumnBatch[MAX_PENDING];
        final int[] rightRows = new int[MAX_PENDING];
        final Run[] runs = new Run[MAX_PENDING];
        final int[] runRows = new int[MAX_PENDING];
        int count;

        boolean full()
        {
            return count == MAX_PENDING;
        }

        int room()
        {
            return MAX_PENDING - count;
        }

        void add(byte kind, ColumnBatch leftBatch, int leftRow, ColumnBatch rightBatch, int rightRow, Run run, int runRow)
        {
            kinds[count] = kind;
            leftBatches[count] = leftBatch;
            leftRows[count] = leftRow;
            rightBatches[count] = rightBatch;
            rightRows[count] = rightRow;
            runs[count] = run;
            runRows[count] = runRow;
            count++;
        }

        void clear()
        {
            Arrays.fill(leftBatches, 0, count, null);
            Arrays.fill(rightBatches, 0, count, null);
            Arrays.fill(runs, 0, count, null);
            count = 0;
        }
    }
}
