package io.spindle.benchmarks.tpch;

/**
 * The driver program of the Spindle on YARN engine, which {@link SpindleYarnTpch} submits to the embedded cluster:
 * one application whose two executors stay up across all the queries. It measures inside the driver as every
 * engine's JVM does ({@link EngineMain}: a warm-up and the timed runs of each query, a failed query recorded and
 * the next one run), with {@link SpindleTpch#onYarn} as the engine, and writes the run file to the local path of
 * {@code --out}, which it can since the cluster runs on this machine. It returns rather than exit, so that the
 * ApplicationMaster reports how it ended. Arguments: those of {@link EngineMain}.
 */
public final class SpindleYarnDriver
{
    private SpindleYarnDriver()
    {
    }

    public static void main(String[] args)
            throws Exception
    {
        EngineMain.run(SpindleYarnTpch.ENGINE, args, SpindleTpch::onYarn);
    }
}
