package dev.mountflow.mountinfo;

import java.util.List;

/** The tagged fields between mount options and the {@code -} separator (proc(5) field 7). */
final class OptionalFields {
    static final String SHARED = "shared:";
    static final String MASTER = "master:";
    static final String PROPAGATE_FROM = "propagate_from:";
    static final String UNBINDABLE = "unbindable";

    private static final String[] NUMBERED = {SHARED, MASTER, PROPAGATE_FROM};

    private OptionalFields() {
    }

    /**
     * What is wrong with {@code fields}, or null. Known tags must carry a positive group number and
     * appear once, so that {@link #number} is unambiguous; other tags are kept as they are, for
     * kernels newer than this code.
     */
    static String problem(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (field.isEmpty() || field.equals("-") || containsWhitespace(field)) {
                return "'" + field + "' cannot be an optional field";
            }
            String tag = numberedTag(field);
            if (tag != null && parseGroup(field, tag.length()) <= 0) {
                return "'" + field + "' needs a positive peer group number";
            }
            for (int j = 0; tag != null && j < i; j++) {
                if (fields.get(j).startsWith(tag)) {
                    return "'" + field + "' repeats '" + fields.get(j) + "'";
                }
            }
        }
        return null;
    }

    /** The number after {@code tag} (e.g. {@code shared:}), 0 when the tag is absent. */
    static int number(List<String> fields, String tag) {
        for (String field : fields) {
            if (field.startsWith(tag)) {
                return parseGroup(field, tag.length());
            }
        }
        return 0;
    }

    private static String numberedTag(String field) {
        for (String tag : NUMBERED) {
            if (field.startsWith(tag)) {
                return tag;
            }
        }
        return null;
    }

    /** The decimal group number from {@code from}, or -1 when it is not one. */
    private static int parseGroup(String field, int from) {
        if (from == field.length() || field.length() - from > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    static boolean containsWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
