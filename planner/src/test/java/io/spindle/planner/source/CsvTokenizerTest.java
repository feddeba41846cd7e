package io.spindle.planner.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTokenizerTest
{
    private static List<List<String>> records(String text, char delimiter)
            throws IOException
    {
        CsvTokenizer tokenizer = new CsvTokenizer(new StringReader(text), delimiter);
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        while (tokenizer.next(fields)) {
            records.add(new ArrayList<>(fields));
        }
        return records;
    }

    @Test
    void splitsQuotedFieldsEmptyFieldsAndLineEnds()
            throws IOException
    {
        assertEquals(List.of(
                List.of("a", "b,c"),
                Arrays.asList(null, "say \"hi\"", null),
                List.of("multi\r\nline", "x"),
                List.of("last")),
                records("a,\"b,c\"\r\n,\"say \"\"hi\"\"\",\"\"\n\n\"multi\r\nline\",x\rlast", ','));
    }

    @Test
    void fieldsSpanTheReadBuffer()
            throws IOException
    {
        String longField = "x".repeat(100_000);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append('"').append(longField).append("\"\"\"|").append(i).append("\r\n");
        }
        List<List<String>> records = records(text.toString(), '|');
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(longField + "\"", String.valueOf(i)), records.get(i));
        }
    }

    @Test
    void unterminatedQuoteFailsNamingTheRecord()
    {
        IOException e = assertThrows(IOException.class, () -> records("a\n\"open,b\n", ','));
        assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    }
}
