package org.hostdeck.ui.internal.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.ImageTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.hostdeck.core.driver.ConsoleStream;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.IVmConsoles;
import org.hostdeck.core.driver.PowerAction;
import org.hostdeck.core.inventory.HostSession;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.core.operations.VmDeviceOperation;
import org.hostdeck.core.operations.VmPowerOperation;
import org.hostdeck.model.HostState;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.VirtualDisk;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.ModelRefresher;
import org.hostdeck.ui.internal.handlers.VmJobs;

/**
 * A VM's graphical console with its toolbar: the live screen (a {@link VncView}), keys to send,
 * fit or 1:1, a screenshot to copy or save, and the CD/DVD media. While the VM is not running it
 * shows its last screen and a Power On button; a VM it cannot show says why and how to fix it.
 * Opening the display runs in a job (an SSH tunnel may take a moment); the UI thread never waits
 * on the host. Used by the VM editor's Console page and the Console view.
 */
public class ConsoleViewer extends FollowingConsole {

	/** GDK key values for the keys the toolbar sends. */
	private static final int CONTROL = 0xffe3;
	private static final int ALT = 0xffe9;
	private static final int DELETE = 0xffff;
	private static final int BACKSPACE = 0xff08;
	private static final int F1 = 0xffbe;
	private static final int PRINT = 0xff61;

	private static final int REMEMBER_EVERY_MS = 3000;

	/** The last screen of each VM (by UUID) seen in this session, shown while it is off. */
	private static final Map<String, ImageData> LAST_SCREENS = new ConcurrentHashMap<>();

	private final StackLayout stack = new StackLayout();
	private final Composite body;
	private final Composite messagePane;
	private final Label message;
	private final Button action;
	private final Composite passwordRow;
	private final Text password;
	private final Canvas lastScreen;
	private final ScrolledComposite scroller;
	private final VncView view;
	private final ToolItem fit;
	private final Combo media;
	private final Button addDrive;
	private final Label status;

	private Image shownScreen;
	private Runnable onAction;
	private List<String> mediaItems = List.of();
	private long imagesRead = System.nanoTime() - 60_000_000_000L;
	private VirtualMachine imagesOf;

