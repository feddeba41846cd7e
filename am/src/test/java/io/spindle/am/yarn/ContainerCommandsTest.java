package io.spindle.am.yarn;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContainerCommandsTest
{
    @Test
    void commandUsesTheNodeManagersJavaHomeByDefault()
    {
        List<String> command = ContainerCommands.javaCommand("", 512L << 20, List.of("-XX:+UseSerialGC", " "), "io.example.Main",
                List.of("--executor-id", "7"));
        assertEquals(List.of("{{JAVA_HOME}}/bin/java -Xmx512m -XX:+UseSerialGC io.example.Main --executor-id 7 "
                + "1><LOG_DIR>/stdout 2><LOG_DIR>/stderr"), command);
    }

    @Test
    void configuredJavaHomeIsUsedLiterally()
    {
        assertEquals("/opt/jdk17/bin/java", ContainerCommands.javaExecutable("/opt/jdk17"));
    }

    @Test
    void heapIsWrittenInTheLargestExactUnit()
    {
        assertEquals("-Xmx1024m", ContainerCommands.heapOption(1L << 30));
        assertEquals("-Xmx1536k", ContainerCommands.heapOption(1536L << 10));
        assertThrows(IllegalArgumentException.class, () -> ContainerCommands.heapOption(1000));
    }

    @Test
    void emptyClasspathIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ContainerCommands.environment(""));
    }
}
