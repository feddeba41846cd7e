package io.spindle.client.submit;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

import static java.util.Objects.requireNonNull;

/**
 * How a YARN application ended, as the ResourceManager reports it.
 *
 * @param diagnostics why it failed or was killed (for Spindle's ApplicationMaster, the main class's stack trace);
 * empty when it succeeded
 */
public record ApplicationOutcome(
        ApplicationId applicationId,
        YarnApplicationState state,
        FinalApplicationStatus finalStatus,
        String diagnostics,
        String trackingUrl)
{
    public ApplicationOutcome
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(state, "state is null");
        requireNonNull(finalStatus, "finalStatus is null");
        diagnostics = diagnostics == null ? "" : diagnostics;
        trackingUrl = trackingUrl == null ? "" : trackingUrl;
    }

    /** Whether the application finished and its ApplicationMaster reported success. */
    public boolean succeeded()
    {
        return state == YarnApplicationState.FINISHED && finalStatus == FinalApplicationStatus.SUCCEEDED;
    }
}
