package io.spindle.runtime.io;

import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.metadata.FileMetaData.EncryptionType;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The footers of the Parquet files this executor has read, so repeated scans of the same files (every query of a
 * session over one table) do not read and parse them again. A footer is found again only for the same path, length
 * and modification time, so a file rewritten in place is read anew. Encrypted footers are not kept: they carry
 * the decryptor of the reader that opened them. The least recently used footer goes first once {@code capacity} are
 * kept. Parquet readers only read a footer, never change it, so one footer serves concurrent readers. Thread-safe.
 */
final class ParquetFooterCache
{
    /** The cache shared by all readers of this JVM (one executor, or all threads of local mode). */
    static final ParquetFooterCache EXECUTOR = new ParquetFooterCache(512);

    private final Map<Key, ParquetMetadata> footers;

    ParquetFooterCache(int capacity)
    {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.footers = new LinkedHashMap<>(16, 0.75f, true)
        {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ParquetMetadata> eldest)
            {
                return size() > capacity;
            }
        };
    }

    /** The footer kept for {@code file} as it is now, or null. */
    synchronized ParquetMetadata get(FileStatus file)
    {
        return footers.get(Key.of(file));
    }

    /** Keeps {@code footer} as the footer of {@code file} as it is now, unless the file is encrypted. */
    synchronized void put(FileStatus file, ParquetMetadata footer)
    {
        if (footer.getFileMetaData().getEncryptionType() == EncryptionType.UNENCRYPTED) {
            footers.put(Key.of(file), footer);
        }
    }

    synchronized int size()
    {
        return footers.size();
    }

    private record Key(String path, long length, long modificationTime)
    {
        static Key of(FileStatus file)
        {
            return new Key(file.getPath().toString(), file.getLen(), file.getModificationTime());
        }
    }
}
