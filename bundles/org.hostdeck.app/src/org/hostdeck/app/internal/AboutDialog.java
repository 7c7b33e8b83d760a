package org.hostdeck.app.internal;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.hostdeck.core.HostDeck;
import org.hostdeck.ui.WidgetIds;
import org.osgi.framework.FrameworkUtil;

/** Shows the product's name, version and what it is for. */
public class AboutDialog extends Dialog {

	/** Test id of the label that shows the version. */
	public static final String VERSION_ID = "about.version"; //$NON-NLS-1$

	public AboutDialog(Shell parent) {
		super(parent);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(NLS.bind(Messages.About_title, HostDeck.NAME));
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(2, false));
		LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), area);
		Label logo = new Label(area, SWT.NONE);
		logo.setImage(resources.create(ImageDescriptor.createFromURL(
				FrameworkUtil.getBundle(getClass()).getEntry("icons/hostdeck64.png")))); //$NON-NLS-1$
		logo.setLayoutData(new GridData(SWT.BEGINNING, SWT.BEGINNING, false, false, 1, 2));
		Label name = new Label(area, SWT.NONE);
		name.setText(HostDeck.NAME + " " + HostDeck.version()); //$NON-NLS-1$
		name.setFont(JFaceResources.getHeaderFont());
		name.setData(WidgetIds.KEY, VERSION_ID);
		Label text = new Label(area, SWT.WRAP);
		text.setText(NLS.bind(Messages.About_text,
				FrameworkUtil.getBundle(HostDeck.class).getVersion().toString()));
		GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
		data.widthHint = 420;
		text.setLayoutData(data);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
	}
}
