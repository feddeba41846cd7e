package io.spindle.client.submit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerClasspathTest
{
    @Test
    void jarModeStagesTheJarAndAppendsTheClustersClasspath()
    {
        ContainerClasspath classpath = ContainerClasspath.forJar(Path.of("/tmp/spindle.jar"), new String[] {"$HADOOP_CONF_DIR", " ", "/usr/lib/hadoop/*"});

        assertEquals(Optional.of(Path.of("/tmp/spindle.jar")), classpath.spindleJar());
        assertEquals("{{PWD}}/__spindle__.jar<CPS>{{PWD}}/__app__.jar<CPS>{{PWD}}<CPS>$HADOOP_CONF_DIR<CPS>/usr/lib/hadoop/*",
                classpath.classpath());
    }

    @Test
    void directoryModeUsesThisJvmsClasspathBehindTheAppJar()
    {
        ContainerClasspath classpath = ContainerClasspath.forThisMachine("/a/classes" + File.pathSeparator + "/b/x.jar");

        assertTrue(classpath.usesThisMachinesClasspath());
        assertEquals("{{PWD}}/__app__.jar<CPS>{{PWD}}<CPS>/a/classes<CPS>/b/x.jar", classpath.classpath());
    }

    @Test
    void findsTheJarAClassCameFromAndNoneForClassDirectories()
    {
        Optional<Path> picocliJar = ContainerClasspath.jarOf(CommandLine.class);
        assertTrue(picocliJar.isPresent() && Files.isRegularFile(picocliJar.get()) && picocliJar.get().toString().endsWith(".jar"),
                picocliJar.toString());
        assertEquals(Optional.empty(), ContainerClasspath.jarOf(ContainerClasspathTest.class));
    }
}
