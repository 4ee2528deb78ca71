package dev.clade.memory.distill;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The normalised signature of a failure: the last exception line of a traceback (Python, Java, ...), else the first
 * line of the failure reason, with the parts that differ between runs (numbers, paths, addresses) replaced (names in
 * quotes stay: a missing module's name is the lesson), so that the same mistake gives the same signature every time.
 */
public final class ErrorSignature {

    private static final Pattern EXCEPTION = Pattern.compile(
            "^\\s*(?:Exception in thread \"[^\"]*\" )?([A-Za-z_][\\w.$]*(?:Error|Exception|Exit|Interrupt|Warning))\\b:?.*$");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern PATH = Pattern.compile("(?:/[\\w.+-]+){2,}/?");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final List<String> ENVIRONMENT = List.of(
            "ModuleNotFoundError",
            "ImportError",
            "MemoryError",
            "OutOfMemoryError",
            "No space left",
            "out of memory",
            "command not found",
            "Permission denied");
    static final int MAX_LENGTH = 160;

    private ErrorSignature() {}

    /** The signature of a failure, from its error output first and its reason second; empty when both are empty. */
    public static Optional<String> of(String errorOutput, String reason) {
        List<String> lines = errorOutput.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (EXCEPTION.matcher(lines.get(i)).matches()) {
                return Optional.of(normalise(lines.get(i)));
            }
        }
        String first = reason.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return first.isEmpty() ? Optional.empty() : Optional.of(normalise(first));
    }

    /** Whether the signature is about the machine rather than the change. */
    public static boolean environmental(String signature) {
        return ENVIRONMENT.stream().anyMatch(signature::contains);
    }

    /** {@code line} with numbers, paths, addresses and ids replaced, so that the same situation reads the same. */
    public static String normalise(String line) {
        String s = line.strip();
        s = HEX.matcher(s).replaceAll("<addr>");
        s = PATH.matcher(s).replaceAll("<path>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = s.replaceAll("\\s+", " ");
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }
}
