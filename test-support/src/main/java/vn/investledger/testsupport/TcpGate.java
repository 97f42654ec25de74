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
 * A gate in front of a real server that a test can shut: while shut, its port is closed
 * (a connection is refused, as by a server that stopped) and every connection through it
 * is reset; opened again, it forwards to the server on the same port. A test class that
 * gives its application the gate's address can take the server away from it without
 * stopping the server the other classes share, and so runs beside them.
 */
public final class TcpGate implements AutoCloseable {

	private static final Map<String, TcpGate> GATES = new ConcurrentHashMap<>();

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private TcpGate(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
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
		URI uri = URI.create(url);
		return uri.getScheme() + "://127.0.0.1:" + this.port;
	}

	/**
	 * Shuts the gate until the returned outage is closed: the port refuses connections,
	 * and those open are reset.
	 * @return the outage
	 */
	public synchronized Outage shut() {
		closeQuietly(this.server);
		this.connections.forEach(TcpGate::reset);
		return () -> {
			synchronized (this) {
				try {
					this.server = listen(this.port);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not open the gate on port " + this.port + " again", ex);
				}
				accept(this.server);
			}
		};
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		this.connections.forEach(TcpGate::reset);
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void accept(ServerSocket listening) {
		Thread.ofVirtual().name("tcp-gate-" + this.port).start(() -> {
			while (!listening.isClosed()) {
				Socket client;
				try {
					client = listening.accept();
				}
				catch (IOException ex) {
					// shut
					return;
				}
				Thread.ofVirtual().start(() -> forward(client));
			}
		});
	}

	private void forward(Socket client) {
		Socket upstream = new Socket();
		this.connections.add(client);
		this.connections.add(upstream);
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
