package io.spindle.am.yarn;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;

/**
 * Turns a container's exit status into a sentence the driver can show a user: what ended the executor
 * and, when memory did, how large its container was and which setting to raise.
 */
public final class ContainerExitDiagnostics
{
    /** Exit code of a JVM killed with SIGKILL: the kernel's OOM killer, or a NodeManager enforcing a memory limit. */
    public static final int SIGKILL_EXIT = 137;
    /** Exit code of a JVM stopped with SIGTERM: the NodeManager stopping the container. */
    public static final int SIGTERM_EXIT = 143;

    private ContainerExitDiagnostics()
    {
    }

    /** Whether the status says the container was killed, possibly for using more memory than it was given. */
    public static boolean killed(int exitStatus)
    {
        return exitStatus == SIGKILL_EXIT
                || exitStatus == SIGTERM_EXIT
                || exitStatus == ContainerExitStatus.KILLED_EXCEEDED_PMEM
                || exitStatus == ContainerExitStatus.KILLED_EXCEEDED_VMEM;
    }

    /**
     * @param who the executor, as the user should read it, e.g. {@code executor 3 (container_..._000004 on node7)}
     * @param containerMb memory YARN gave the container
     * @param heapBytes the JVM heap inside it
     * @param yarnDiagnostics what the NodeManager said, appended when not empty
     */
    public static String describe(String who, int exitStatus, String yarnDiagnostics, int containerMb, long heapBytes)
    {
        long heapMb = heapBytes >> 20;
        String size = containerMb + " MB container (heap " + heapMb + " MB + overhead " + (containerMb - heapMb) + " MB)";
        String what = switch (exitStatus) {
            case ContainerExitStatus.SUCCESS -> "exited normally";
            case ContainerExitStatus.KILLED_EXCEEDED_PMEM -> "was killed by YARN for exceeding the physical memory of its " + size
                    + "; raise spindle.executor.memoryOverhead (or spindle.executor.memory if its heap ran out)";
            case ContainerExitStatus.KILLED_EXCEEDED_VMEM -> "was killed by YARN for exceeding the virtual memory limit of its " + size
                    + "; raise yarn.nodemanager.vmem-pmem-ratio or set yarn.nodemanager.vmem-check-enabled=false";
            case SIGKILL_EXIT -> "was killed with SIGKILL (exit code 137) in its " + size
                    + ", usually by the kernel's OOM killer or by YARN enforcing the memory limit; raise spindle.executor.memoryOverhead";
            case SIGTERM_EXIT -> "was killed with SIGTERM (exit code 143) in its " + size
                    + ": YARN stopped it (a memory limit, preemption, or a release)";
            case ContainerExitStatus.PREEMPTED -> "was preempted by the YARN scheduler for another application";
            case ContainerExitStatus.ABORTED -> "was released (its container was aborted by the driver or the ResourceManager)";
            case ContainerExitStatus.DISKS_FAILED -> "was lost because the disks of its node failed";
            case ContainerExitStatus.KILLED_BY_APPMASTER -> "was killed by the ApplicationMaster";
            case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER -> "was killed by the ResourceManager";
            case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION -> "was killed because the application completed";
            case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER -> "was killed by the NodeManager's container scheduler";
            case ContainerExitStatus.KILLED_FOR_EXCESS_LOGS -> "was killed for writing too many logs";
            default -> "exited with code " + exitStatus + "; see its stderr in the container logs";
        };
        StringBuilder message = new StringBuilder(who).append(' ').append(what);
        if (yarnDiagnostics != null && !yarnDiagnostics.isBlank()) {
            message.append(". YARN: ").append(yarnDiagnostics.strip());
        }
        return message.toString();
    }
}
