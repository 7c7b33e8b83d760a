package org.hostdeck.ui.internal.wizards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Host;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.HostRatings;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.Tables;

/**
 * The host table of the wizards that choose a host (Migrate, Install): name, star rating, free
 * memory, CPUs and VMs. Ratings come from the placement bundle's {@link HostRatings} service (an
 * OSGi service, absent in an IDE without it: the table then shows free capacity only).
 */
final class HostTable {

	/** Family of the wizards' background jobs (ratings, pre-checks): tests wait on it. */
	static final Object FAMILY = new Object();

	private final InventoryService service;
	private final TableViewer viewer;
	/** Host URI to its rating's text, once rated. */
	private final Map<String, String> ratings = new ConcurrentHashMap<>();

	HostTable(Composite parent, InventoryService service, String id, List<Host> hosts) {
		this.service = service;
		viewer = new TableViewer(parent, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setData(WidgetIds.KEY, id);
		column(Messages.Migrate_colHost, 180, Host::getName);
		column(Messages.Migrate_colRating, 150, h -> ratings.getOrDefault(h.getUri(), "")); //$NON-NLS-1$
		column(Messages.Migrate_colFreeMemory, 110, h -> Sizes.format(h.getMemoryFree()));
		column(Messages.Migrate_colCpus, 70, h -> Integer.toString(org.hostdeck.core.operations.InstallVmOperation.cpus(h)));
		column(Messages.Migrate_colVms, 60, h -> Integer.toString(h.getVms().size()));
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setInput(hosts);
	}

	TableViewer viewer() {
		return viewer;
	}

	private void column(String title, int width, Function<Host, String> text) {
		Tables.<Host>column(viewer, title, width, h -> service.query(i -> text.apply(h)));
	}

	/** The rating text shown for {@code host} (empty until rated). */
	String rating(Host host) {
		return ratings.getOrDefault(service.query(i -> host.getUri()), ""); //$NON-NLS-1$
	}

	/**
	 * Rates every host in the background; for several VMs a host shows the lowest of their
	 * ratings. {@code vms} may be VMs that are on no host yet (a VM being installed).
	 */
	void rate(List<VirtualMachine> vms) {
		org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
		org.osgi.framework.ServiceReference<HostRatings> reference = context == null ? null
				: context.getServiceReference(HostRatings.class);
		if (reference == null) {
			return;
		}
		background(Messages.Migrate_rating, viewer.getControl(), () -> {
			HostRatings rater = context.getService(reference);
			if (rater == null) {
				return null;
			}
			try {
				Map<String, HostRatings.Rating> lowest = new LinkedHashMap<>();
				for (VirtualMachine vm : vms) {
					rater.rate(vm).forEach((uri, r) -> lowest.merge(uri, r, (a, b) -> a.stars() <= b.stars() ? a : b));
				}
				ratings.clear();
				lowest.forEach((uri, r) -> ratings.put(uri, r.text()));
			} finally {
				context.ungetService(reference);
			}
			return viewer::refresh;
		});
	}

	/**
	 * Runs {@code work} off the UI thread (a system job of {@link #FAMILY}); what it returns, if
	 * anything, then runs on the UI thread unless {@code alive} is disposed meanwhile. A failure
	 * ends the job with a warning naming {@code name}.
	 */
	static void background(String name, Control alive, Supplier<Runnable> work) {
		Job job = new Job(name) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				Runnable then;
				try {
					then = work.get();
				} catch (RuntimeException e) {
					return Status.warning(name + ": " + e, e); //$NON-NLS-1$
				}
				if (then != null && !alive.isDisposed()) {
					alive.getDisplay().asyncExec(() -> {
						if (!alive.isDisposed()) {
							then.run();
						}
					});
				}
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		job.setSystem(true);
		job.schedule();
	}
}
