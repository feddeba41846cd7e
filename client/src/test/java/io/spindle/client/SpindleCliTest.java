package io.spindle.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpindleCliTest
{
    @TempDir
    Path tempDir;

    private Path appJar;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeAppJar()
            throws IOException
    {
        appJar = tempDir.resolve("app.jar");
        String entry = RecordingApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(appJar);
                JarOutputStream jar = new JarOutputStream(file);
                var classBytes = RecordingApp.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new ZipEntry(entry));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
    }

    @Test
    void noCommandIsBadUsage()
    {
        assertEquals(2, run());
        assertTrue(err.toString().contains("missing command"), err.toString());
    }

    @Test
    void submitWithoutMainClassIsBadUsage()
    {
        assertEquals(2, run("submit", appJar.toString()));
        assertTrue(err.toString().contains("--class"), err.toString());
    }

    @Test
    void missingApplicationJarIsBadUsageAndNamesTheJar()
    {
        assertEquals(2, run("submit", "--class", "x.Main", tempDir.resolve("nope.jar").toString()));
        assertTrue(err.toString().contains("nope.jar does not exist"), err.toString());
    }

    @Test
    void unreadableMemoryIsBadUsage()
    {
        assertEquals(2, run("submit", "--class", "x.Main", "--executor-memory", "lots", appJar.toString()));
        assertTrue(err.toString().contains("--executor-memory"), err.toString());
    }

    @Test
    void unknownMasterIsBadUsage()
    {
        assertEquals(2, run("submit", "--class", "x.Main", "--master", "mesos://x", appJar.toString()));
        assertTrue(err.toString().contains("--master must be"), err.toString());
    }

    @Test
    void settingsOutsideSpindleAreBadUsage()
    {
        assertEquals(2, run("submit", "--class", "x.Main", "--conf", "fs.defaultFS=hdfs://x", appJar.toString()));
        assertTrue(err.toString().contains("'fs.defaultFS' is not a Spindle setting"), err.toString());
    }

    @Test
    void localModeRunsTheMainClassWithEverythingAfterTheJar()
    {
        int exitCode = run("submit", "--master", "local[2]", "--class", RecordingApp.class.getName(),
                "--conf", "spindle.sql.shuffle.partitions=3", appJar.toString(), "--input", "a b", "--class", "-x");

        assertEquals(0, exitCode, err.toString());
        assertEquals(List.of("--input", "a b", "--class", "-x"), RecordingApp.lastArgs);
        assertEquals("local[2]", RecordingApp.lastMaster);
        assertEquals("3", RecordingApp.lastPartitions);
        assertNull(System.getProperty("spindle.sql.shuffle.partitions"), "settings are system properties only while the main class runs");
    }

    @Test
    void localModeFailureExitsWithOneAndShowsTheException()
    {
        int exitCode = run("submit", "--master", "local", "--class", RecordingApp.class.getName(), appJar.toString(), "fail");

        assertEquals(1, exitCode);
        assertTrue(err.toString().contains("IllegalStateException: boom: asked to fail"), err.toString());
    }

    private int run(String... args)
    {
        CommandLine commandLine = new CommandLine(new SpindleCli(new Configuration(false)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
