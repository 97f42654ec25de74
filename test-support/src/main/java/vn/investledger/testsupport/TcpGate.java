package vn.investledger.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gate in front of a real server that a test can shut: while shut, every connection
 * through it is reset, those open and those made then, before a byte passes (to the
 * application, the server went away); opened again, it forwards to the server. The gate
 * keeps its port throughout, so that nothing else takes it while shut. A test class that
 * gives its application the gate's address can take the server away from it without
 * stopping the server the other classes share, and so runs beside them.
 */
public final class TcpGate implements AutoCloseable {

	private static final Map<String, TcpGate> GATES = new ConcurrentHashMap<>();

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	/**
	 * Whether the gate is shut; changed, and read as a connection is taken, under this.
	 */
	private boolean shut;

	private TcpGate(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
		Thread.ofVirtual().name("tcp-gate-" + this.server.getLocalPort()).start(this::accept);
	}

	/**
	 * The gate of a name (e.g. a test class's prefix) to a server, opened at first use.
	 * @param name the name
	 * @param url the server's URL ({@code http://host:port})
	 * @return the gate
	 */
	public static TcpGate to(String name, String url) {
		return GATES.computeIfAbsent(name, (key) -> {
			URI uri = URI.create(url);
			try {
				return new TcpGate(new InetSocketAddress(uri.getHost(), uri.getPort()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The gate's address, in the scheme of the server's.
	 * @param url the server's URL
	 * @return the URL of the gate
	 */
	public String url(String url) {
		return URI.create(url).getScheme() + "://" + this.server.getInetAddress().getHostAddress() + ":"
				+ this.server.getLocalPort();
	}

	/**
	 * Shuts the gate until the returned outage is closed: the connections through it are
	 * reset, and so is every one made while it is shut.
	 * @return the outage
	 */
	public Outage shut() {
		synchronized (this) {
			if (this.shut) {
				throw new IllegalStateException("The gate is shut already");
			}
			this.shut = true;
			this.connections.forEach(TcpGate::reset);
		}
		return () -> {
			synchronized (this) {
				this.shut = false;
			}
		};
	}

	@Override
	public void close() {
		GATES.values().remove(this);
		closeQuietly(this.server);
		this.connections.forEach(TcpGate::reset);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				// closed
				return;
			}
			synchronized (this) {
				if (this.shut) {
					reset(client);
					continue;
				}
				this.connections.add(client);
			}
			Thread.ofVirtual().start(() -> forward(client));
		}
	}

	private void forward(Socket client) {
		Socket upstream = new Socket();
		synchronized (this) {
			if (this.shut) {
				// shut since it was taken: the reset of the open ones reached it
				reset(client);
				this.connections.remove(client);
				return;
			}
			this.connections.add(upstream);
		}
		try {
			upstream.connect(this.target, 5_000);
			Thread back = Thread.ofVirtual().start(() -> pipe(upstream, client));
			pipe(client, upstream);
			back.join();
		}
		catch (IOException ex) {
			// the server refused: so does the gate
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			reset(client);
			reset(upstream);
			this.connections.remove(client);
			this.connections.remove(upstream);
		}
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed or was reset
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// closed already
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closed already
		}
	}

}
