package org.hostdeck.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.hostdeck.core.inventory.MasterPassword;
import org.hostdeck.ui.WidgetIds;

/**
 * Asks for the master password of HostDeck's Secure Storage: to choose one (typed twice) when
 * the storage has none, else to unlock it (again, saying so, after a wrong one). The command line
 * asks for the same password.
 */
public final class MasterPasswordDialog extends TitleAreaDialog {

	public static final String PASSWORD_ID = "masterPassword.password"; //$NON-NLS-1$
	public static final String CONFIRM_ID = "masterPassword.confirm"; //$NON-NLS-1$

	private final boolean create;
	private final boolean retry;
	private Text password;
	private Text confirm;
	private char[] result;

	public MasterPasswordDialog(Shell parent, boolean create, boolean retry) {
		super(parent);
		this.create = create;
		this.retry = retry;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.MasterPassword_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(create ? Messages.MasterPassword_createHeading : Messages.MasterPassword_unlockHeading);
		setMessage(create ? Messages.MasterPassword_createMessage : Messages.MasterPassword_unlockMessage);
		if (retry) {
			setErrorMessage(Messages.MasterPassword_wrong);
		}
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.MasterPassword_password);
		password = new Text(body, SWT.BORDER | SWT.PASSWORD);
		password.setData(WidgetIds.KEY, PASSWORD_ID);
		GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(password);
		if (create) {
			new Label(body, SWT.NONE).setText(Messages.MasterPassword_confirm);
			confirm = new Text(body, SWT.BORDER | SWT.PASSWORD);
			confirm.setData(WidgetIds.KEY, CONFIRM_ID);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(confirm);
			confirm.addModifyListener(e -> validate());
			Label note = new Label(body, SWT.WRAP);
			note.setText(Messages.MasterPassword_createNote);
			GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(note);
		}
		password.addModifyListener(e -> validate());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
	}

	private void validate() {
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok == null) {
			return;
		}
		boolean typed = !password.getText().isEmpty();
		boolean same = !create || password.getText().equals(confirm.getText());
		if (create && typed && !confirm.getText().isEmpty() && !same) {
			setErrorMessage(Messages.MasterPassword_differ);
		} else if (!retry || typed) {
			setErrorMessage(null);
		}
		ok.setEnabled(typed && same);
	}

	@Override
	protected void okPressed() {
		result = password.getText().toCharArray();
		super.okPressed();
	}

	/** @return what was typed, or {@code null} when cancelled */
	public char[] password() {
		return result;
	}

	/** The workbench's prompt: this dialog on the display thread, from whichever thread Equinox asks on. */
	public static final class Prompt implements MasterPassword.Prompt {

		@Override
		public char[] ask(boolean create, boolean retry) {
			Display display = PlatformUI.isWorkbenchRunning() ? PlatformUI.getWorkbench().getDisplay() : null;
			if (display == null || display.isDisposed()) {
				return null;
			}
			char[][] typed = new char[1][];
			display.syncExec(() -> {
				MasterPasswordDialog dialog = new MasterPasswordDialog(display.getActiveShell(), create, retry);
				if (dialog.open() == Window.OK) {
					typed[0] = dialog.password();
				}
			});
			return typed[0];
		}
	}
}
