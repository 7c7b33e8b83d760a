package org.hostdeck.libvirt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.JobProgress;
import org.hostdeck.core.driver.MigrationOptions;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/** virDomainMigrate3 on a worker thread, with job progress and abort on cancel. */
final class Migration {

	// virDomainMigrateFlags
	private static final long LIVE = 1;
	private static final long PERSIST_DEST = 8;
	private static final long UNDEFINE_SOURCE = 16;
	private static final long NON_SHARED_DISK = 64;
	private static final long UNSAFE = 512;
	private static final long OFFLINE = 1024;

	private Migration() {
	}

	static void run(Domain domain, String name, Connect target, boolean running, MigrationOptions options,
			IProgressMonitor monitor) throws DriverException, LibvirtException {
		SubMonitor progress = SubMonitor.convert(monitor, "Migrating " + name, 100); //$NON-NLS-1$
		long flags = PERSIST_DEST | UNDEFINE_SOURCE;
		if (!running) {
			flags |= OFFLINE;
		} else {
			if (options.live()) {
				flags |= LIVE;
			}
			if (options.copyStorage()) {
				flags |= NON_SHARED_DISK;
			} else {
				// the caller vouches that both hosts see the disks; libvirt cannot prove it for local paths
				flags |= UNSAFE;
			}
		}
		List<TypedParameter> params = new ArrayList<>();
		if (options.listenAddress() != null && running) {
			params.add(new TypedStringParameter("listen_address", options.listenAddress())); //$NON-NLS-1$
			params.add(new TypedStringParameter("migrate_uri", "tcp://" + options.listenAddress())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (options.bandwidthMiBs() > 0) {
			TypedUlongParameter bandwidth = new TypedUlongParameter();
			bandwidth.field = "bandwidth"; //$NON-NLS-1$
			bandwidth.value = options.bandwidthMiBs();
			params.add(bandwidth);
		}
		long migrateFlags = flags;
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
			try {
				Domain moved = domain.migrate(target, params.toArray(new TypedParameter[0]), migrateFlags);
				if (moved != null) {
					moved.free();
				}
			} catch (LibvirtException e) {
				throw new java.util.concurrent.CompletionException(e);
			}
		});
		int reported = 0;
		while (true) {
			try {
				done.get(200, TimeUnit.MILLISECONDS);
				progress.worked(100 - reported);
				return;
			} catch (TimeoutException e) {
				if (progress.isCanceled()) {
					abort(domain, done);
					throw new OperationCanceledException();
				}
				JobProgress job = progress(domain);
				if (job != null && job.percent() > reported) {
					progress.worked(job.percent() - reported);
					reported = job.percent();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				abort(domain, done);
				throw new OperationCanceledException();
			} catch (ExecutionException e) {
				if (e.getCause() instanceof LibvirtException le) {
					throw le;
				}
				throw new DriverException(DriverException.Reason.OTHER, String.valueOf(e.getCause().getMessage()), e.getCause());
			}
		}
	}

	static JobProgress progress(Domain domain) {
		try {
			org.libvirt.DomainJobInfo info = domain.getJobInfo();
			if (info == null || info.getType() == 0) {
				return null;
			}
			return new JobProgress(info.getDataProcessed(), info.getDataTotal(), info.getTimeElapsed());
		} catch (LibvirtException e) {
			return null;
		}
	}

	private static void abort(Domain domain, CompletableFuture<Void> done) {
		try {
			domain.abortJob();
		} catch (LibvirtException e) {
			// it may have finished meanwhile
		}
		try {
			done.get(60, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException | TimeoutException e) {
			// aborted: the failure is the expected outcome
		}
	}
}
