package org.hostdeck.ui;

/**
 * HostDeck widgets carry a stable id under {@link #KEY} ({@code widget.setData(KEY, id)}) so that
 * UI tests and accessibility tools find them without depending on labels or layout.
 */
public final class WidgetIds {

	/** The data key under which a widget carries its id. */
	public static final String KEY = "org.hostdeck.widgetId"; //$NON-NLS-1$

	private WidgetIds() {
	}
}
