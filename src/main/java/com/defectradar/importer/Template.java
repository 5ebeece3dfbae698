package com.defectradar.importer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A mapping value: literal text with {@code {column}} placeholders, each optionally piped through filters,
 * e.g. {@code {make} {model} {model_year}} or {@code {model_year|plus:-1}-01-01}. {@code {{} and {@code }}}
 * write literal braces. Column values are trimmed; a result that is blank means "no value".
 */
final class Template {

    /** A value that a filter cannot transform: the row is rejected with this reason. */
    static final class ValueException extends Exception {
        ValueException(String message) {
            super(message, null, false, false);
        }
    }

    static final Set<String> FILTERS = Set.of("trim", "upper", "lower", "left", "plus", "date", "datetime", "default");

    private sealed interface Part permits Literal, Column {
    }

    private record Literal(String text) implements Part {
    }

    private record Column(String name, List<Filter> filters) implements Part {
    }

    private record Filter(String name, String argument, ValueFunction function) {
    }

    @FunctionalInterface
    private interface ValueFunction {
        String apply(String value) throws ValueException;
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a template; throws IllegalArgumentException naming what is wrong, for the mapping's error message. */
    static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'{' at position " + (i + 1) + " is never closed");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(column(text.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("'}' at position " + (i + 1) + " closes nothing (write }} for a brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(text, List.copyOf(parts));
    }

    private static Column column(String expression) {
        String[] pieces = expression.split("\\|");
        String name = pieces[0].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'{" + expression + "}' names no column");
        }
        List<Filter> filters = new ArrayList<>();
        for (int p = 1; p < pieces.length; p++) {
            String piece = pieces[p].strip();
            int colon = piece.indexOf(':');
            String filter = (colon < 0 ? piece : piece.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            String argument = colon < 0 ? null : piece.substring(colon + 1);
            filters.add(new Filter(filter, argument, function(filter, argument)));
        }
        return new Column(name, List.copyOf(filters));
    }

    private static ValueFunction function(String filter, String argument) {
        return switch (filter) {
            case "trim" -> String::strip;
            case "upper" -> v -> v.toUpperCase(Locale.ROOT);
            case "lower" -> v -> v.toLowerCase(Locale.ROOT);
            case "default" -> v -> v.isBlank() ? required(filter, argument) : v;
            case "left" -> {
                int n = integerArgument(filter, argument);
                yield v -> v.codePointCount(0, v.length()) <= n ? v : v.substring(0, v.offsetByCodePoints(0, n));
            }
            case "plus" -> {
                int n = integerArgument(filter, argument);
                yield v -> {
                    if (v.isBlank()) {
                        return v;
                    }
                    try {
                        return String.valueOf(Math.addExact(Long.parseLong(v.strip()), n));
                    } catch (NumberFormatException | ArithmeticException e) {
                        throw new ValueException("'" + v + "' is not a whole number");
                    }
                };
            }
            case "date" -> {
                DateTimeFormatter format = pattern(filter, argument);
                yield v -> {
                    if (v.isBlank()) {
                        return v;
                    }
                    try {
                        return LocalDate.parse(v.strip(), format).toString();
                    } catch (DateTimeParseException e) {
                        throw new ValueException("'" + v + "' is not a date like " + argument);
                    }
                };
            }
            case "datetime" -> {
                DateTimeFormatter format = pattern(filter, argument);
                yield v -> {
                    if (v.isBlank()) {
                        return v;
                    }
                    try {
                        return LocalDateTime.parse(v.strip(), format).toInstant(ZoneOffset.UTC).toString();
                    } catch (DateTimeParseException e) {
                        throw new ValueException("'" + v + "' is not a date and time like " + argument + " (read as UTC)");
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown filter '" + filter + "'; known: " + String.join(", ",
                    FILTERS.stream().sorted().toList()));
        };
    }

    private static String required(String filter, String argument) {
        if (argument == null) {
            throw new IllegalArgumentException("filter '" + filter + "' needs an argument");
        }
        return argument;
    }

    private static int integerArgument(String filter, String argument) {
        try {
            return Integer.parseInt(required(filter, argument).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("filter '" + filter + "' needs a whole number, not '" + argument + "'");
        }
    }

    private static DateTimeFormatter pattern(String filter, String argument) {
        try {
            return DateTimeFormatter.ofPattern(required(filter, argument).strip(), Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("filter '" + filter + "' has an invalid pattern '" + argument + "': "
                    + e.getMessage());
        }
    }

    /** The columns this template reads. */
    List<String> columns() {
        return parts.stream().filter(Column.class::isInstance).map(p -> ((Column) p).name()).toList();
    }

    /** The value for one row, or null when it is blank. */
    String render(Map<String, String> row) throws ValueException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal(String text) -> out.append(text);
                case Column(String name, List<Filter> filters) -> {
                    String value = row.getOrDefault(name, "").strip();
                    for (Filter filter : filters) {
                        value = filter.function().apply(value);
                    }
                    out.append(value);
                }
            }
        }
        String value = out.toString().strip();
        return value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return source;
    }
}
