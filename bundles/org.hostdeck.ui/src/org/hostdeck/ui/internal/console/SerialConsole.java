package org.hostdeck.ui.internal.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.tm.internal.terminal.connector.TerminalConnector;
import org.eclipse.tm.internal.terminal.control.ITerminalListener;
import org.eclipse.tm.internal.terminal.control.ITerminalViewControl;
import org.eclipse.tm.internal.terminal.control.TerminalViewControlFactory;
import org.eclipse.tm.internal.terminal.provisional.api.ITerminalConnector;
import org.eclipse.tm.internal.terminal.provisional.api.ITerminalControl;
import org.eclipse.tm.internal.terminal.provisional.api.TerminalState;
import org.eclipse.tm.internal.terminal.provisional.api.provider.TerminalConnectorImpl;
import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IVmConsoles;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.ui.WidgetIds;

/**
 * A VM's serial console as a terminal: Eclipse's own terminal widget (TM Terminal: VT100/ANSI,
 * scroll back, selection, copy and paste) on libvirt's console stream. A console another client
 * holds is offered to be taken over, never taken silently.
 */
public class SerialConsole extends FollowingConsole {

	/** Lines kept for scrolling back. */
	private static final int SCROLL_BACK = 10_000;

	private final StackLayout stack = new StackLayout();
	private final Composite body;
	private final Composite messagePane;
	private final Label message;
	private final Button action;
	private final Button takeOver;
	private final Composite terminalPane;
	private final ITerminalViewControl terminal;
	private final Label status;
	private Runnable onAction;
	private ConsoleStream stream;

