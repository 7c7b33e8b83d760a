package org.hostdeck.ui.internal.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.hostdeck.tests.support.ui.UiBot;
import org.hostdeck.ui.internal.HostDeckPreferences;
import org.hostdeck.ui.internal.InventoryHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreferencePageTest {

	private final UiBot bot = new UiBot();
	private PreferenceDialog dialog;

	@AfterEach
	void restore() {
		if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
			dialog.close();
		}
		HostDeckPreferences.instance().remove(HostDeckPreferences.SAMPLING_INTERVAL);
	}

	@Test
	void aNewSamplingIntervalIsCheckedAndTakesEffectAtOnce() {
		dialog = PreferencesUtil.createPreferenceDialogOn(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
				HostDeckPreferencePage.ID, new String[] { HostDeckPreferencePage.ID }, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		Text interval = bot.widgetById(Text.class, "preferences.interval");
		assertEquals("5", interval.getText(), "5 s by default, like XenCenter");

		bot.typeText(interval, "0");
		assertFalse(bot.button("Apply and Close").isEnabled(), "0 s is refused");
		assertEquals("The sampling interval must be a whole number of seconds from 1 to 300.", ((HostDeckPreferencePage) dialog.getSelectedPage()).getErrorMessage());
		bot.typeText(interval, "often");
		assertFalse(bot.button("Apply and Close").isEnabled());

		bot.typeText(interval, "2");
		assertTrue(bot.button("Apply and Close").isEnabled(), () -> "error: " + ((HostDeckPreferencePage) dialog.getSelectedPage()).getErrorMessage()
				+ ", folder: " + bot.widgetById(Text.class, "preferences.folder").getText());
		bot.click(bot.button("Apply and Close"));
		bot.waitUntil("the dialog to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed());
		assertEquals(Duration.ofSeconds(2), HostDeckPreferences.samplingInterval());
		assertEquals(Duration.ofSeconds(2), InventoryHolder.sampler().interval(), "the sampler follows at once");
	}
}
