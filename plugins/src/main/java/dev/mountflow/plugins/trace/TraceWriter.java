package dev.mountflow.plugins.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mountflow.model.RawString;
import dev.mountflow.plugin.KernelCallHook.KernelCallEvent;
import dev.mountflow.spi.Errno;
import dev.mountflow.spi.NativeCall;
import dev.mountflow.spi.NativeCallException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a restore's trace, one JSON object per line:
 * <pre>{@code
 * {"event":"stage","stage":"populate-tree","phase":"start","t_us":1520.3}
 * {"event":"call","stage":"populate-tree","t_us":1533.9,"tid":4711,"call":"mkdirat",
 *  "args":{"fd":"12","path":"'m-31'","mode":"0700"},"result":null,"us":4.1}
 * {"event":"call","stage":"populate-tree","t_us":1540.2,"tid":4711,"call":"openat2",
 *  "args":{…},"errno":"ENOENT","error":"No such file or directory","us":2.0}
 * {"event":"stage","stage":"populate-tree","phase":"end","t_us":8800.0,"ms":7.28}
 * {"event":"stage","stage":"assemble","phase":"failed","t_us":9100.0,"ms":0.3,"error":"…"}
 * }</pre>
 * {@code t_us} counts from the trace's start; arguments are rendered as in error messages. Safe
 * to call from any thread; lines never interleave. Closing is idempotent.
 */
final class TraceWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator json;
    private final long origin = System.nanoTime();
    private final Map<String, Long> stageStarts = new HashMap<>();
    private boolean closed;

    private TraceWriter(OutputStream out) throws IOException {
        this.out = out;
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
    }

    static TraceWriter open(Path file) throws IOException {
        warmUp();
        return new TraceWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /**
     * Writes each kind of line once to nowhere, so that every class a line needs is loaded here:
     * calls are traced on namespace threads too, which after pivot_root cannot load classes.
     */
    private static void warmUp() throws IOException {
        try (TraceWriter w = new TraceWriter(OutputStream.nullOutputStream())) {
            NativeCall call = NativeCall.mkdirat(3, RawString.of("x"), 0700);
            w.stageStarted("warm-up");
            w.call(new KernelCallEvent("warm-up", call, 3, null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, 3L, null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, new long[] {1, 2}, null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, RawString.of("x"), null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, new byte[1], null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, java.util.List.of(), null, 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, null, call.failed(Errno.ENOENT.number()), 0, 1, 1));
            w.call(new KernelCallEvent("warm-up", call, null, new IllegalStateException("x"), 0, 1, 1));
            w.stageFailed("warm-up", new IllegalStateException("x"));
            w.stageEnded("warm-up");
        }
    }

    synchronized void stageStarted(String id) throws IOException {
        long now = System.nanoTime();
        stageStarts.put(id, now);
        stageLine(id, "start", now, null);
    }

    synchronized void stageEnded(String id) throws IOException {
        stageLine(id, "end", System.nanoTime(), null);
    }

    synchronized void stageFailed(String id, Throwable failure) throws IOException {
        stageLine(id, "failed", System.nanoTime(), failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }

    private void stageLine(String id, String phase, long now, String error) throws IOException {
        if (closed) {
            return;
        }
        json.writeStartObject();
        json.writeStringField("event", "stage");
        json.writeStringField("stage", id);
        json.writeStringField("phase", phase);
        json.writeNumberField("t_us", micros(now - origin));
        if (!phase.equals("start")) {
            json.writeNumberField("ms", micros(now - stageStarts.getOrDefault(id, now)) / 1000.0);
        }
        if (error != null) {
            json.writeStringField("error", error);
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** One kernel call; called on the thread that made it, so it must not throw. */
    synchronized void call(KernelCallEvent e) {
        if (closed) {
            return;
        }
        try {
            json.writeStartObject();
            json.writeStringField("event", "call");
            json.writeStringField("stage", e.stage());
            json.writeNumberField("t_us", micros(e.startNanos() - origin));
            json.writeNumberField("tid", e.tid());
            json.writeStringField("call", e.call().kind().cName());
            json.writeObjectFieldStart("args");
            for (Map.Entry<String, String> a : e.call().arguments().entrySet()) {
                json.writeStringField(a.getKey(), a.getValue());
            }
            json.writeEndObject();
            if (e.failure() instanceof NativeCallException n) {
                json.writeStringField("errno", n.errnoName());
                json.writeStringField("error", n.errnoText());
            } else if (e.failure() != null) {
                json.writeStringField("error", String.valueOf(e.failure().getMessage()));
            } else {
                writeResult(e.result());
            }
            json.writeNumberField("us", micros(e.endNanos() - e.startNanos()));
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the trace", ex);
        }
    }

    private void writeResult(Object result) throws IOException {
        json.writeFieldName("result");
        if (result == null) {
            json.writeNull();
        } else if (result instanceof Integer i) {
            json.writeNumber(i);
        } else if (result instanceof Long l) {
            json.writeNumber(l);
        } else if (result instanceof RawString s) {
            json.writeString(s.toString());
        } else if (result instanceof byte[] bytes) {
            json.writeString(bytes.length + " bytes");
        } else if (result instanceof long[] values) {
            json.writeArray(values, 0, values.length);
        } else if (result instanceof Collection<?> c) {
            json.writeString(c.size() + " entries");
        } else {
            json.writeString(result.toString());
        }
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        json.close();
        out.close();
    }
}
