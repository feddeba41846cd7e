package io.spindle.planner.source;

import io.spindle.planner.types.Schema;
import io.spindle.sql.AnalysisException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How the text formats (CSV, JSON Lines) are listed and split: a record may span lines, so a file is read whole,
 * one split per file, its rows estimated from the bytes per row of a sample.
 */
final class WholeFiles
{
    private WholeFiles()
    {
    }

    /** The data files under {@code paths}, sorted by path; fails when there are none. */
    static List<FileStatus> list(Configuration conf, List<String> paths, String format)
    {
        List<FileStatus> files = new ArrayList<>();
        for (String path : paths) {
            files.addAll(ParquetSource.listDataFiles(conf, path));
        }
        if (files.isEmpty()) {
            throw new AnalysisException("no " + format + " files found under " + paths + "; files whose names start with '_' or '.' are ignored, as in Spark");
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        return files;
    }

    /** A source of one split per file. */
    static FileSource source(String format, Configuration conf, List<String> paths, Schema schema, List<FileStatus> files, double bytesPerRow,
            Map<String, String> options)
    {
        List<FileSplit> splits = new ArrayList<>();
        long totalBytes = 0;
        long totalRows = 0;
        for (FileStatus file : files) {
            long rows = Math.round(file.getLen() / bytesPerRow);
            splits.add(new FileSplit(file.getPath().toString(), List.of(), file.getLen(), rows, ParquetSource.hosts(conf, file, 0, file.getLen())));
            totalBytes += file.getLen();
            totalRows += rows;
        }
        return new FileSource(format, paths, schema, splits, totalBytes, totalRows, options);
    }
}
