package io.spindle.runtime.rpc;

import io.spindle.planner.output.FileOutputSpec;
import io.spindle.planner.physical.FileScanExec;
import io.spindle.planner.source.FileSource;
import io.spindle.planner.source.FileSplit;
import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.task.WrittenFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A writing task travels with its output spec, a CSV scan with its reader options, and a write result with its file. */
class FileOutputKryoTest
{
    private static final Schema SCHEMA = Schema.of(new StructField("k", DataType.LONG, true), new StructField("s", DataType.STRING, true));

    @Test
    void writingTaskOfACsvScanRoundTrips()
    {
        FileSource csv = new FileSource("csv", List.of("/in"), SCHEMA, List.of(new FileSplit("/in/a.csv", List.of(), 10, 2, List.of("h1"))), 10, 2,
                Map.of("header", "true", "delimiter", ";", "inferSchema", "false"));
        FileScanExec scan = new FileScanExec(csv, List.of(0, 1));
        FileOutputSpec output = new FileOutputSpec("parquet", "file:/out", "0b7c", SCHEMA, true);
        TaskDescription task = new TaskDescription(5, 1, 0, 0, 2, scan, Optional.empty(), Map.of(), Map.of(), Optional.of(output));

        TaskDescription copy = KryoFactoryTest.roundTrip(task);
        assertEquals(Optional.of(output), copy.fileOutput());
        assertEquals(csv.options(), ((FileScanExec) copy.fragment()).source().options());
        assertEquals("file:/out/_temporary/0b7c", copy.fileOutput().orElseThrow().stagingDir());
    }

    @Test
    void writeResultRoundTrips()
    {
        WrittenFile file = new WrittenFile("file:/out/_temporary/0b7c/part-00000-0b7c.snappy.parquet.attempt-2", 7, 345);
        TaskResult result = TaskResult.written(5, "exec-1", file, new TaskMetrics());

        TaskResult copy = KryoFactoryTest.roundTrip(result);
        assertEquals(Optional.of(file), copy.writtenFile());
        assertEquals(Optional.empty(), copy.mapOutput());
    }
}
