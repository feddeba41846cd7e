package io.spindle.am.scheduler;

import io.spindle.conf.ConfigKey;

/** Settings of the driver's scheduler. */
public final class SchedulerConfig
{
    public static final ConfigKey<Integer> TASK_MAX_FAILURES = ConfigKey.intKey("spindle.task.maxFailures", 4,
            "attempts of one task before its job fails, as Spark's spark.task.maxFailures");
    public static final ConfigKey<Long> EXECUTOR_REGISTRATION_TIMEOUT = ConfigKey.durationKey("spindle.scheduler.executorRegistrationTimeout", "180s",
            "how long a job waits for its first executor to register before it fails");
    public static final ConfigKey<Boolean> RELEASE_EXECUTORS_BETWEEN_STAGES = ConfigKey.booleanKey("spindle.scheduler.releaseExecutorsBetweenStages", false,
            "release every executor after each shuffle map stage and start fresh ones for the next stage: map outputs are then"
                    + " read only through the NodeManagers' shuffle service (a test of that path; slow)");

    private SchedulerConfig()
    {
    }
}
