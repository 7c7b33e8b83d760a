package org.hostdeck.ui.internal.editors;

import java.util.Objects;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;
import org.hostdeck.model.Host;

/** A host to look at; equal by connection URI, so a host opens once. */
public final class HostEditorInput implements IEditorInput {

	private final Host host;
	private final String uri;

	public HostEditorInput(Host host) {
		this.host = host;
		this.uri = host.getUri();
	}

	public Host host() {
		return host;
	}

	@Override
	public boolean exists() {
		return false;
	}

	@Override
	public ImageDescriptor getImageDescriptor() {
		return ImageDescriptor.getMissingImageDescriptor();
	}

	@Override
	public String getName() {
		return host.getName();
	}

	@Override
	public IPersistableElement getPersistable() {
		return null;
	}

	@Override
	public String getToolTipText() {
		return host.getName() + " (" + uri + ")"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		return adapter.isInstance(host) ? adapter.cast(host) : null;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof HostEditorInput other && Objects.equals(uri, other.uri);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(uri);
	}
}
