package org.hostdeck.ui.internal;

import java.time.Duration;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * HostDeck's preferences (instance scope of this bundle) with their defaults; the preference page
 * edits them and the workbench follows changes at once.
 */
public final class HostDeckPreferences extends AbstractPreferenceInitializer {

	public static final String NODE = "org.hostdeck.ui"; //$NON-NLS-1$
	/** seconds between performance samples */
	public static final String SAMPLING_INTERVAL = "samplingIntervalSeconds"; //$NON-NLS-1$
	public static final int SAMPLING_INTERVAL_DEFAULT = 5;
	public static final int SAMPLING_INTERVAL_MIN = 1;
	public static final int SAMPLING_INTERVAL_MAX = 300;
	/** ask before Force Off */
	public static final String CONFIRM_FORCE_OFF = "confirmForceOff"; //$NON-NLS-1$
	/** the folder export, import and P2V dialogs start in */
	public static final String DEFAULT_FOLDER = "defaultFolder"; //$NON-NLS-1$

	@Override
	public void initializeDefaultPreferences() {
		IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(NODE);
		defaults.putInt(SAMPLING_INTERVAL, SAMPLING_INTERVAL_DEFAULT);
		defaults.putBoolean(CONFIRM_FORCE_OFF, true);
		defaults.put(DEFAULT_FOLDER, System.getProperty("user.home")); //$NON-NLS-1$
	}

	public static IEclipsePreferences instance() {
		return InstanceScope.INSTANCE.getNode(NODE);
	}

	private static String get(String key, String fallback) {
		return org.eclipse.core.runtime.Platform.getPreferencesService().getString(NODE, key, fallback, null);
	}

	public static Duration samplingInterval() {
		int seconds;
		try {
			seconds = Integer.parseInt(get(SAMPLING_INTERVAL, Integer.toString(SAMPLING_INTERVAL_DEFAULT)));
		} catch (NumberFormatException e) {
			seconds = SAMPLING_INTERVAL_DEFAULT;
		}
		return Duration.ofSeconds(Math.max(SAMPLING_INTERVAL_MIN, Math.min(SAMPLING_INTERVAL_MAX, seconds)));
	}

	public static boolean confirmForceOff() {
		return Boolean.parseBoolean(get(CONFIRM_FORCE_OFF, "true")); //$NON-NLS-1$
	}

	public static String defaultFolder() {
		return get(DEFAULT_FOLDER, System.getProperty("user.home")); //$NON-NLS-1$
	}
}
