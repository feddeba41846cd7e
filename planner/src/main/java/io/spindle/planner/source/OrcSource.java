package io.spindle.planner.source;

import io.spindle.planner.types.DataType;
import io.spindle.planner.types.Schema;
import io.spindle.planner.types.StructField;
import io.spindle.sql.AnalysisException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists ORC files, reads their footers, maps their schema to Spindle's types and cuts them into splits of one
 * stripe each. Runs on the driver when a DataFrame is defined.
 */
public final class OrcSource
{
    private OrcSource()
    {
    }

    public static FileSource open(Configuration conf, List<String> paths)
    {
        if (paths.isEmpty()) {
            throw new AnalysisException("read().orc() needs at least one path");
        }
        List<FileStatus> files = new ArrayList<>();
        for (String path : paths) {
            files.addAll(ParquetSource.listDataFiles(conf, path));
        }
        if (files.isEmpty()) {
            throw new AnalysisException("no ORC files found under " + paths + "; files whose names start with '_' or '.' are ignored, as in Spark");
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        Schema schema = null;
        String schemaFile = null;
        List<FileSplit> splits = new ArrayList<>();
        long totalBytes = 0;
        long totalRows = 0;
        for (FileStatus file : files) {
            String name = file.getPath().toString();
            try (Reader reader = OrcFile.createReader(file.getPath(), OrcFile.readerOptions(conf).filesystem(file.getPath().getFileSystem(conf)))) {
                Schema fileSchema = toSchema(reader.getSchema(), name);
                if (schema == null) {
                    schema = fileSchema;
                    schemaFile = name;
                }
                else if (!schema.equals(fileSchema)) {
                    throw new AnalysisException("ORC file " + name + " has schema " + fileSchema.fields() + " but " + schemaFile + " has "
                            + schema.fields() + "; read files with one schema together");
                }
                List<StripeInformation> stripes = reader.getStripes();
                for (int i = 0; i < stripes.size(); i++) {
                    StripeInformation stripe = stripes.get(i);
                    splits.add(new FileSplit(name, List.of(i), stripe.getLength(), stripe.getNumberOfRows(),
                            ParquetSource.hosts(conf, file, stripe.getOffset(), stripe.getLength())));
                    totalBytes += stripe.getLength();
                    totalRows += stripe.getNumberOfRows();
                }
            }
            catch (IOException | IllegalArgumentException e) {
                throw new AnalysisException("cannot read the ORC footer of " + name + ": " + e.getMessage() + "; is it an ORC file?", e);
            }
        }
        return new FileSource("orc", paths, schema, splits, totalBytes, totalRows);
    }

    static Schema toSchema(TypeDescription type, String file)
    {
        if (type.getCategory() != TypeDescription.Category.STRUCT) {
            throw new AnalysisException("ORC file " + file + " holds " + type + ", not a struct of columns");
        }
        List<StructField> fields = new ArrayList<>();
        List<String> names = type.getFieldNames();
        List<TypeDescription> children = type.getChildren();
        for (int i = 0; i < names.size(); i++) {
            fields.add(new StructField(names.get(i), toType(names.get(i), children.get(i), file), true));
        }
        return new Schema(fields);
    }

    /** The Spindle type of an ORC column, or fails naming it. */
    public static DataType toType(String name, TypeDescription type, String file)
    {
        return switch (type.getCategory()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case BYTE, SHORT, INT -> DataType.INT;
            case LONG -> DataType.LONG;
            case FLOAT, DOUBLE -> DataType.DOUBLE;
            case DATE -> DataType.DATE;
            case TIMESTAMP, TIMESTAMP_INSTANT -> DataType.TIMESTAMP;
            case STRING, VARCHAR, CHAR -> DataType.STRING;
            case DECIMAL -> DataType.decimal(type.getPrecision(), type.getScale());
            default -> throw unsupported(name, type, file);
        };
    }

    private static AnalysisException unsupported(String name, TypeDescription type, String file)
    {
        return new AnalysisException("column '" + name + "' of " + file + " has ORC type " + type
                + ", which Spindle cannot read yet; select other columns or convert it");
    }
}
