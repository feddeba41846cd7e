package io.spindle.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import static java.util.Objects.requireNonNull;

/**
 * The {@code spindle} command, the Main-Class of the client jar: {@code yarn jar spindle-client.jar submit ...}.
 * Subcommands are listed once, in the {@code subcommands} of this class's {@link Command}; a new one is a
 * picocli command class with a public no-argument constructor, which reaches the cluster through
 * {@code @ParentCommand SpindleCli} and {@link #hadoopConfiguration()}.
 */
@Command(
        name = "spindle",
        mixinStandardHelpOptions = true,
        versionProvider = SpindleCli.Version.class,
        description = "Spindle, a distributed DataFrame engine that runs on YARN.",
        subcommands = {
                SubmitCommand.class,
                io.spindle.client.demo.DemoCommand.class,
                io.spindle.client.sql.SqlCommand.class,
                HelpCommand.class,
        })
public final class SpindleCli
        implements Runnable
{
    private final Supplier<Configuration> hadoopConfiguration;

    @Spec
    private CommandSpec spec;

    /** The cluster is the one HADOOP_CONF_DIR (or YARN_CONF_DIR) on the class path describes, as with every {@code yarn} command. */
    public SpindleCli()
    {
        this(YarnConfiguration::new);
    }

    /** The cluster is the one {@code hadoopConfiguration} describes; for running the CLI in-process, as tests and the embedded cluster do. */
    public SpindleCli(Configuration hadoopConfiguration)
    {
        this(copying(requireNonNull(hadoopConfiguration, "hadoopConfiguration is null")));
    }

    private SpindleCli(Supplier<Configuration> hadoopConfiguration)
    {
        this.hadoopConfiguration = hadoopConfiguration;
    }

    public static void main(String[] args)
    {
        System.exit(new CommandLine(new SpindleCli()).execute(args));
    }

    /** A fresh copy of the configuration of the cluster the subcommands work on. */
    public Configuration hadoopConfiguration()
    {
        return hadoopConfiguration.get();
    }

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "missing command; use one of " + spec.subcommands().keySet());
    }

    private static Supplier<Configuration> copying(Configuration conf)
    {
        return () -> new YarnConfiguration(conf);
    }

    /** The version of the client jar, from the metadata Maven writes into it. */
    static final class Version
            implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
                throws IOException
        {
            Properties properties = new Properties();
            try (InputStream in = SpindleCli.class.getResourceAsStream("/META-INF/maven/io.spindle/spindle-client/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"Spindle " + properties.getProperty("version", "(development build)")};
        }
    }
}
