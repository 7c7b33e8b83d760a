package org.hostdeck.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hostdeck.core.HostDeck;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Lists HostDeck's bundles in a running framework and tells whether each one is usable
 * (RESOLVED, STARTING or ACTIVE). A bundle left INSTALLED has an unsatisfied requirement.
 */
public final class InstallationCheck {

	/** One bundle's line in the report. */
	public record Entry(String symbolicName, String version, String state, boolean usable) {
		@Override
		public String toString() {
			return symbolicName + " " + version + " " + state; //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private InstallationCheck() {
	}

	public static List<Entry> run(BundleContext context) {
		List<Entry> entries = new ArrayList<>();
		for (Bundle bundle : context.getBundles()) {
			String name = bundle.getSymbolicName();
			if (name == null || !name.startsWith(HostDeck.BUNDLE_PREFIX)) {
				continue;
			}
			int state = bundle.getState();
			boolean usable = (state & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0;
			entries.add(new Entry(name, bundle.getVersion().toString(), stateName(state), usable));
		}
		entries.sort(Comparator.comparing(Entry::symbolicName));
		return entries;
	}

	static String stateName(int state) {
		switch (state) {
		case Bundle.INSTALLED:
			return "INSTALLED"; //$NON-NLS-1$
		case Bundle.RESOLVED:
			return "RESOLVED"; //$NON-NLS-1$
		case Bundle.STARTING:
			return "STARTING"; //$NON-NLS-1$
		case Bundle.STOPPING:
			return "STOPPING"; //$NON-NLS-1$
		case Bundle.ACTIVE:
			return "ACTIVE"; //$NON-NLS-1$
		default:
			return "UNINSTALLED"; //$NON-NLS-1$
		}
	}
}
