package vn.investledger.indexer.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import vn.investledger.indexer.documents.TotalDocument;

/**
 * Pushes every flow figure the indexer writes to the consoles that listen, as server-sent
 * events named {@code figures}, once Elasticsearch has acknowledged it: what a console
 * shows is also what a search finds.
 */
@Component
public class LiveFigures implements SmartLifecycle {

	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	/** Sends on its own thread, so that a slow console never holds up the indexer. */
	private final ExecutorService sender = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("console-figures").daemon(true).factory());

	/**
	 * A new listener.
	 * @return the emitter to return from a controller
	 */
	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		this.listeners.add(emitter);
		emitter.onCompletion(() -> this.listeners.remove(emitter));
		emitter.onTimeout(() -> this.listeners.remove(emitter));
		emitter.onError((ex) -> this.listeners.remove(emitter));
		return emitter;
	}

	/**
	 * How many consoles listen.
	 * @return the count
	 */
	public int listeners() {
		return this.listeners.size();
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every stream before the web server's graceful shutdown, which would otherwise
	 * wait for them.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.listeners.forEach(SseEmitter::complete);
		this.listeners.clear();
		this.sender.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@EventListener
	void indexed(FiguresIndexed event) {
		List<TotalDocument> figures = event.figures();
		if (figures.isEmpty() || this.listeners.isEmpty()) {
			return;
		}
		this.sender.execute(() -> send(figures));
	}

	private void send(List<TotalDocument> figures) {
		for (SseEmitter emitter : this.listeners) {
			try {
				emitter.send(SseEmitter.event().name("figures").data(figures, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				this.listeners.remove(emitter);
			}
		}
	}

}
