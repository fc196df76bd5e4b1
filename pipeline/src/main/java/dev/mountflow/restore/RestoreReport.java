package dev.mountflow.restore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one restore did, stage by stage ({@code --report FILE.json}). Written on failure too: the
 * failed stage has outcome {@code failed}, later stages are absent, and {@code rollback} holds what
 * the unwind cost.
 *
 * @param engine the engine's name
 * @param imageDir the image directory, or null when the image did not come from one
 * @param outcome {@code ok} or {@code failed}
 * @param error the failure's message, null on success
 * @param stages the stages that started, in order
 * @param rollback the unwind after a failure, null on success
 * @param total every stage and the rollback together
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"engine", "imageDir", "outcome", "error", "stages", "rollback", "total"})
public record RestoreReport(String engine, String imageDir, String outcome, String error, List<StageReport> stages,
                            Cost rollback, Cost total) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RestoreReport {
        stages = List.copyOf(stages);
    }

    /**
     * One stage.
     *
     * @param syscalls kernel calls by C name, attempted ones included
     * @param mountsTouched the mount-changing calls among them
     */
    @JsonPropertyOrder({"id", "wallTimeMs", "syscalls", "mountsTouched", "outcome"})
    public record StageReport(String id, double wallTimeMs, Map<String, Long> syscalls, long mountsTouched,
                              String outcome) {
        public StageReport {
            syscalls = sorted(syscalls);
        }
    }

    /** Time and calls of a span of work: the rollback, or the whole restore. */
    @JsonPropertyOrder({"wallTimeMs", "syscalls", "mountsTouched"})
    public record Cost(double wallTimeMs, Map<String, Long> syscalls, long mountsTouched) {
        public Cost {
            syscalls = sorted(syscalls);
        }
    }

    // By name, so that two reports of one restore read the same.
    private static Map<String, Long> sorted(Map<String, Long> syscalls) {
        return Collections.unmodifiableMap(new TreeMap<>(syscalls));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RestoreReport fromJson(String json) {
        try {
            return JSON.readValue(json, RestoreReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n");
    }
}
