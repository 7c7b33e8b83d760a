package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.expressions.PropertyTester;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;

/**
 * {@code org.hostdeck.ui.host.canConnect} and {@code canDisconnect}: what a host's connection
 * state allows, for command enablement.
 */
public class HostPropertyTester extends PropertyTester {

	@Override
	public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
		if (!(receiver instanceof Host host)) {
			return false;
		}
		return switch (property) {
		case "canConnect" -> canConnect(host.getState()); //$NON-NLS-1$
		case "canDisconnect" -> host.getState() != null && host.getState() != HostState.DISCONNECTED; //$NON-NLS-1$
		default -> false;
		};
	}

	/** Whether a host in {@code state} can be connected (it is not connected nor trying to be). */
	static boolean canConnect(HostState state) {
		return state == null || state == HostState.DISCONNECTED || state == HostState.ERROR;
	}
}
