package vn.investledger.indexer.rebuild;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Admins rebuild indices from the serving indexer: the same zero-downtime rebuild as the
 * command ({@link IndexRebuild}), one at a time, in the background.
 */
@RestController
@RequestMapping("/api/admin/rebuilds")
@ConditionalOnWebApplication
class RebuildController implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RebuildController.class);

	private final IndexRebuild rebuild;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "index-rebuild");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Status status = new Status("idle", List.of(), null, null, List.of(), null, null);

	RebuildController(IndexRebuild rebuild) {
		this.rebuild = rebuild;
	}

	/**
	 * Starts a rebuild.
	 * @param kinds {@code all}, or a comma-separated list of
	 * {@code projects,history,totals,stock,rejections}
	 * @return 202 and the status, or 409 if a rebuild is running
	 */
	@PostMapping
	@Operation(summary = "Rebuild indices from the log and swap their aliases (admins only)")
	synchronized ResponseEntity<Status> start(
			@Parameter(description = "all (when left out), or some of projects,history,totals,stock,rejections, "
					+ "each named once; refused given empty") @RequestParam(required = false) String kinds) {
		List<String> chosen;
		try {
			// left out is all; given empty is refused, not taken as all
			chosen = RebuildCommand.kinds((kinds != null) ? kinds : "all");
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					ex.getMessage().replace("investledger.rebuild", "kinds"));
		}
		if ("running".equals(this.status.state())) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(this.status);
		}
		this.status = new Status("running", chosen, null, Instant.now(), List.of(), null, null);
		this.worker.execute(() -> run(chosen));
		return ResponseEntity.accepted().body(this.status);
	}

	/**
	 * The running or last rebuild.
	 * @return its status, with the records read so far
	 */
	@GetMapping
	@Operation(summary = "The running or last rebuild (admins only)")
	Status status() {
		Status now = this.status;
		if ("running".equals(now.state())) {
			return new Status(now.state(), now.kinds(), now.current(), now.startedAt(), now.done(), now.finishedAt(),
					new Progress(this.rebuild.read(), this.rebuild.total()));
		}
		return now;
	}

	private void run(List<String> kinds) {
		Status running = this.status;
		List<IndexRebuild.Result> done = new ArrayList<>();
		for (String kind : kinds) {
			this.status = new Status("running", kinds, kind, running.startedAt(), List.copyOf(done), null, null);
			try {
				done.add(this.rebuild.rebuild(kind));
			}
			catch (Exception | Error ex) {
				// an error too (the heap exhausted): the status says failed, and another
				// rebuild may be asked for
				logger.error("Rebuild of {} failed; its alias still points at the previous index", kind, ex);
				this.status = new Status("failed: " + kind + ": " + ex.getMessage(), kinds, kind, running.startedAt(),
						List.copyOf(done), Instant.now(), null);
				return;
			}
		}
		this.status = new Status("done", kinds, null, running.startedAt(), List.copyOf(done), Instant.now(), null);
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

	/**
	 * A rebuild's status.
	 *
	 * @param state {@code idle}, {@code running}, {@code done} or {@code failed: …}
	 * @param kinds the indices asked for
	 * @param current the index being rebuilt
	 * @param startedAt when it started
	 * @param done the indices rebuilt so far
	 * @param finishedAt when it ended
	 * @param progress the current index's records read, of those to read
	 */
	record Status(String state, List<String> kinds, String current, Instant startedAt, List<IndexRebuild.Result> done,
			Instant finishedAt, Progress progress) {

	}

	/**
	 * How far the current index's rebuild is.
	 *
	 * @param read records read
	 * @param total records to read
	 */
	record Progress(long read, long total) {

	}

}
