package org.hostdeck.core.inventory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.hostdeck.core.driver.DomainStats;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.model.VirtualMachine;

/**
 * Samples the VMs someone watches in the background and keeps the newest samples per VM (by
 * default one every 5 s for 10 minutes). Rates come from the difference between two readings,
 * so the first reading of a VM yields no sample. Never runs on the UI or the owner thread.
 */
public final class PerformanceSampler implements AutoCloseable {

	/**
	 * One interval's averages.
	 *
	 * @param timeMillis  end of the interval (wall clock)
	 * @param cpuPercent  share of the VM's vCPUs used, 0..100
	 * @param memory      bytes the guest has
	 */
	public record Sample(long timeMillis, double cpuPercent, long memory, double diskReadBps, double diskWriteBps,
			double netRxBps, double netTxBps) {
	}

	private final InventoryService service;
	private final int capacity;
	private final ScheduledExecutorService executor;
	private final Map<VirtualMachine, ArrayDeque<Sample>> samples = new ConcurrentHashMap<>();
	private final Map<VirtualMachine, DomainStats> last = new ConcurrentHashMap<>();
	private final List<Consumer<VirtualMachine>> listeners = new CopyOnWriteArrayList<>();
	private ScheduledFuture<?> task;

	public PerformanceSampler(InventoryService service, Duration interval, int capacity) {
		this.service = service;
		this.capacity = capacity;
		this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "HostDeck performance sampler"); //$NON-NLS-1$
			t.setDaemon(true);
			return t;
		});
		setInterval(interval);
	}

	/** 5-second samples for 10 minutes. */
	public PerformanceSampler(InventoryService service) {
		this(service, Duration.ofSeconds(5), 120);
	}

	public synchronized void setInterval(Duration value) {
		if (task != null) {
			task.cancel(false);
		}
		task = executor.scheduleWithFixedDelay(this::sampleAll, 0, value.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Starts sampling {@code vm}. */
	public void watch(VirtualMachine vm) {
		samples.computeIfAbsent(vm, v -> new ArrayDeque<>());
	}

	public void unwatch(VirtualMachine vm) {
		samples.remove(vm);
		last.remove(vm);
	}

	/** Called on the sampler's thread after each new sample of a VM. */
	public void addListener(Consumer<VirtualMachine> listener) {
		listeners.add(listener);
	}

	public void removeListener(Consumer<VirtualMachine> listener) {
		listeners.remove(listener);
	}

	/** The samples of {@code vm}, oldest first. */
	public List<Sample> samples(VirtualMachine vm) {
		ArrayDeque<Sample> queue = samples.get(vm);
		if (queue == null) {
			return List.of();
		}
		synchronized (queue) {
			return new ArrayList<>(queue);
		}
	}

	private void sampleAll() {
		for (VirtualMachine vm : List.copyOf(samples.keySet())) {
			try {
				sample(vm);
			} catch (DriverException | RuntimeException e) {
				last.remove(vm); // disconnected or gone: start over when it is back
			}
		}
	}

	private void sample(VirtualMachine vm) throws DriverException {
		String uuid = service.query(i -> vm.getUuid());
		HostSession session = service.session(vm);
		if (session == null) {
			return;
		}
		DomainStats now = session.connection().stats(uuid);
		DomainStats before = last.put(vm, now);
		ArrayDeque<Sample> queue = samples.get(vm);
		if (before == null || queue == null) {
			return;
		}
		double seconds = (now.nanoTime() - before.nanoTime()) / 1e9;
		if (seconds <= 0) {
			return;
		}
		double cpu = (now.cpuTime() - before.cpuTime()) / 1e9 / seconds / Math.max(1, now.vcpus()) * 100;
		Sample sample = new Sample(System.currentTimeMillis(), Math.max(0, Math.min(100, cpu)), now.memory(),
				rate(now.diskRead(), before.diskRead(), seconds), rate(now.diskWrite(), before.diskWrite(), seconds),
				rate(now.netRx(), before.netRx(), seconds), rate(now.netTx(), before.netTx(), seconds));
		synchronized (queue) {
			queue.addLast(sample);
			while (queue.size() > capacity) {
				queue.removeFirst();
			}
		}
		for (Consumer<VirtualMachine> listener : listeners) {
			listener.accept(vm);
		}
	}

	private static double rate(long now, long before, double seconds) {
		return now < before ? 0 : (now - before) / seconds; // counters reset when the VM restarts
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}
}
