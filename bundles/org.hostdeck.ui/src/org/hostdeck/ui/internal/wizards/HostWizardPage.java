package org.hostdeck.ui.internal.wizards;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.driver.Credentials;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.inventory.DriverRegistry;
import org.hostdeck.core.inventory.HostNames;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.WorkbenchCredentials;

/** One page: how to reach the host, optional credentials, and a connection test. */
class HostWizardPage extends WizardPage {

	static final String FORGET_ID = "addHost.forgetPassword"; //$NON-NLS-1$
	static final String KIND_ID = "addHost.kind"; //$NON-NLS-1$
	static final String HOST_ID = "addHost.host"; //$NON-NLS-1$
	static final String PORT_ID = "addHost.port"; //$NON-NLS-1$
	static final String USER_ID = "addHost.user"; //$NON-NLS-1$
	static final String URI_ID = "addHost.uri"; //$NON-NLS-1$
	static final String NAME_ID = "addHost.name"; //$NON-NLS-1$
	static final String PASSWORD_ID = "addHost.password"; //$NON-NLS-1$
	static final String TEST_ID = "addHost.test"; //$NON-NLS-1$

	private Combo kind;
	private Text host;
	private Text port;
	private Text user;
	private Text uri;
	private Text name;
	private Text password;
	private Button forget;
	private boolean nameEdited;
	private final String initialName;
	private final String initialUri;
	private final boolean hasPassword;

	/**
	 * @param initialName the edited host's name, or {@code null} when adding a host
	 * @param hasPassword whether secure storage holds a password for the edited host
	 */
	HostWizardPage(String initialName, String initialUri, boolean hasPassword) {
		super("addHost"); //$NON-NLS-1$
		this.initialName = initialName;
		this.initialUri = initialUri;
		this.hasPassword = hasPassword;
		setTitle(initialName == null ? Messages.AddHost_title : Messages.EditHost_title);
		setDescription(initialName == null ? Messages.AddHost_description : Messages.EditHost_description);
	}

	@Override
	public void createControl(Composite parent) {
		Composite body = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
		kind = new Combo(body, SWT.READ_ONLY);
		label(body, Messages.AddHost_kind, kind);
		kind.setItems(Arrays.stream(ConnectionKind.values()).map(k -> k.label).toArray(String[]::new));
		kind.select(ConnectionKind.QEMU_SSH.ordinal());
		host = text(body, Messages.AddHost_host, HOST_ID, SWT.BORDER);
		port = text(body, Messages.AddHost_port, PORT_ID, SWT.BORDER);
		user = text(body, Messages.AddHost_user, USER_ID, SWT.BORDER);
		user.setText("root"); //$NON-NLS-1$
		uri = text(body, Messages.AddHost_uri, URI_ID, SWT.BORDER);
		name = text(body, Messages.AddHost_name, NAME_ID, SWT.BORDER);
		password = text(body, Messages.AddHost_password, PASSWORD_ID, SWT.BORDER | SWT.PASSWORD);
		if (hasPassword) {
			password.setMessage(Messages.EditHost_keepPassword);
			forget = new Button(body, SWT.CHECK);
			forget.setText(Messages.EditHost_forgetPassword);
			forget.setData(WidgetIds.KEY, FORGET_ID);
			GridDataFactory.swtDefaults().span(2, 1).applyTo(forget);
			forget.addListener(SWT.Selection, e -> password.setEnabled(!forget.getSelection()));
		}
		Label note = new Label(body, SWT.WRAP);
		note.setText(Messages.AddHost_passwordNote);
		GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(note);
		Button test = new Button(body, SWT.PUSH);
		test.setText(Messages.AddHost_test);
		test.setData(WidgetIds.KEY, TEST_ID);
		GridDataFactory.swtDefaults().span(2, 1).applyTo(test);
		kind.setData(WidgetIds.KEY, KIND_ID);

		kind.addListener(SWT.Selection, e -> update());
		for (Text t : new Text[] { host, port, user }) {
			t.addListener(SWT.Modify, e -> update());
		}
		uri.addListener(SWT.Modify, e -> {
			if (kind() == ConnectionKind.CUSTOM) {
				validate();
			}
		});
		name.addListener(SWT.KeyDown, e -> nameEdited = true);
		name.addListener(SWT.Modify, e -> validate());
		test.addListener(SWT.Selection, e -> testConnection());
		setControl(body);
		if (initialUri != null) {
			fill(initialUri);
			name.setText(initialName);
			nameEdited = true;
		}
		update();
		setErrorMessage(null);
		setMessage(null);
	}

	private static void label(Composite body, String text, org.eclipse.swt.widgets.Control control) {
		Label label = new Label(body, SWT.NONE);
		label.setText(text);
		label.moveAbove(control);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(control);
	}

	private static Text text(Composite body, String label, String id, int style) {
		Label l = new Label(body, SWT.NONE);
		l.setText(label);
		Text text = new Text(body, style);
		text.setData(WidgetIds.KEY, id);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		return text;
	}

