package dev.mountflow.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

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

    private final InputStream source;
    /** Its own thread, not a pool's: one made from a namespace thread would live on in that namespace. */
    private final Thread reader;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED);
    private volatile IOException failure;
    private volatile boolean closed;
    private byte[] chunk = new byte[0];
    private int at;
    private boolean ended;

    private ReadAheadStream(InputStream source) {
        this.source = source;
        this.reader = new Thread(this::fill, "mountflow-read-ahead");
        reader.setDaemon(true);
    }

    /** Starts reading {@code source} ahead; the returned stream owns it. */
    static ReadAheadStream of(InputStream source) {
        ReadAheadStream s = new ReadAheadStream(source);
        s.reader.start();
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
                if (chunks.offer(b, 10, TimeUnit.MILLISECONDS)) {
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
        return chunkHasData() ? chunk[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chunkHasData()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - at);
        System.arraycopy(chunk, at, b, off, n);
        at += n;
        return n;
    }

    /** Whether a byte is there to read, waiting for the next chunk if need be; false at the end. */
    private boolean chunkHasData() throws IOException {
        while (at == chunk.length) {
            if (ended) {
                return false;
            }
            chunk = take();
            at = 0;
            if (chunk == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        return true;
    }

    private byte[] take() throws IOException {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading ahead", e);
        }
    }

    /** Stops the reading thread (it ends within one chunk), waits for it, and closes the source. */
    @Override
    public void close() throws IOException {
        closed = true;
        chunks.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
