package io.spindle.am.yarn;

/**
 * The driver's services that must run before the user's main class: above all the RPC endpoint
 * executors connect to. The ApplicationMaster creates the class named by {@code spindle.driver.runtimeClass}
 * (public, with a public no-argument constructor), calls {@link #start} before it registers with the
 * ResourceManager (so the registration carries the RPC port), runs the main class, and calls {@link #stop}
 * once the main class has returned or thrown, or once {@link #start} has thrown (the application then fails
 * with that exception as its diagnostics).
 */
public interface DriverRuntime
{
    /**
     * Starts the driver's services.
     *
     * @return the port of the driver's RPC endpoint on {@link YarnClusterContext#amHost()}, which executors are
     * told with {@code --driver host:port}
     */
    int start(YarnClusterContext context)
            throws Exception;

    /** Stops the driver's services; called once, even when the main class or {@link #start} failed. */
    void stop();
}