	/** Shows {@code value} with the helper that writes exactly this URI, else as a custom URI. */
	private void fill(String value) {
		URI parsed;
		try {
			parsed = new URI(value);
		} catch (URISyntaxException e) {
			parsed = null;
		}
		for (ConnectionKind k : ConnectionKind.values()) {
			String h = parsed == null || parsed.getHost() == null ? "" : parsed.getHost(); //$NON-NLS-1$
			String p = parsed == null || parsed.getPort() < 0 ? "" : Integer.toString(parsed.getPort()); //$NON-NLS-1$
			String u = parsed == null || parsed.getUserInfo() == null ? "" : parsed.getUserInfo(); //$NON-NLS-1$
			if (k != ConnectionKind.CUSTOM && k.uri(h, p, u, "").equals(value)) { //$NON-NLS-1$
				kind.select(k.ordinal());
				if (k.needsHost) {
					host.setText(h);
					port.setText(p);
				}
				if (k.hasUser) {
					user.setText(u);
				}
				return;
			}
		}
		kind.select(ConnectionKind.CUSTOM.ordinal());
		uri.setText(value);
	}

	ConnectionKind kind() {
		return ConnectionKind.values()[Math.max(0, kind.getSelectionIndex())];
	}

	private void update() {
		ConnectionKind k = kind();
		host.setEnabled(k.needsHost);
		port.setEnabled(k.needsHost);
		user.setEnabled(k.hasUser);
		uri.setEditable(k == ConnectionKind.CUSTOM);
		if (k != ConnectionKind.CUSTOM) {
			uri.setText(k.uri(host.getText(), port.getText(), user.getText(), "")); //$NON-NLS-1$
		}
		if (!nameEdited) {
			name.setText(HostNames.fromUri(uri.getText()));
		}
		validate();
	}

	/** @return a message that names the problem and the fix, or {@code null} */
	String problem() {
		ConnectionKind k = kind();
		if (k.needsHost && host.getText().isBlank()) {
			return Messages.AddHost_needHost;
		}
		if (k.needsHost && !port.getText().isBlank() && !port.getText().trim().matches("\\d{1,5}")) { //$NON-NLS-1$
			return NLS.bind(Messages.AddHost_badPort, port.getText().trim());
		}
		String value = uri.getText().trim();
		try {
			URI parsed = new URI(value);
			if (parsed.getScheme() == null) {
				return NLS.bind(Messages.AddHost_badUri, value);
			}
		} catch (URISyntaxException e) {
			return NLS.bind(Messages.AddHost_badUri, value);
		}
		if (name.getText().isBlank()) {
			return Messages.AddHost_needName;
		}
		if (((HostWizard) getWizard()).hostExists(value)) {
			return NLS.bind(Messages.AddHost_exists, value);
		}
		if (((HostWizard) getWizard()).hostNamed(name.getText().trim())) {
			return NLS.bind(Messages.AddHost_nameExists, name.getText().trim());
		}
		return null;
	}

	private void validate() {
		String problem = problem();
		setErrorMessage(problem);
		setPageComplete(problem == null);
	}

	String uri() {
		return uri.getText().trim();
	}

	String hostName() {
		return name.getText().trim();
	}

	/** Whether the user asked to forget the stored password. */
	boolean forgetPassword() {
		return forget != null && forget.getSelection();
	}

	/** Whether the password was typed anew or is to be forgotten. */
	boolean passwordChanged() {
		return forgetPassword() || !password.getText().isEmpty();
	}

	/** @return the typed credentials, or {@code null} when no password was given */
	Credentials credentials() {
		if (password.getText().isEmpty() || forgetPassword()) {
			return null;
		}
		return new Credentials(user.getText().isBlank() ? null : user.getText().trim(), password.getTextChars());
	}

	private void testConnection() {
		String target = uri();
		Credentials credentials = ((HostWizard) getWizard()).credentialsForTest();
		ICredentialsProvider provider = new WorkbenchCredentials(u -> credentials);
		String[] result = new String[1];
		try {
			getContainer().run(true, true, monitor -> {
				SubMonitor progress = SubMonitor.convert(monitor, NLS.bind(Messages.AddHost_testing, target), 2);
				try {
					IHostConnection c = DriverRegistry.fromServices().driverFor(target).connect(target,
							provider, progress.split(1));
					try {
						result[0] = NLS.bind(Messages.AddHost_testOk, c.nodeInfo().hostname(), c.domains().size());
					} finally {
						c.close();
					}
				} catch (DriverException e) {
					throw new InvocationTargetException(e);
				}
			});
			setErrorMessage(null);
			setMessage(result[0], IMessageProvider.INFORMATION);
		} catch (InvocationTargetException e) {
			setMessage(null);
			setErrorMessage(e.getCause().getMessage());
		} catch (InterruptedException e) {
			setMessage(Messages.AddHost_testCancelled, IMessageProvider.WARNING);
		}
	}
}
