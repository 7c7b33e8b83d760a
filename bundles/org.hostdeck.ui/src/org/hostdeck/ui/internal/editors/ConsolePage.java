package org.hostdeck.ui.internal.editors;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.console.ConsoleViewer;

/**
 * The VM's screen, live ({@link ConsoleViewer}: keys, scaling, screenshots, CD/DVD media), and
 * below it where to point another VNC or SPICE viewer: each console's address as the VM's host
 * sees it, with the SSH tunnel to use when it listens on a remote host's loopback.
 */
public class ConsolePage extends FormPage {

	public static final String ID = "console"; //$NON-NLS-1$

	private Composite body;
	private ConsoleViewer viewer;
	private FormToolkit toolkit;
	private final List<String> shown = new ArrayList<>();

	ConsolePage(VmEditor editor) {
		super(editor, ID, Messages.VmEditor_console);
	}

	private VirtualMachine vm() {
		return ((VmEditor) getEditor()).vm();
	}

	@Override
	protected void createFormContent(IManagedForm managedForm) {
		ScrolledForm form = managedForm.getForm();
		toolkit = managedForm.getToolkit();
		form.setText(Messages.VmEditor_console + " \u2014 " + vm().getName()); //$NON-NLS-1$
		toolkit.decorateFormHeading(form.getForm());
		Composite page = form.getBody();
		GridLayoutFactory.swtDefaults().numColumns(1).applyTo(page);
		viewer = new ConsoleViewer(page, ((VmEditor) getEditor()).service());
		viewer.setData(WidgetIds.KEY, "vmEditor.consoleViewer"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, true).hint(640, 420).applyTo(viewer);
		body = toolkit.createComposite(page);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(body);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(body);
		viewer.show(vm());
		refresh();
	}

	/** The live console of this page (created with the page). */
	public ConsoleViewer viewer() {
		return viewer;
	}

	@Override
	public void setFocus() {
		if (viewer != null && !viewer.isDisposed()) {
			viewer.setFocus();
		}
	}

	void refresh() {
		if (body == null || body.isDisposed()) {
			return;
		}
		VirtualMachine vm = vm();
		List<String> now = new ArrayList<>(vm.getConsoles());
		now.add(vm.getPowerState().getLiteral());
		if (now.equals(shown)) {
			return;
		}
		shown.clear();
		shown.addAll(now);
		for (Control c : body.getChildren()) {
			c.dispose();
		}
		if (vm.getConsoles().isEmpty()) {
			Label none = toolkit.createLabel(body, Messages.VmEditor_noConsole, SWT.WRAP);
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(none);
		}
		String hostUri = vm.getHost() == null ? null : vm.getHost().getUri();
		int index = 0;
		for (String console : vm.getConsoles()) {
			URI uri = URI.create(console);
			toolkit.createLabel(body, uri.getScheme().toUpperCase(Locale.ROOT) + ':');
			Text address = toolkit.createText(body, console, SWT.READ_ONLY);
			address.setData(WidgetIds.KEY, "vmEditor.console." + index); //$NON-NLS-1$
			GridDataFactory.fillDefaults().grab(true, false).applyTo(address);
			Button copy = toolkit.createButton(body, Messages.VmEditor_copy, SWT.PUSH);
			copy.addListener(SWT.Selection, e -> {
				Clipboard clipboard = new Clipboard(copy.getDisplay());
				try {
					clipboard.setContents(new Object[] { console }, new Transfer[] { TextTransfer.getInstance() });
				} finally {
					clipboard.dispose();
				}
			});
			Label hint = toolkit.createLabel(body, hint(uri, hostUri, vm.getPowerState()), SWT.WRAP);
			hint.setData(WidgetIds.KEY, "vmEditor.consoleHint." + index++); //$NON-NLS-1$
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(400, SWT.DEFAULT).indent(0, 0).applyTo(hint);
		}
		body.layout(true, true);
		getManagedForm().reflow(true);
	}

	/** What to do with the address: wait for a port, tunnel to a remote loopback, or connect. */
	static String hint(URI console, String hostUri, PowerState state) {
		if (console.getPort() <= 0) {
			return state == PowerState.RUNNING ? Messages.VmEditor_consoleNoPort : Messages.VmEditor_consoleAtStart;
		}
		String remote = remoteHost(hostUri);
		String listen = console.getHost();
		boolean loopback = listen.startsWith("127.") || "[::1]".equals(listen) || "localhost".equals(listen); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (remote != null && loopback) {
			return NLS.bind(Messages.VmEditor_consoleTunnel, new Object[] { remote, console.getPort(), console.getScheme() });
		}
		if (remote != null && ("0.0.0.0".equals(listen) || "[::]".equals(listen))) { //$NON-NLS-1$ //$NON-NLS-2$
			return NLS.bind(Messages.VmEditor_consoleAllInterfaces, new Object[] { console.getScheme(), remote, console.getPort() });
		}
		return NLS.bind(Messages.VmEditor_consoleViewer, console.getScheme() + "://" + listen + ":" + console.getPort()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The host name of a remote libvirt URI ({@code qemu+ssh://root@hv1/system} gives {@code root@hv1}); null when local. */
	static String remoteHost(String libvirtUri) {
		if (libvirtUri == null) {
			return null;
		}
		try {
			URI uri = URI.create(libvirtUri);
			if (uri.getHost() == null || uri.getHost().isEmpty()) {
				return null;
			}
			return (uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@") + uri.getHost(); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** For tests: the address and hint shown for console {@code index}. */
	public String shown(int index) {
		for (Control c : body.getChildren()) {
			if (("vmEditor.console." + index).equals(c.getData(WidgetIds.KEY))) { //$NON-NLS-1$
				return ((Text) c).getText();
			}
		}
		return null;
	}
}
