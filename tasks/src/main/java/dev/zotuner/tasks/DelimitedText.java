package dev.zotuner.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the text and label columns of a TSV or CSV file. With a header, columns are chosen by
 * name and every record must have as many fields as the header; without one, columns are 0-based
 * indices and every record must have as many fields as the first.
 */
final class DelimitedText {

    private DelimitedText() {
    }

    /** The (text, label) records of {@code content}, a TSV or CSV file's text. */
    static List<RawExample> read(String content, TableFormat format, String file,
                                 CustomTaskOptions options) {
        List<CsvRecords.Row> rows = format == TableFormat.CSV
                ? CsvRecords.parse(content, file)
                : tsvRows(content);
        if (rows.isEmpty()) {
            throw new DataFileException(file, 0, "no records");
        }
        int textCol;
        int labelCol;
        int width;
        List<CsvRecords.Row> data;
        if (options.header()) {
            List<String> header = rows.get(0).fields().stream().map(String::strip).toList();
            textCol = named(header, options.textColumn(), file, rows.get(0).line());
            labelCol = named(header, options.labelColumn(), file, rows.get(0).line());
            width = header.size();
            data = rows.subList(1, rows.size());
        } else {
            textCol = indexed(options.textColumn(), file);
            labelCol = indexed(options.labelColumn(), file);
            width = rows.get(0).fields().size();
            data = rows;
        }
        List<RawExample> out = new ArrayList<>(data.size());
        for (CsvRecords.Row row : data) {
            List<String> f = row.fields();
            if (f.size() != width) {
                String hint = format == TableFormat.TSV ? " (a TAB inside a text field?)" : "";
                throw new DataFileException(file, row.line(),
                        "expected " + width + " fields, found " + f.size() + hint);
            }
            if (Math.max(textCol, labelCol) >= f.size()) {
                throw new DataFileException(file, row.line(), "missing column "
                        + Math.max(textCol, labelCol) + " (the record has " + f.size() + " fields)");
            }
            out.add(new RawExample(row.line(), f.get(textCol), f.get(labelCol).strip()));
        }
        return out;
    }

    /** TSV records: one per non-blank line, split on every TAB; CRLF endings accepted. */
    private static List<CsvRecords.Row> tsvRows(String content) {
        String[] lines = content.split("\n", -1);
        List<CsvRecords.Row> rows = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (!line.isBlank()) {
                rows.add(new CsvRecords.Row(i + 1, Arrays.asList(line.split("\t", -1))));
            }
        }
        return rows;
    }

    private static int named(List<String> header, String column, String file, int line) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new DataFileException(file, line,
                    "missing column '" + column + "' in header (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    private static int indexed(String column, String file) {
        try {
            int i = Integer.parseInt(column.strip());
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFileException(file, 0, "column '" + column
                + "' must be a 0-based column index because the file has no header");
    }
}
