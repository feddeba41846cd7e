package io.spindle.am.yarn;

import io.spindle.conf.SpindleConf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmittedApplicationTest
{
    @Test
    void argumentsSurviveTheRoundTripVerbatim()
            throws Exception
    {
        List<String> args = List.of("--input", "hdfs:///a b/c=d", "", "quote\"s and \\ back\\slashes", "ünïcödé\nnewline", "#not a comment");
        SubmittedApplication written = new SubmittedApplication("com.example.Main", args,
                new SpindleConf(Map.of("spindle.executor.instances", "3", "spindle.sql.shuffle.partitions", "16")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        written.write(out);
        SubmittedApplication read = SubmittedApplication.read(new ByteArrayInputStream(out.toByteArray()));

        assertEquals("com.example.Main", read.mainClass());
        assertEquals(args, read.args());
        assertEquals(Map.of("spindle.executor.instances", "3", "spindle.sql.shuffle.partitions", "16"), read.conf().asMap());
    }

    @Test
    void argumentsAreOnePropertyEach()
    {
        Properties properties = new SubmittedApplication("Main", List.of("x", "y"), new SpindleConf()).toProperties();
        assertEquals("x", properties.getProperty("spindle.app.arg.0"));
        assertEquals("y", properties.getProperty("spindle.app.arg.1"));
        assertEquals("Main", properties.getProperty("spindle.app.mainClass"));
    }

    @Test
    void missingMainClassIsReported()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubmittedApplication.fromProperties(new Properties()));
        assertTrue(e.getMessage().contains("spindle.app.mainClass"), e.getMessage());
    }

    @Test
    void confMustNotCarryTheLaunchKeys()
    {
        assertThrows(IllegalArgumentException.class,
                () -> new SubmittedApplication("Main", List.of(), new SpindleConf().set("spindle.app.arg.0", "x")));
    }
}
