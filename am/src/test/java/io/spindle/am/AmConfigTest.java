package io.spindle.am;

import io.spindle.conf.SpindleConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AmConfigTest
{
    @Test
    void overheadIsAtLeast384Megabytes()
    {
        SpindleConf conf = new SpindleConf().set(AmConfig.EXECUTOR_MEMORY.name(), "1g");
        assertEquals(384L << 20, AmConfig.executorMemoryOverhead(conf));
    }

    @Test
    void overheadIsTenPercentOfLargeHeaps()
    {
        SpindleConf conf = new SpindleConf().set(AmConfig.DRIVER_MEMORY.name(), "10g");
        assertEquals(1024L << 20, AmConfig.driverMemoryOverhead(conf));
    }

    @Test
    void configuredOverheadWins()
    {
        SpindleConf conf = new SpindleConf()
                .set(AmConfig.EXECUTOR_MEMORY.name(), "10g")
                .set(AmConfig.EXECUTOR_MEMORY_OVERHEAD.name(), "200m");
        assertEquals(200L << 20, AmConfig.executorMemoryOverhead(conf));
    }

    @Test
    void containerSizeRoundsUpToWholeMegabytes()
    {
        assertEquals(1408, AmConfig.containerMegabytes(1L << 30, 384L << 20));
        assertEquals(2, AmConfig.containerMegabytes((1L << 20) + 1, 0));
    }
}
