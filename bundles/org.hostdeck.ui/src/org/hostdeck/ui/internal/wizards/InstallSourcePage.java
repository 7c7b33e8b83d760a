package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.DiskImage;
import org.hostdeck.core.install.InstallRequest.Media;
import org.hostdeck.core.install.InstallRequest.MediaUpload;
import org.hostdeck.core.install.InstallRequest.NetworkTree;
import org.hostdeck.core.install.InstallRequest.Volume;
import org.hostdeck.model.Host;
import org.hostdeck.model.StoragePool;
import org.hostdeck.model.StorageVolume;

/**
 * Install source: a network install tree (HTTP, FTP or NFS URL and extra kernel arguments),
 * vendor media (an ISO in a pool of a connected host, or a file on this computer to upload), or
 * an existing disk image; and optional driver media attached as a second CD-ROM.
 */
final class InstallSourcePage extends InstallPage {

	/** A volume on a connected host. */
	private record Choice(Host host, Volume volume, String label) {
	}

	private Button network;
	private Button media;
	private Button upload;
	private Button image;
	private Text url;
	private Text kernelArgs;
	private Combo iso;
	private Text file;
	private Button browse;
	private Combo disk;
	private Combo drivers;
	private final List<Choice> isos = new ArrayList<>();
	private final List<Choice> images = new ArrayList<>();

