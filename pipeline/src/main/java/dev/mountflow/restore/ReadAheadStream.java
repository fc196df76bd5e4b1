package dev.mountflow.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An input stream whose source is read on a thread of its own, a chunk ahead of the reader: for
 * {@code /proc/<tid>/mountinfo}, where the kernel spends about as long writing the text as the
 * reader spends parsing it, so the two overlap instead of adding up. Chunks come in order; a
 * failure of the source is thrown to the reader where the data stops. Closing stops the reading
 * thread and closes the source.
 */
final class ReadAheadStream extends InputStream {
    private static final int CHUNK = 64 * 1024;
    /** At most this many chunks wait, so a slow reader bounds the memory held. */
    private static final int QUEUED = 32;
    private static final byte[] END = new byte[0];
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mountflow-read-ahead-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final InputStream source;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED);
    private volatile IOException failure;
    private volatile boolean closed;
    private byte[] chunk = new byte[0];
    private int at;
    private boolean ended;

    private ReadAheadStream(InputStream source) {
        this.source = source;
    }

    /** Starts reading {@code source} ahead; the returned stream owns it. */
    static ReadAheadStream of(InputStream source) {
        ReadAheadStream s = new ReadAheadStream(source);
        READERS.execute(s::fill);
        return s;
    }

    private void fill() {
        try {
            byte[] buf = new byte[CHUNK];
            int n;
            while (!closed && (n = source.read(buf)) >= 0) {
                if (n > 0) {
                    put(Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            put(END);
        }
    }

    private void put(byte[] b) {
        boolean interrupted = false;
        while (!closed) {
            try {
                if (chunks.offer(b, 10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (at == chunk.length) {
            if (ended) {
                return -1;
            }
            chunk = take();
            at = 0;
            if (chunk == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - at);
        System.arraycopy(chunk, at, b, off, n);
        at += n;
        return n;
    }

    private byte[] take() throws IOException {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ahead", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        chunks.clear();
        // The reading thread ends within one chunk; it may still be inside read(), so the source
        // is closed once it has seen END or after this, which a channel stream allows.
        source.close();
    }
}
