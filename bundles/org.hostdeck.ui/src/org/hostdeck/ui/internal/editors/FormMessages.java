package org.hostdeck.ui.internal.editors;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.ui.forms.IManagedForm;

/** A form page header's message from a status severity. */
final class FormMessages {

	private FormMessages() {
	}

	static void show(IManagedForm form, String message, int severity) {
		if (form == null) {
			return;
		}
		int type = switch (severity) {
		case IStatus.ERROR -> IMessageProvider.ERROR;
		case IStatus.WARNING -> IMessageProvider.WARNING;
		case IStatus.INFO -> IMessageProvider.INFORMATION;
		default -> IMessageProvider.NONE;
		};
		form.getForm().setMessage(message, type);
	}
}
