package io.spindle.client;

import java.util.List;

/** A main class for the CLI's local-mode tests: remembers what it was given, and throws when asked to. */
public final class RecordingApp
{
    static volatile List<String> lastArgs;
    static volatile String lastMaster;
    static volatile String lastPartitions;

    private RecordingApp()
    {
    }

    public static void main(String[] args)
    {
        lastArgs = List.of(args);
        lastMaster = System.getProperty("spindle.master");
        lastPartitions = System.getProperty("spindle.sql.shuffle.partitions");
        if (args.length > 0 && args[0].equals("fail")) {
            throw new IllegalStateException("boom: asked to fail");
        }
    }
}
