package io.spindle.planner.source;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists Parquet files, reads their footers, maps their schema to Spindle's types and cuts them into splits
 * of whole row groups. Runs on the driver when a DataFrame is defined, so a bad path fails before any
 * container is asked for.
 */
public final class ParquetSource
{
    private ParquetSource()
    {
    }

    public static FileSource open(Configuration conf, List<String> paths, long maxSplitBytes)
    {
        if (paths.isEmpty()) {
            throw new AnalysisException("read().parquet() needs at least one path");
        }
        List<FileStatus> files = new ArrayList<>();
        for (String path : paths) {
            files.addAll(listDataFiles(conf, path));
        }
        if (files.isEmpty()) {
            throw new AnalysisException("no Parquet files found under " + paths
                    + "; files whose names start with '_' or '.' are ignored, as in Spark");
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));

        Schema schema = null;
        String schemaFile = null;
        List<FileSplit> splits = new ArrayList<>();
        long totalBytes = 0;
        long totalRows = 0;
        for (FileStatus file : files) {
            ParquetMetadata footer = readFooter(conf, file);
            Schema fileSchema = toSchema(footer.getFileMetaData().getSchema(), file.getPath().toString());
            if (schema == null) {
                schema = fileSchema;
                schemaFile = file.getPath().toString();
            }
            else if (!schema.equals(fileSchema)) {
                throw new AnalysisException("Parquet file " + file.getPath() + " has schema " + fileSchema.fields()
                        + " but " + schemaFile + " has " + schema.fields() + "; read files with one schema together");
            }
            List<FileSplit> fileSplits = splitByRowGroups(conf, file, footer.getBlocks(), fileSchema, maxSplitBytes);
            for (FileSplit split : fileSplits) {
                totalBytes += split.bytes();
                totalRows += split.rows();
            }
            splits.addAll(fileSplits);
        }
        return new FileSource("parquet", paths, schema, splits, totalBytes, totalRows);
    }

    static List<FileStatus> listDataFiles(Configuration conf, String pathText)
    {
        Path path = new Path(pathText);
        try {
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            }
            catch (FileNotFoundException e) {
                throw new AnalysisException("path does not exist: " + fs.makeQualified(path)
                        + "; check the path, and that fs.defaultFS (" + conf.get("fs.defaultFS") + ") is the file system you mean");
            }
            List<FileStatus> files = new ArrayList<>();
            if (status.isFile()) {
                files.add(status);
                return files;
            }
            RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                FileStatus f = it.next();
                if (f.isFile() && isDataFile(path, f.getPath())) {
                    files.add(f);
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pathText + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDataFile(Path root, Path file)
    {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static ParquetMetadata readFooter(Configuration conf, FileStatus file)
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
            return reader.getFooter();
        }
        catch (IOException | RuntimeException e) {
            throw new AnalysisException("cannot read the Parquet footer of " + file.getPath() + ": " + e.getMessage()
                    + "; is it a Parquet file?", e);
        }
    }

    private static List<FileSplit> splitByRowGroups(Configuration conf, FileStatus file, List<BlockMetaData> rowGroups, Schema schema,
            long maxSplitBytes)
    {
        List<FileSplit> splits = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        List<RowGroupStatistics> statistics = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        long start = -1;
        for (int i = 0; i < rowGroups.size(); i++) {
            BlockMetaData rowGroup = rowGroups.get(i);
            if (!current.isEmpty() && bytes + rowGroup.getCompressedSize() > maxSplitBytes) {
                splits.add(new FileSplit(file.getPath().toString(), current, bytes, rows, hosts(conf, file, start, bytes), statistics));
                current = new ArrayList<>();
                statistics = new ArrayList<>();
                bytes = 0;
                rows = 0;
            }
            if (current.isEmpty()) {
                start = rowGroup.getStartingPos();
            }
            current.add(i);
            statistics.add(ParquetStatistics.of(rowGroup, schema));
            bytes += rowGroup.getCompressedSize();
            rows += rowGroup.getRowCount();
        }
        if (!current.isEmpty()) {
            splits.add(new FileSplit(file.getPath().toString(), current, bytes, rows, hosts(conf, file, start, bytes), statistics));
        }
        return splits;
    }

    /** The hosts that store the most bytes of [start, start + length), best first. */
    static List<String> hosts(Configuration conf, FileStatus file, long start, long length)
    {
        try {
            FileSystem fs = file.getPath().getFileSystem(conf);
            BlockLocation[] blocks = fs.getFileBlockLocations(file, start, Math.max(length, 1));
            Map<String, Long> bytesByHost = new HashMap<>();
            for (BlockLocation block : blocks) {
                long overlap = Math.min(block.getOffset() + block.getLength(), start + length) - Math.max(block.getOffset(), start);
                for (String host : block.getHosts()) {
                    if (!host.equals("localhost") || fs.getScheme().equals("hdfs")) {
                        bytesByHost.merge(host, Math.max(overlap, 0), Long::sum);
                    }
                }
            }
            return bytesByHost.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(Map.Entry::getKey)
                    .limit(3)
                    .toList();
        }
        catch (IOException e) {
            return List.of();
        }
    }

    static Schema toSchema(MessageType message, String file)
    {
        List<StructField> fields = new ArrayList<>();
        for (Type field : message.getFields()) {
            if (!field.isPrimitive()) {
                throw new AnalysisException("column '" + field.getName() + "' of " + file
                        + " is a nested Parquet type; Spindle reads flat columns only for now");
            }
            boolean nullable = field.getRepetition() != Type.Repetition.REQUIRED;
            if (field.getRepetition() == Type.Repetition.REPEATED) {
                throw new AnalysisException("column '" + field.getName() + "' of " + file + " is repeated; Spindle reads flat columns only for now");
            }
            fields.add(new StructField(field.getName(), toType(field.asPrimitiveType(), file), nullable));
        }
        return new Schema(fields);
    }

    private static DataType toType(PrimitiveType type, String file)
    {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            if (decimal.getPrecision() <= DataType.MAX_DECIMAL_PRECISION
                    && (type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || type.getTypeLength() <= 16)) {
                return DataType.decimal(decimal.getPrecision(), decimal.getScale());
            }
            throw unsupported(type, file, "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ") wider than "
                    + DataType.MAX_DECIMAL_PRECISION + " digits");
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? DataType.DATE : DataType.INT;
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? DataType.TIMESTAMP : DataType.LONG;
            case DOUBLE, FLOAT -> DataType.DOUBLE;
            case BINARY -> {
                if (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    yield DataType.STRING;
                }
                throw unsupported(type, file, String.valueOf(logical));
            }
            default -> throw unsupported(type, file, type.getPrimitiveTypeName().name());
        };
    }

    private static AnalysisException unsupported(PrimitiveType type, String file, String what)
    {
        return new AnalysisException("column '" + type.getName() + "' of " + file + " has Parquet type " + what
                + ", which Spindle cannot read yet; select other columns or convert it");
    }
}
