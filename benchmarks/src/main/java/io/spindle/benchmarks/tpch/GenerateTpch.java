package io.spindle.benchmarks.tpch;

import io.spindle.client.demo.TpchDataGenerator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the eight TPC-H tables as Parquet with Spindle's generator, which skips the tables a finished
 * earlier run left for the same scale factor. Options: {@code --scale-factor 1 --out <dir>}.
 */
public final class GenerateTpch
{
    private GenerateTpch()
    {
    }

    public static void main(String[] args)
    {
        Arguments arguments = Arguments.parse("generate", args, Set.of("scale-factor", "out"));
        String scaleText = arguments.required("scale-factor");
        double scaleFactor;
        try {
            scaleFactor = Double.parseDouble(scaleText);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("generate: --scale-factor must be a positive number such as 1 or 0.1, not '" + scaleText + "'", e);
        }
        java.nio.file.Path out = java.nio.file.Path.of(arguments.required("out")).toAbsolutePath();

        long start = System.nanoTime();
        Map<String, Long> rows = TpchDataGenerator.generate(new Configuration(), new Path(out.toUri()), scaleFactor, List.of());
        System.out.printf(Locale.ROOT, "  [generate] TPC-H at scale factor %s under %s in %.1f s: %,d lineitem rows%n",
                scaleText, out, (System.nanoTime() - start) / 1e9, rows.get("lineitem"));
    }
}
