package org.hostdeck.ui.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.statushandlers.StatusManager;
import org.hostdeck.core.inventory.CredentialStore;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.inventory.InventoryStore;
import org.hostdeck.core.inventory.PerformanceSampler;
import org.hostdeck.core.inventory.TaskHistory;
import org.hostdeck.model.TaskRecord;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench's one inventory: loaded from the state location on first use, saved when the
 * workbench shuts down. Works the same in the HostDeck product and in an Eclipse IDE.
 */
public final class InventoryHolder {

	private static InventoryService service;
	private static InventoryStore store;
	private static InventoryStore.Lock lock;
	private static TaskHistory tasks;
	private static CredentialStore credentialStore;
	private static PerformanceSampler sampler;
	private static final Map<TaskRecord, Job> RUNNING = new ConcurrentHashMap<>();

	private InventoryHolder() {
	}

	public static synchronized InventoryService get() {
		if (service == null) {
			// the SWT display loop iterates GLib's default main context, which is libvirt's event
			// loop too: libvirt must not run a second loop on it from another thread
			System.setProperty("org.hostdeck.libvirt.sharedMainLoop", "true"); //$NON-NLS-1$ //$NON-NLS-2$
			try {
				store = InventoryStore.ofWorkspace();
			} catch (java.io.IOException e) {
				Path file = Platform.getStateLocation(FrameworkUtil.getBundle(InventoryStore.class)).toPath().resolve(InventoryStore.FILE_NAME);
				StatusManager.getManager().handle(org.eclipse.core.runtime.Status.warning("HostDeck could not move its inventory into " //$NON-NLS-1$
						+ file + ": " + e.getMessage(), e), StatusManager.LOG); //$NON-NLS-1$
				store = new InventoryStore(file);
			}
			try {
				// the command line leaves the inventory alone while the workbench holds it
				lock = store.tryLock();
			} catch (java.io.IOException e) {
				lock = null;
			}
			InventoryStore.LoadResult loaded = store.load();
			service = new InventoryService(loaded.inventory(), DriverRegistry.fromServices());
			tasks = new TaskHistory(service);
			// HostDeck's own storage, shared with the command line: its master password asked by a dialog
			org.hostdeck.core.inventory.MasterPassword.use(new MasterPasswordDialog.Prompt());
			credentialStore = CredentialStore.secureStorage();
			// host passwords an earlier HostDeck kept in the default storage move over when first asked for
			credentialStore.adoptFrom(org.eclipse.equinox.security.storage.SecurePreferencesFactory.getDefault());
			service.setCredentialsProvider(new WorkbenchCredentials(credentialStore));
			if (!loaded.status().isOK()) {
				StatusManager.getManager().handle(loaded.status(), StatusManager.LOG | StatusManager.SHOW);
			}
			if (PlatformUI.isWorkbenchRunning()) {
				PlatformUI.getWorkbench().addWorkbenchListener(new IWorkbenchListener() {
					@Override
					public boolean preShutdown(IWorkbench workbench, boolean forced) {
						IStatus saved = save();
						if (!saved.isOK()) {
							StatusManager.getManager().handle(saved, StatusManager.LOG | StatusManager.SHOW | StatusManager.BLOCK);
						}
						return true;
					}

					@Override
					public void postShutdown(IWorkbench workbench) {
						synchronized (InventoryHolder.class) {
							if (sampler != null) {
								sampler.close();
							}
						}
						service.close();
						if (lock != null) {
							try {
								lock.close();
							} catch (java.io.IOException e) {
								// released when the process ends anyway
							}
						}
					}
				});
			}
		}
		return service;
	}

	/** Host passwords, in Eclipse Secure Storage. */
	public static synchronized CredentialStore credentials() {
		get();
		return credentialStore;
	}

	/**
	 * Keeps host passwords in {@code store} from now on, for the wizards and for connecting
	 * (tests use an encrypted storage file of their own, not the user's).
	 */
	public static synchronized void setCredentials(CredentialStore store) {
		get();
		credentialStore = store;
		service.setCredentialsProvider(new WorkbenchCredentials(store));
	}

	/**
	 * The background sampler of every running VM and connected host, started on first use at the
	 * interval of the preferences.
	 */
	public static synchronized PerformanceSampler sampler() {
		get();
		if (sampler == null) {
			sampler = new PerformanceSampler(service, HostDeckPreferences.samplingInterval());
			HostDeckPreferences.instance().addPreferenceChangeListener(event -> {
				if (HostDeckPreferences.SAMPLING_INTERVAL.equals(event.getKey())) {
					sampler.setInterval(HostDeckPreferences.samplingInterval());
				}
			});
		}
		return sampler;
	}

	/** The task history of this workbench's inventory. */
	public static synchronized TaskHistory tasks() {
		get();
		return tasks;
	}

	/** Remembers which job runs a task, so the history view can cancel it. */
	public static void running(TaskRecord record, Job job) {
		RUNNING.put(record, job);
	}

	public static void finished(TaskRecord record) {
		RUNNING.remove(record);
	}

	/** @return the job running {@code record} in this session, or {@code null} */
	public static Job jobOf(TaskRecord record) {
		return RUNNING.get(record);
	}

	/** Saves the inventory now (serialized on the owner thread, written off it). */
	public static synchronized IStatus save() {
		if (service == null) {
			return org.eclipse.core.runtime.Status.OK_STATUS;
		}
		try {
			store.save(service);
			return org.eclipse.core.runtime.Status.OK_STATUS;
		} catch (java.io.IOException e) {
			return org.eclipse.core.runtime.Status.error("HostDeck could not save the inventory to " + store.file() //$NON-NLS-1$
					+ ": " + e.getMessage() + ". Check free space and permissions; the previous copy is unchanged.", e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}
}