	public ConsoleViewer(Composite parent, InventoryService service) {
		super(parent, service);
		GridLayoutFactory.fillDefaults().numColumns(4).spacing(6, 2).applyTo(this);

		ToolBar toolbar = new ToolBar(this, SWT.FLAT | SWT.RIGHT);
		tool(toolbar, SWT.PUSH, Messages.Console_ctrlAltDel, Messages.Console_ctrlAltDelTip, "console.ctrlAltDel", //$NON-NLS-1$
				e -> send(CONTROL, ALT, DELETE));
		Menu keyMenu = new Menu(toolbar);
		key(keyMenu, "Ctrl+Alt+Backspace", CONTROL, ALT, BACKSPACE); //$NON-NLS-1$
		for (int f = 1; f <= 12; f++) {
			key(keyMenu, "Ctrl+Alt+F" + f, CONTROL, ALT, F1 + f - 1); //$NON-NLS-1$
		}
		key(keyMenu, "Print Screen", PRINT); //$NON-NLS-1$
		ToolItem[] keys = new ToolItem[1];
		keys[0] = tool(toolbar, SWT.DROP_DOWN, Messages.Console_keys, Messages.Console_keysTip, "console.keys", e -> { //$NON-NLS-1$
			Rectangle r = keys[0].getBounds();
			keyMenu.setLocation(toolbar.toDisplay(r.x, r.y + r.height));
			keyMenu.setVisible(true);
		});
		new ToolItem(toolbar, SWT.SEPARATOR);
		fit = tool(toolbar, SWT.CHECK, Messages.Console_fit, Messages.Console_fitTip, "console.fit", e -> applyScaling()); //$NON-NLS-1$
		fit.setSelection(true);
		tool(toolbar, SWT.PUSH, Messages.Console_copy, Messages.Console_copyTip, "console.copy", e -> copyScreen()); //$NON-NLS-1$
		tool(toolbar, SWT.PUSH, Messages.Console_save, Messages.Console_saveTip, "console.save", e -> saveScreen()); //$NON-NLS-1$

		Label mediaLabel = new Label(this, SWT.NONE);
		mediaLabel.setText(Messages.Console_media);
		media = new Combo(this, SWT.READ_ONLY);
		media.setData(WidgetIds.KEY, "console.media"); //$NON-NLS-1$
		media.setToolTipText(Messages.Console_mediaTip);
		media.addListener(SWT.Selection, e -> mediaChosen());
		media.addListener(SWT.FocusIn, e -> rereadImages());
		GridDataFactory.swtDefaults().hint(220, SWT.DEFAULT).applyTo(media);
		addDrive = new Button(this, SWT.PUSH);
		addDrive.setText(Messages.Console_addDrive);
		addDrive.setData(WidgetIds.KEY, "console.addDrive"); //$NON-NLS-1$
		addDrive.addListener(SWT.Selection, e -> addDrive());

		status = new Label(this, SWT.NONE);
		status.setData(WidgetIds.KEY, "console.status"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().span(4, 1).grab(true, false).applyTo(status);

		body = new Composite(this, SWT.NONE);
		body.setLayout(stack);
		GridDataFactory.fillDefaults().span(4, 1).grab(true, true).applyTo(body);

		messagePane = new Composite(body, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(1).applyTo(messagePane);
		message = new Label(messagePane, SWT.WRAP);
		message.setData(WidgetIds.KEY, "console.message"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(message);
		action = new Button(messagePane, SWT.PUSH);
		action.setData(WidgetIds.KEY, "console.action"); //$NON-NLS-1$
		GridDataFactory.swtDefaults().applyTo(action);
		action.addListener(SWT.Selection, e -> {
			if (onAction != null) {
				onAction.run();
			}
		});
		passwordRow = new Composite(messagePane, SWT.NONE);
		passwordRow.setLayout(new GridLayout(3, false));
		GridDataFactory.swtDefaults().applyTo(passwordRow);
		new Label(passwordRow, SWT.NONE).setText(Messages.Console_password);
		password = new Text(passwordRow, SWT.BORDER | SWT.PASSWORD);
		password.setData(WidgetIds.KEY, "console.password"); //$NON-NLS-1$
		GridDataFactory.swtDefaults().hint(200, SWT.DEFAULT).applyTo(password);
		Button send = new Button(passwordRow, SWT.PUSH);
		send.setText(Messages.Console_connect);
		send.addListener(SWT.Selection, e -> sendPassword());
		password.addListener(SWT.DefaultSelection, e -> sendPassword());
		lastScreen = new Canvas(messagePane, SWT.DOUBLE_BUFFERED);
		lastScreen.setData(WidgetIds.KEY, "console.lastScreen"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, true).applyTo(lastScreen);
		lastScreen.addListener(SWT.Paint, e -> {
			if (shownScreen != null) {
				Rectangle area = lastScreen.getClientArea();
				Rectangle size = shownScreen.getBounds();
				double scale = Math.min(1, Math.min((double) area.width / size.width, (double) area.height / size.height));
				e.gc.setAlpha(110); // dimmed: not live
				e.gc.drawImage(shownScreen, 0, 0, size.width, size.height, 0, 0, (int) (size.width * scale), (int) (size.height * scale));
			}
		});

		scroller = new ScrolledComposite(body, SWT.H_SCROLL | SWT.V_SCROLL);
		VncView made = null;
		if (VncView.problem() == null) {
			made = new VncView(scroller);
			made.setData(WidgetIds.KEY, "console.screen"); //$NON-NLS-1$
			scroller.setContent(made);
			made.setListener(new ViewListener());
		}
		view = made;
		applyScaling();
		addListener(SWT.Dispose, e -> {
			if (shownScreen != null) {
				shownScreen.dispose();
			}
		});
		show(null);
	}

	private void key(Menu menu, String label, int... keyvals) {
		MenuItem item = new MenuItem(menu, SWT.PUSH);
		item.setText(label);
		item.addListener(SWT.Selection, e -> send(keyvals));
	}

	private void send(int... keyvals) {
		if (view != null && view.isOpen()) {
			view.sendKeys(keyvals);
		}
	}

	@Override
	protected String unavailable() {
		return view == null ? VncView.problem() : null;
	}

	@Override
	protected ConsoleStream open(IVmConsoles consoles, String vmUuid, boolean takeOver) throws DriverException {
		return consoles.openGraphics(vmUuid);
	}

	@Override
	protected void attach(ConsoleStream stream) throws java.io.IOException {
		view.connect(stream);
		stack.topControl = scroller;
		body.layout();
		status.setText(NLS.bind(Messages.Console_connectingTo, stream.description()));
	}

	@Override
	protected boolean isOpen() {
		return view != null && view.isOpen();
	}

	/** Ends the connection, keeping the last screen. */
	@Override
	protected void close() {
		remember();
		view.disconnect();
	}

	/**
	 * Keeps the screen shown now as the VM's last screen. gtk-vnc lets go of its framebuffer when
	 * the connection drops (a VM powered off), so this also runs every few seconds while connected.
	 */
	private void remember() {
		ImageData screen = view.isOpen() ? view.screen() : null;
		if (screen != null && uuid != null) {
			LAST_SCREENS.put(uuid, screen);
		}
	}

	private void rememberWhileOpen() {
		if (!isDisposed() && view.isOpen()) {
			remember();
			getDisplay().timerExec(REMEMBER_EVERY_MS, this::rememberWhileOpen);
		}
	}

	@Override
	protected void message(String text, String button, Runnable run) {
		message.setText(text == null ? "" : text); //$NON-NLS-1$
		onAction = run;
		action.setText(button == null ? "" : button); //$NON-NLS-1$
		action.setVisible(button != null);
		((org.eclipse.swt.layout.GridData) action.getLayoutData()).exclude = button == null;
		passwordRow.setVisible(false);
		((org.eclipse.swt.layout.GridData) passwordRow.getLayoutData()).exclude = true;
		if (shownScreen != null) {
			shownScreen.dispose();
			shownScreen = null;
		}
		ImageData last = uuid == null ? null : LAST_SCREENS.get(uuid);
		if (last != null) {
			shownScreen = new Image(getDisplay(), last);
		}
		status.setText(""); //$NON-NLS-1$
		stack.topControl = messagePane;
		messagePane.layout(true, true);
		body.layout();
		lastScreen.redraw();
	}

	private void applyScaling() {
		boolean fitted = fit.getSelection();
		if (view != null) {
			view.setScaling(fitted);
		}
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		if (fitted || view == null || view.width() == 0) {
			scroller.setMinSize(0, 0);
		} else {
			scroller.setMinSize(view.width(), view.height());
		}
		scroller.layout(true);
	}

	/** The screen as shown now: live while connected, else the last one; {@code null} when none. */
	public ImageData screen() {
		if (view != null && view.isOpen()) {
			return view.screen();
		}
		return uuid == null ? null : LAST_SCREENS.get(uuid);
	}

	private void copyScreen() {
		ImageData screen = screen();
		if (screen == null) {
			return;
		}
		Image image = new Image(getDisplay(), screen);
		Clipboard clipboard = new Clipboard(getDisplay());
		try {
			clipboard.setContents(new Object[] { image.getImageData() }, new Transfer[] { ImageTransfer.getInstance() });
		} finally {
			clipboard.dispose();
			image.dispose();
		}
	}

	private void saveScreen() {
		ImageData screen = screen();
		if (screen == null) {
			return;
		}
		FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
		dialog.setFilterExtensions(new String[] { "*.png" }); //$NON-NLS-1$
		dialog.setFileName(service.query(i -> vm.getName()) + ".png"); //$NON-NLS-1$
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file != null) {
			save(screen, file);
		}
	}

	/** Writes {@code screen} to {@code file} as PNG. */
	public static void save(ImageData screen, String file) {
		ImageLoader loader = new ImageLoader();
		loader.data = new ImageData[] { screen };
		loader.save(file, SWT.IMAGE_PNG);
	}

	/** The media drop-down: the first CD/DVD drive's media and the host's ISO images. */
	@Override
	protected void refreshExtras() {
		if (vm != imagesOf) {
			imagesOf = vm; // a VM newly shown: its host's ISO images as they are now
			imagesRead = System.nanoTime() - 60_000_000_000L;
			rereadImages();
		}
		record Media(String drive, String inserted, List<String> isos, boolean connected) {
		}
		Media m = vm == null ? null : service.query(i -> {
			VirtualDisk drive = vm.getDisks().stream().filter(VirtualDisk::isCdrom).findFirst().orElse(null);
			String inserted = drive == null || drive.getVolume() == null ? drive == null ? null : drive.getPath()
					: drive.getVolume().getPool().getName() + "/" + drive.getVolume().getName(); //$NON-NLS-1$
			return new Media(drive == null ? null : drive.getName(), inserted, VmDeviceOperation.isoImages(vm),
					vm.getHost() != null && vm.getHost().getState() == HostState.CONNECTED);
		});
		boolean drive = m != null && m.drive() != null;
		addDrive.setVisible(m != null && !drive);
		addDrive.setEnabled(m != null && m.connected());
		media.setVisible(drive);
		if (!drive) {
			return;
		}
		List<String> items = new java.util.ArrayList<>();
		items.add(Messages.Console_empty);
		items.addAll(m.isos());
		if (m.inserted() != null && !m.inserted().isEmpty() && !items.contains(m.inserted())) {
			items.add(m.inserted());
		}
		items.add(Messages.Console_upload);
		if (!items.equals(mediaItems) || media.getItemCount() != items.size()) {
			mediaItems = items;
			media.setItems(items.toArray(String[]::new));
		}
		media.select(m.inserted() == null || m.inserted().isEmpty() ? 0 : items.indexOf(m.inserted()));
		media.setEnabled(m.connected());
		media.setToolTipText(NLS.bind(Messages.Console_mediaTip, m.drive()));
		media.setData("drive", m.drive()); //$NON-NLS-1$
	}

	/**
	 * Reads the host's pools again (in a job, at most every 15 s) when the user goes to the media:
	 * an ISO copied into a pool since shows up without a refresh by hand.
	 */
	private void rereadImages() {
		long now = System.nanoTime();
		HostSession session = vm == null ? null : service.session(vm);
		if (session == null || now - imagesRead < 15_000_000_000L) {
			return;
		}
		imagesRead = now;
		Job.create(Messages.Console_readingImages, monitor -> {
			try {
				session.refresh(monitor);
			} catch (DriverException e) {
				// the drop-down keeps what it had; the host's own state shows the problem
			}
		}).schedule();
	}

	private void mediaChosen() {
		String drive = (String) media.getData("drive"); //$NON-NLS-1$
		int index = media.getSelectionIndex();
		if (vm == null || drive == null || index < 0) {
			return;
		}
		if (index == media.getItemCount() - 1) {
			upload(drive);
			return;
		}
		String chosen = index == 0 ? null : media.getItem(index);
		int slash = chosen == null ? -1 : chosen.indexOf('/');
		if (chosen != null && slash < 0) {
			return; // media from outside the host's pools: leave it
		}
		VmDeviceOperation op = VmDeviceOperation.changeMedia(service, vm, drive, chosen == null ? null : chosen.substring(0, slash),
				chosen == null ? null : chosen.substring(slash + 1));
		VirtualMachine target = vm;
		VmJobs.scheduleRecorded(op.label(), service.query(i -> VmJobs.target(target)), () -> uuid, op::execute);
	}

	/** Upload ISO...: a file of this computer into the host's ISO pool, then into the drive. */
	private void upload(String drive) {
		VirtualMachine target = vm;
		String pool = service.query(i -> VmDeviceOperation.isoPool(target));
		refreshExtras(); // the drop-down shows the drive's media again
		if (pool == null) {
			org.eclipse.jface.dialogs.MessageDialog.openError(getShell(), Messages.Console_upload, Messages.Console_noPool);
			return;
		}
		FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
		dialog.setText(NLS.bind(Messages.Console_uploadTitle, pool));
		dialog.setFilterExtensions(new String[] { "*.iso;*.ISO", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
		String file = dialog.open();
		if (file == null) {
			return;
		}
		VmDeviceOperation op = VmDeviceOperation.uploadMedia(service, target, drive, java.nio.file.Path.of(file), pool);
		VmJobs.scheduleRecorded(op.label(), service.query(i -> VmJobs.target(target)), () -> uuid, op::execute);
	}

	private void addDrive() {
		if (vm == null) {
			return;
		}
		VirtualMachine target = vm;
		VmDeviceOperation op = VmDeviceOperation.addMediaDrive(service, target);
		VmJobs.scheduleRecorded(op.label(), service.query(i -> VmJobs.target(target)), () -> uuid, op::execute);
	}

	private void sendPassword() {
		if (view != null && view.isOpen()) {
			view.password(password.getText());
			password.setText(""); //$NON-NLS-1$
			stack.topControl = scroller;
			body.layout();
		}
	}

	/** For tests and the view's toolbar: the live screen widget, or {@code null} where it cannot run. */
	public VncView view() {
		return view;
	}

	/** For tests: the message shown instead of the screen (empty while the screen shows). */
	public String messageShown() {
		return stack.topControl == messagePane ? message.getText() : ""; //$NON-NLS-1$
	}

	/** For tests: the status line. */
	public String statusShown() {
		return status.getText();
	}

	/** For tests: the media choices and the one selected. */
	public Combo media() {
		return media;
	}

	@Override
	public boolean setFocus() {
		if (view != null && view.isOpen()) {
			view.focus();
			return true;
		}
		return super.setFocus();
	}

	private final class ViewListener implements VncView.Listener {
		@Override
		public void shown(int width, int height) {
			status.setText(NLS.bind(Messages.Console_shown, width + "\u00d7" + height)); //$NON-NLS-1$
			applyScaling();
			rememberWhileOpen();
		}

		@Override
		public void resized(int width, int height) {
			status.setText(NLS.bind(Messages.Console_shown, width + "\u00d7" + height)); //$NON-NLS-1$
			applyScaling();
		}

		@Override
		public void ended(String why) {
			remember();
			ConsoleViewer.this.ended(why);
		}

		@Override
		public void passwordWanted() {
			message(Messages.Console_passwordWanted, null, null);
			passwordRow.setVisible(true);
			((org.eclipse.swt.layout.GridData) passwordRow.getLayoutData()).exclude = false;
			messagePane.layout(true, true);
			password.setFocus();
		}

		@Override
		public void grabbed(boolean grabbed) {
			status.setText(grabbed ? Messages.Console_grabbed : Messages.Console_released);
			if (!grabbed) {
				fit.getParent().setFocus(); // the keyboard back to HostDeck
			}
		}
	}
}
