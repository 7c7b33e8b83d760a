package org.hostdeck.ui.internal.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.HostDeckPreferences;

/** Window > Preferences > HostDeck: sampling interval, confirmations, default folder. */
public class HostDeckPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "org.hostdeck.ui.preferences"; //$NON-NLS-1$

	public HostDeckPreferencePage() {
		super(GRID);
		setDescription(Messages.PreferencePage_description);
	}

	@Override
	public void init(IWorkbench workbench) {
		setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, HostDeckPreferences.NODE));
	}

	@Override
	protected void createFieldEditors() {
		IntegerFieldEditor interval = new IntegerFieldEditor(HostDeckPreferences.SAMPLING_INTERVAL,
				Messages.PreferencePage_interval, getFieldEditorParent(), 3);
		interval.setValidRange(HostDeckPreferences.SAMPLING_INTERVAL_MIN, HostDeckPreferences.SAMPLING_INTERVAL_MAX);
		interval.setErrorMessage(NLS.bind(Messages.PreferencePage_intervalRange, HostDeckPreferences.SAMPLING_INTERVAL_MIN,
				HostDeckPreferences.SAMPLING_INTERVAL_MAX));
		interval.getTextControl(getFieldEditorParent()).setData(WidgetIds.KEY, "preferences.interval"); //$NON-NLS-1$
		addField(interval);
		BooleanFieldEditor confirm = new BooleanFieldEditor(HostDeckPreferences.CONFIRM_FORCE_OFF,
				Messages.PreferencePage_confirmForceOff, getFieldEditorParent());
		addField(confirm);
		DirectoryFieldEditor folder = new DirectoryFieldEditor(HostDeckPreferences.DEFAULT_FOLDER,
				Messages.PreferencePage_folder, getFieldEditorParent());
		folder.setEmptyStringAllowed(false);
		folder.getTextControl(getFieldEditorParent()).setData(WidgetIds.KEY, "preferences.folder"); //$NON-NLS-1$
		addField(folder);
	}
}
