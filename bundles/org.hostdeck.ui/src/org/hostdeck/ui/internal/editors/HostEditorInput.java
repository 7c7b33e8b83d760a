package org.hostdeck.ui.internal.editors;

import org.hostdeck.model.Host;

/** A host to look at, identified by its connection URI. */
public final class HostEditorInput extends ModelEditorInput<Host> {

	public HostEditorInput(Host host) {
		super(host, host.getUri());
	}

	public Host host() {
		return object();
	}

	@Override
	public String getName() {
		return host().getName();
	}

	@Override
	public String getToolTipText() {
		return host().getName() + " (" + host().getUri() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
