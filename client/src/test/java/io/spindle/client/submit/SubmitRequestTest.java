package io.spindle.client.submit;

import io.spindle.am.AmConfig;
import io.spindle.conf.SpindleConf;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SubmitRequestTest
{
    private static final Path JAR = Path.of("app.jar");

    @Test
    void defaultsComeFromTheSettingsDeclarations()
    {
        SubmitRequest request = SubmitRequest.builder("com.example.Main", JAR).build();

        assertEquals(2, request.executorInstances());
        assertEquals(1, request.executorCores());
        assertEquals(1L << 30, request.executorMemoryBytes());
        assertEquals(1L << 30, request.driverMemoryBytes());
        assertEquals("default", request.queue());
        assertEquals("com.example.Main", request.appName());
    }

    @Test
    void explicitSizesWinOverSettingsWhichWinOverDefaults()
    {
        SubmitRequest request = SubmitRequest.builder("com.example.Main", JAR)
                .conf(Map.of("spindle.executor.instances", "5", "spindle.executor.memory", "2g", "spindle.yarn.queue", "etl"))
                .executorInstances(3)
                .build();

        assertEquals(3, request.executorInstances());
        assertEquals(2L << 30, request.executorMemoryBytes());
        assertEquals("etl", request.queue());
    }

    @Test
    void effectiveSettingsCarryTheResolvedSizes()
    {
        SubmitRequest request = SubmitRequest.builder("com.example.Main", JAR)
                .appArgs(List.of("x"))
                .conf("spindle.executor.instances", "5")
                .executorInstances(4)
                .executorMemoryBytes(512L << 20)
                .appName("nightly")
                .build();

        SpindleConf conf = request.effectiveConf();
        assertEquals(4, conf.get(AmConfig.EXECUTOR_INSTANCES));
        assertEquals(512L << 20, conf.get(AmConfig.EXECUTOR_MEMORY));
        assertEquals("nightly", conf.getRaw("spindle.app.name"));
    }

    @Test
    void badSizesAreRefusedWithTheirRole()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubmitRequest.builder("com.example.Main", JAR).driverMemoryBytes(1L << 20).build());
        assertEquals("the driver needs a heap of at least 64m, got 1048576 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubmitRequest.builder("com.example.Main", JAR).executorCores(0).build());
    }
}
