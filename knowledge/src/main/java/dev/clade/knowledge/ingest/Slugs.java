package dev.clade.knowledge.ingest;

import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs for page keys: lower-case letters and digits joined by single dashes. */
final class Slugs {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_LENGTH = 80;

    private Slugs() {}

    /** {@code "2. Install CUDA (Linux)"} becomes {@code "2-install-cuda-linux"}; blank text becomes {@code "section"}. */
    static String of(String text) {
        String slug = NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.length() > MAX_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_LENGTH));
        }
        return slug.isEmpty() ? "section" : slug;
    }

    private static String trimDashes(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
