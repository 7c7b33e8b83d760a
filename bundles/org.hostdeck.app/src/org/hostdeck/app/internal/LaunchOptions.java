package org.hostdeck.app.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the user asked for on the command line: {@code --host URI} (repeatable) names the hosts to
 * open; with none, HostDeck opens its embedded demo.
 */
public final class LaunchOptions {

	private final List<String> hostUris;

	private LaunchOptions(List<String> hostUris) {
		this.hostUris = Collections.unmodifiableList(hostUris);
	}

	public static LaunchOptions parse(String[] args) {
		List<String> hosts = new ArrayList<>();
		if (args != null) {
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if ("--host".equals(arg) && i + 1 < args.length) { //$NON-NLS-1$
					hosts.add(args[++i]);
				} else if (arg.startsWith("--host=")) { //$NON-NLS-1$
					hosts.add(arg.substring("--host=".length())); //$NON-NLS-1$
				}
			}
		}
		return new LaunchOptions(hosts);
	}

	/** @return the host URIs given, in order; empty means "open the demo" */
	public List<String> hostUris() {
		return hostUris;
	}

	public boolean demo() {
		return hostUris.isEmpty();
	}
}