	InstallSourcePage(InstallWizard wizard) {
		super(wizard, "source", Messages.Install_sourceTitle, Messages.Install_sourceDescription); //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
		network = radio(page, Messages.Install_sourceNetwork, SOURCE_NETWORK_ID);
		label(page, Messages.Install_url, 1);
		url = text(page, URL_ID, SWT.SINGLE);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(url);
		url.setMessage("http://mirror/fedora/linux/releases/41/Everything/x86_64/os/"); //$NON-NLS-1$
		label(page, Messages.Install_kernelArgs, 1);
		kernelArgs = text(page, KERNEL_ARGS_ID, SWT.SINGLE);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(kernelArgs);

		media = radio(page, Messages.Install_sourceMedia, SOURCE_MEDIA_ID);
		label(page, Messages.Install_iso, 1);
		iso = combo(page, ISO_ID);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(iso);

		upload = radio(page, Messages.Install_sourceUpload, SOURCE_UPLOAD_ID);
		label(page, Messages.Install_file, 1);
		file = text(page, FILE_ID, SWT.SINGLE);
		browse = new Button(page, SWT.PUSH);
		browse.setText(Messages.Install_browse);
		browse.addListener(SWT.Selection, e -> {
			FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
			dialog.setFilterExtensions(new String[] { "*.iso", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
			String chosen = dialog.open();
			if (chosen != null) {
				file.setText(chosen);
			}
		});

		image = radio(page, Messages.Install_sourceImage, SOURCE_IMAGE_ID);
		label(page, Messages.Install_image, 1);
		disk = combo(page, IMAGE_ID);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(disk);

		label(page, Messages.Install_drivers, 1);
		drivers = combo(page, DRIVERS_ID);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(drivers);
		label(page, Messages.Install_driversNote, 3);

		for (Button b : new Button[] { network, media, upload, image }) {
			b.addListener(SWT.Selection, e -> changed());
		}
		url.addModifyListener(e -> changed());
		kernelArgs.addModifyListener(e -> changed());
		iso.addListener(SWT.Selection, e -> changed());
		file.addModifyListener(e -> changed());
		disk.addListener(SWT.Selection, e -> changed());
		drivers.addListener(SWT.Selection, e -> changed());
		setControl(page);
	}

	private static Button radio(Composite page, String text, String id) {
		Button radio = button(page, SWT.RADIO, text, id);
		GridDataFactory.fillDefaults().span(3, 1).indent(0, 6).applyTo(radio);
		return radio;
	}

	/** Every ISO (by file name) and every other volume of the connected hosts' active pools. */
	private void readVolumes() {
		isos.clear();
		images.clear();
		List<Host> hosts = wizard.hosts();
		wizard.service.query(i -> {
			for (Host h : hosts) {
				for (StoragePool pool : h.getStoragePools()) {
					if (!pool.isActive()) {
						continue;
					}
					for (StorageVolume v : pool.getVolumes()) {
						Choice c = new Choice(h, new Volume(pool.getName(), v.getName()),
								NLS.bind(Messages.Install_volumeItem, new Object[] { v.getName(), pool.getName(), h.getName() }));
						(v.getName().toLowerCase(Locale.ROOT).endsWith(".iso") ? isos : images).add(c); //$NON-NLS-1$
					}
				}
			}
			return null;
		});
		fill(iso, isos, false);
		fill(disk, images, false);
		fill(drivers, isos, true);
	}

	private static void fill(Combo combo, List<Choice> choices, boolean none) {
		combo.removeAll();
		if (none) {
			combo.add(Messages.Install_none);
		}
		choices.forEach(c -> combo.add(c.label()));
		combo.select(0);
	}

	@Override
	void show() {
		Host before = wizard.sourceHost();
		readVolumes();
		InstallRequest request = wizard.request();
		InstallRequest.Source source = request.source();
		// keep what was chosen before (the volumes are listed anew)
		if (source instanceof Media m) {
			reselect(iso, isos, 0, m.iso(), before);
		} else if (source instanceof DiskImage d) {
			reselect(disk, images, 0, d.image(), before);
		}
		if (request.driversMedia() != null) {
			reselect(drivers, isos, 1, request.driversMedia(), before);
		}
		network.setSelection(source instanceof NetworkTree);
		media.setSelection(source == null || source instanceof Media);
		upload.setSelection(source instanceof MediaUpload);
		image.setSelection(source instanceof DiskImage || (source == null && wizard.template() != null
				&& wizard.template().getInstallMethod() == org.hostdeck.model.InstallMethod.DISK_IMAGE));
		if (image.getSelection()) {
			media.setSelection(false);
		}
		if (source instanceof NetworkTree tree) {
			url.setText(tree.url());
			kernelArgs.setText(tree.kernelArgs() == null ? "" : tree.kernelArgs()); //$NON-NLS-1$
		}
		if (request.driversMedia() == null && wizard.template() != null && wizard.template().isDriversMedia() && drivers.getItemCount() > 1) {
			drivers.select(1 + Math.max(0, indexOf(isos, "virtio"))); //$NON-NLS-1$
		}
		changed();
	}

	private static void reselect(Combo combo, List<Choice> choices, int offset, Volume volume, Host host) {
		for (int c = 0; c < choices.size(); c++) {
			if (choices.get(c).volume().equals(volume) && (host == null || choices.get(c).host() == host)) {
				combo.select(c + offset);
				return;
			}
		}
	}

	private static int indexOf(List<Choice> choices, String part) {
		for (int c = 0; c < choices.size(); c++) {
			if (choices.get(c).volume().name().contains(part)) {
				return c;
			}
		}
		return -1;
	}

	/** Writes the choice into the request and says what is missing. */
	private void changed() {
		url.setEnabled(network.getSelection());
		kernelArgs.setEnabled(network.getSelection());
		iso.setEnabled(media.getSelection());
		file.setEnabled(upload.getSelection());
		browse.setEnabled(upload.getSelection());
		disk.setEnabled(image.getSelection());
		InstallRequest request = wizard.request();
		String missing = null;
		wizard.sourceHost(null);
		if (network.getSelection()) {
			request.source(new NetworkTree(url.getText().trim(), kernelArgs.getText().trim()));
			missing = url.getText().isBlank() ? Messages.Install_needUrl : null;
		} else if (media.getSelection()) {
			Choice c = chosen(iso, isos, 0);
			request.source(c == null ? null : new Media(c.volume()));
			wizard.sourceHost(c == null ? null : c.host());
			missing = c == null ? Messages.Install_needIso : null;
		} else if (upload.getSelection()) {
			request.source(new MediaUpload(file.getText().trim(), null));
			missing = file.getText().isBlank() ? Messages.Install_needFile : null;
		} else if (image.getSelection()) {
			Choice c = chosen(disk, images, 0);
			request.source(c == null ? null : new DiskImage(c.volume()));
			wizard.sourceHost(c == null ? null : c.host());
			missing = c == null ? Messages.Install_needImage : null;
		}
		Choice driver = chosen(drivers, isos, 1);
		request.driversMedia(driver == null ? null : driver.volume());
		setMessage(missing);
		setPageComplete(missing == null);
	}

	private static Choice chosen(Combo combo, List<Choice> choices, int offset) {
		int index = combo.getSelectionIndex() - offset;
		return index < 0 || index >= choices.size() ? null : choices.get(index);
	}
}
