package org.hostdeck.core.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.emf.ecore.EObject;
import org.hostdeck.core.driver.DomainStats;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceArchive.Sample;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;

/**
 * Samples every running VM of every connected host in the background (by default every 5 s) and
 * keeps a {@link PerformanceArchive} per VM and per host. A host's sample adds up its VMs: CPU
 * as a share of the host's logical CPUs, memory the guests have, disk and network rates.
 * Rates come from the difference between two readings, so a VM's first reading yields no sample.
 * Each host is read on its own pool thread, so a host that hangs delays only its own samples;
 * nothing here runs on the UI or the owner thread.
 */
public final class PerformanceSampler implements AutoCloseable {

	private final InventoryService service;
	private final ScheduledExecutorService timer;
	private final ExecutorService readers;
	private final Map<EObject, PerformanceArchive> archives = new ConcurrentHashMap<>();
	private final Map<VirtualMachine, DomainStats> last = new ConcurrentHashMap<>();
	private final Map<Host, Future<?>> reading = new ConcurrentHashMap<>();
	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
	private volatile Duration interval;
	private ScheduledFuture<?> task;

	public PerformanceSampler(InventoryService service, Duration interval) {
		this.service = service;
		this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "HostDeck performance sampler")); //$NON-NLS-1$
		this.readers = Executors.newCachedThreadPool(r -> daemon(r, "HostDeck performance reader")); //$NON-NLS-1$
		setInterval(interval);
	}

	/** Samples every 5 seconds. */
	public PerformanceSampler(InventoryService service) {
		this(service, Duration.ofSeconds(5));
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	/** Changes how often samples are taken; archives restart at the new rate. */
	public synchronized void setInterval(Duration value) {
		if (value.toMillis() < 100) {
			throw new IllegalArgumentException("Sampling interval " + value.toMillis() //$NON-NLS-1$
					+ " ms is too short: use 100 ms or more."); //$NON-NLS-1$
		}
		if (task != null) {
			task.cancel(false);
			if (!value.equals(interval)) {
				archives.clear();
			}
		}
		interval = value;
		task = timer.scheduleWithFixedDelay(this::sampleAll, 0, value.toMillis(), TimeUnit.MILLISECONDS);
	}

	public Duration interval() {
		return interval;
	}

	/** Called on a sampler thread after new samples of a host and its VMs. */
	public void addListener(Runnable listener) {
		listeners.add(listener);
	}

	public void removeListener(Runnable listener) {
		listeners.remove(listener);
	}

	/** The points of a VM or a host at {@code resolution}, oldest first; empty before the first. */
	public List<Sample> samples(EObject target, Resolution resolution) {
		PerformanceArchive archive = archives.get(target);
		return archive == null ? List.of() : archive.samples(resolution);
	}

	/** The recent samples of a VM or a host, oldest first. */
	public List<Sample> samples(EObject target) {
		return samples(target, Resolution.RECENT);
	}

	/** A running VM on a connected host, as read on the owner thread. */
	private record Running(VirtualMachine vm, String uuid) {
	}

	private record HostRound(Host host, int cpus, List<Running> vms) {
	}

	private void sampleAll() {
		List<HostRound> rounds;
		try {
			rounds = service.query(inventory -> {
				List<HostRound> result = new ArrayList<>();
				Set<EObject> alive = new HashSet<>();
				for (Host host : inventory.getHosts()) {
					alive.add(host);
					List<Running> vms = new ArrayList<>();
					for (VirtualMachine vm : host.getVms()) {
						alive.add(vm);
						if (vm.getPowerState() == PowerState.RUNNING || vm.getPowerState() == PowerState.PAUSED) {
							vms.add(new Running(vm, vm.getUuid()));
						}
					}
					if (host.getState() == HostState.CONNECTED) {
						int cpus = Math.max(1, host.getCpuSockets() * host.getCpuCores() * Math.max(1, host.getCpuThreads()));
						result.add(new HostRound(host, cpus, vms));
					}
				}
				archives.keySet().retainAll(alive); // VMs and hosts that left the inventory
				last.keySet().retainAll(alive);
				return result;
			});
		} catch (RuntimeException e) {
			return; // the service is closing
		}
		for (HostRound round : rounds) {
			Future<?> previous = reading.get(round.host());
			if (previous == null || previous.isDone()) {
				reading.put(round.host(), readers.submit(() -> sample(round)));
			}
		}
	}

	private void sample(HostRound round) {
		HostSession session = service.session(round.host());
		IHostConnection connection;
		try {
			connection = session == null ? null : session.connection();
		} catch (DriverException e) {
			connection = null;
		}
		if (connection == null) {
			round.vms().forEach(r -> last.remove(r.vm()));
			return;
		}
		double cpuSeconds = 0;
		long memory = 0;
		double[] io = new double[4];
		boolean complete = true;
		long time = System.currentTimeMillis();
		for (Running r : round.vms()) {
			DomainStats now;
			try {
				now = connection.stats(r.uuid());
			} catch (DriverException | RuntimeException e) {
				last.remove(r.vm()); // stopped or gone since: start over when it runs again
				continue;
			}
			DomainStats before = last.put(r.vm(), now);
			memory += now.memory();
			double seconds = before == null ? 0 : (now.nanoTime() - before.nanoTime()) / 1e9;
			if (seconds <= 0) {
				complete = false;
				continue;
			}
			double cpu = Math.max(0, now.cpuTime() - before.cpuTime()) / 1e9 / seconds;
			Sample sample = new Sample(time, clampPercent(cpu / Math.max(1, now.vcpus()) * 100), now.memory(),
					rate(now.diskRead(), before.diskRead(), seconds), rate(now.diskWrite(), before.diskWrite(), seconds),
					rate(now.netRx(), before.netRx(), seconds), rate(now.netTx(), before.netTx(), seconds));
			archive(r.vm()).add(sample);
			cpuSeconds += cpu;
			io[0] += sample.diskReadBps();
			io[1] += sample.diskWriteBps();
			io[2] += sample.netRxBps();
			io[3] += sample.netTxBps();
		}
		if (complete || archives.containsKey(round.host())) { // not on a host's first round: no rates yet
			archive(round.host()).add(new Sample(time, clampPercent(cpuSeconds / round.cpus() * 100), memory, io[0],
					io[1], io[2], io[3]));
		}
		for (Runnable listener : listeners) {
			listener.run();
		}
	}

	private PerformanceArchive archive(EObject target) {
		return archives.computeIfAbsent(target, t -> new PerformanceArchive(interval));
	}

	private static double clampPercent(double value) {
		return Math.max(0, Math.min(100, value));
	}

	private static double rate(long now, long before, double seconds) {
		return now < before ? 0 : (now - before) / seconds; // counters reset when the VM restarts
	}

	@Override
	public void close() {
		synchronized (this) {
			if (task != null) {
				task.cancel(false);
			}
		}
		timer.shutdownNow();
		readers.shutdownNow();
	}
}
