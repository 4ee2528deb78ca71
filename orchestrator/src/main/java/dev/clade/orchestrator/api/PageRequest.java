package dev.clade.orchestrator.api;

/** The {@code page} and {@code size} of a list request, checked: a 400 naming the field when out of range. */
record PageRequest(int page, int size) {

    /** The largest page a list returns. */
    static final int MAX_SIZE = 200;

    PageRequest {
        if (page < 0) {
            throw new FieldException("page", "must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new FieldException("size", "must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        if (page > Integer.MAX_VALUE / size) {
            throw new FieldException("page", "must be at most " + Integer.MAX_VALUE / size + " with size " + size);
        }
    }

    /** From the query parameters as given: {@code page=abc} is a 400 naming {@code page}, not a 404. */
    static PageRequest of(String page, String size) {
        return new PageRequest((int) whole("page", page, 0, Integer.MAX_VALUE), (int) whole("size", size, 1, MAX_SIZE));
    }

    /**
     * A whole-number query parameter in [{@code min}, {@code max}]. JAX-RS answers 404 when it cannot convert a
     * parameter itself, so number parameters are taken as text and read here.
     */
    static long whole(String field, String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new FieldException(field, "must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new FieldException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    long offset() {
        return (long) page * size;
    }
}
