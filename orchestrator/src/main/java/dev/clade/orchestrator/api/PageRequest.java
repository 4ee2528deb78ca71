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
    }

    long offset() {
        return (long) page * size;
    }
}
