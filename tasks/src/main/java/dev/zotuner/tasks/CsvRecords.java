package dev.zotuner.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader: splits text into records of fields, keeping the 1-based line where each
 * record starts. Quoted fields may hold commas, quotes ({@code ""}) and line breaks; a quote inside
 * an unquoted field or text after a closing quote is an error naming the line.
 */
final class CsvRecords {

    /** One record: its first line and its fields. */
    record Row(int line, List<String> fields) {
    }

    private CsvRecords() {
    }

    /** The records of {@code text}; blank lines are skipped. */
    static List<Row> parse(String text, String file) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean inQuotes = false;
        boolean quoted = false; // the current field was quoted and its closing quote has been seen
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                    quoted = true;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                addUnlessBlank(rows, recordLine, fields, quoted);
                fields = new ArrayList<>();
                field.setLength(0);
                quoted = false;
                line++;
                recordLine = line;
            } else if (quoted) {
                throw new DataFileException(file, line, "unexpected character '" + c
                        + "' after a closing quote (a quote inside a quoted field is written \"\")");
            } else if (c == '"') {
                if (field.length() > 0) {
                    throw new DataFileException(file, line, "quote inside an unquoted field"
                            + " (quote the whole field and double the quotes inside it)");
                }
                inQuotes = true;
                quoteLine = line;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new DataFileException(file, quoteLine, "quoted field is never closed");
        }
        fields.add(field.toString());
        addUnlessBlank(rows, recordLine, fields, quoted);
        return rows;
    }

    private static void addUnlessBlank(List<Row> rows, int line, List<String> fields, boolean quoted) {
        boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !quoted;
        if (!blank) {
            rows.add(new Row(line, List.copyOf(fields)));
        }
    }
}
