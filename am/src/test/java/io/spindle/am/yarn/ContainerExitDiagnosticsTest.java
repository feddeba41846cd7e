package io.spindle.am.yarn;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerExitDiagnosticsTest
{
    private static final String WHO = "executor 3 (container_1_0001_01_000004 on node7)";

    @Test
    void physicalMemoryKillNamesTheContainerSizeAndTheSettingToRaise()
    {
        String message = ContainerExitDiagnostics.describe(WHO, ContainerExitStatus.KILLED_EXCEEDED_PMEM,
                "Container killed on request. Exit code is 137", 1408, 1L << 30);
        assertTrue(message.startsWith(WHO + " was killed by YARN for exceeding the physical memory"), message);
        assertTrue(message.contains("1408 MB container (heap 1024 MB + overhead 384 MB)"), message);
        assertTrue(message.contains("spindle.executor.memoryOverhead"), message);
        assertTrue(message.endsWith("YARN: Container killed on request. Exit code is 137"), message);
    }

    @Test
    void signalsSayTheExecutorWasKilled()
    {
        String sigkill = ContainerExitDiagnostics.describe(WHO, 137, "", 1408, 1L << 30);
        assertTrue(sigkill.contains("was killed with SIGKILL (exit code 137) in its 1408 MB container"), sigkill);
        String sigterm = ContainerExitDiagnostics.describe(WHO, 143, null, 1408, 1L << 30);
        assertTrue(sigterm.contains("was killed with SIGTERM (exit code 143) in its 1408 MB container"), sigterm);
        assertTrue(ContainerExitDiagnostics.killed(137));
        assertTrue(ContainerExitDiagnostics.killed(143));
        assertTrue(ContainerExitDiagnostics.killed(ContainerExitStatus.KILLED_EXCEEDED_PMEM));
        assertFalse(ContainerExitDiagnostics.killed(1));
    }

    @Test
    void otherExitCodesPointAtTheLogs()
    {
        String message = ContainerExitDiagnostics.describe(WHO, 1, "", 1408, 1L << 30);
        assertTrue(message.equals(WHO + " exited with code 1; see its stderr in the container logs"), message);
    }
}