	public SerialConsole(Composite parent, InventoryService service) {
		super(parent, service);
		GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 2).applyTo(this);
		ToolBar toolbar = new ToolBar(this, SWT.FLAT | SWT.RIGHT);
		tool(toolbar, SWT.PUSH, Messages.Serial_copy, Messages.Serial_copyTip, "serial.copy", e -> terminal().copy()); //$NON-NLS-1$
		tool(toolbar, SWT.PUSH, Messages.Serial_paste, Messages.Serial_pasteTip, "serial.paste", e -> terminal().paste()); //$NON-NLS-1$
		tool(toolbar, SWT.PUSH, Messages.Serial_clear, Messages.Serial_clearTip, "serial.clear", e -> terminal().clearTerminal()); //$NON-NLS-1$
		tool(toolbar, SWT.PUSH, Messages.Serial_disconnect, Messages.Serial_disconnectTip, "serial.disconnect", e -> { //$NON-NLS-1$
			if (isOpen()) {
				close();
				hold(Messages.Serial_disconnected);
			}
		});
		status = new Label(this, SWT.NONE);
		status.setData(WidgetIds.KEY, "serial.status"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

		body = new Composite(this, SWT.NONE);
		body.setLayout(stack);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(body);
		messagePane = new Composite(body, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(messagePane);
		message = new Label(messagePane, SWT.WRAP);
		message.setData(WidgetIds.KEY, "serial.message"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(message);
		action = new Button(messagePane, SWT.PUSH);
		action.setData(WidgetIds.KEY, "serial.action"); //$NON-NLS-1$
		action.addListener(SWT.Selection, e -> {
			if (onAction != null) {
				onAction.run();
			}
		});
		takeOver = new Button(messagePane, SWT.PUSH);
		takeOver.setText(Messages.Serial_takeOver);
		takeOver.setData(WidgetIds.KEY, "serial.takeOver"); //$NON-NLS-1$
		takeOver.addListener(SWT.Selection, e -> open(true));

		terminalPane = new Composite(body, SWT.NONE);
		terminalPane.setLayout(new org.eclipse.swt.layout.FillLayout());
		terminal = TerminalViewControlFactory.makeControl(new ITerminalListener() {
			@Override
			public void setState(TerminalState state) {
				// shown by the status line
			}

			@Override
			public void setTerminalTitle(String title) {
				// the page has its own title
			}
		}, terminalPane, new ITerminalConnector[0], false);
		terminal.setBufferLineLimit(SCROLL_BACK);
		terminal.getControl().setData(WidgetIds.KEY, "serial.terminal"); //$NON-NLS-1$
		addListener(SWT.Dispose, e -> {
			if (stream != null) {
				stream.close();
			}
			terminal.disposeTerminal();
		});
		show(null);
	}

	@Override
	protected ConsoleStream open(IVmConsoles consoles, String vmUuid, boolean force) throws DriverException {
		return consoles.openSerial(vmUuid, force);
	}

	@Override
	protected void failed(DriverException failure) {
		super.failed(failure);
		if (failure.reason() == DriverException.Reason.INVALID_STATE) {
			show(takeOver, true); // another client has it: offered, never taken silently
			messagePane.layout(true, true);
		}
	}

	@Override
	protected void attach(ConsoleStream opened) throws IOException {
		stream = opened;
		terminal.setConnector(new TerminalConnector(() -> new StreamConnector(opened), "org.hostdeck.serial", //$NON-NLS-1$
				opened.description(), true));
		terminal.connectTerminal();
		stack.topControl = terminalPane;
		body.layout();
		status.setText(org.eclipse.osgi.util.NLS.bind(Messages.Serial_connected, opened.description()));
		terminal.setFocus();
	}

	@Override
	protected boolean isOpen() {
		return stream != null;
	}

	@Override
	protected void close() {
		ConsoleStream closing = stream;
		stream = null;
		terminal.disconnectTerminal();
		if (closing != null) {
			closing.close();
		}
	}

	@Override
	protected void message(String text, String button, Runnable run) {
		message.setText(text == null ? "" : text); //$NON-NLS-1$
		onAction = run;
		action.setText(button == null ? "" : button); //$NON-NLS-1$
		show(action, button != null);
		show(takeOver, false);
		status.setText(""); //$NON-NLS-1$
		stack.topControl = messagePane;
		messagePane.layout(true, true);
		body.layout();
	}

	private static void show(Button button, boolean visible) {
		button.setVisible(visible);
		if (button.getLayoutData() == null) {
			GridDataFactory.swtDefaults().applyTo(button);
		}
		((org.eclipse.swt.layout.GridData) button.getLayoutData()).exclude = !visible;
	}

	/** The stream ended (the VM stopped, the host went away, another client took over). */
	private void streamEnded(ConsoleStream ended) {
		if (isDisposed() || stream != ended) {
			return;
		}
		stream = null;
		terminal.disconnectTerminal();
		ended(Messages.Serial_ended);
	}

	private ITerminalViewControl terminal() {
		return terminal;
	}

	/** For tests: everything the terminal shows and holds for scrolling back. */
	public String text() {
		terminal.selectAll();
		return terminal.getSelection();
	}

	/** For tests: the message shown instead of the terminal (empty while the terminal shows). */
	public String messageShown() {
		return stack.topControl == messagePane ? message.getText() : ""; //$NON-NLS-1$
	}

	@Override
	public boolean setFocus() {
		if (isOpen()) {
			terminal.setFocus();
			return true;
		}
		return super.setFocus();
	}

	/** TM Terminal's side of a console stream: the stream's output into the terminal, keys into the stream. */
	private final class StreamConnector extends TerminalConnectorImpl {
		private final ConsoleStream console;

		StreamConnector(ConsoleStream console) {
			this.console = console;
		}

		@Override
		public void connect(ITerminalControl control) {
			super.connect(control);
			control.setState(TerminalState.CONNECTING);
			control.setCharset(StandardCharsets.UTF_8);
			Thread reader = new Thread(() -> {
				byte[] buffer = new byte[8192];
				OutputStream screen = control.getRemoteToTerminalOutputStream();
				try {
					for (int n; (n = console.input().read(buffer)) > 0;) {
						screen.write(buffer, 0, n);
						screen.flush();
					}
				} catch (IOException e) {
					// the console ended
				}
				control.setState(TerminalState.CLOSED);
				if (!isDisposed()) {
					getDisplay().asyncExec(() -> streamEnded(console));
				}
			}, "HostDeck serial console: " + console.description()); //$NON-NLS-1$
			reader.setDaemon(true);
			reader.start();
			control.setState(TerminalState.CONNECTED);
		}

		@Override
		protected void doDisconnect() {
			console.close();
		}

		@Override
		public OutputStream getTerminalToRemoteStream() {
			return console.output();
		}

		@Override
		public String getSettingsSummary() {
			return console.description();
		}
	}
}
