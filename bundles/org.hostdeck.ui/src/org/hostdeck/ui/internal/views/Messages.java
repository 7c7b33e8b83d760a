package org.hostdeck.ui.internal.views;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.views.messages"; //$NON-NLS-1$

	public static String InventoryView_empty;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
