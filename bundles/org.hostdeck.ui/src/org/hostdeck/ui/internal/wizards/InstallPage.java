package org.hostdeck.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.ui.WidgetIds;

/**
 * A page of the {@link InstallWizard}: shows the shared request when it becomes visible
 * ({@link #show()}) and writes every change back into it at once.
 */
abstract class InstallPage extends WizardPage {

	static final String TEMPLATES_ID = "install.templates"; //$NON-NLS-1$
	static final String NAME_ID = "install.name"; //$NON-NLS-1$
	static final String DESCRIPTION_ID = "install.description"; //$NON-NLS-1$
	static final String SOURCE_NETWORK_ID = "install.sourceNetwork"; //$NON-NLS-1$
	static final String SOURCE_MEDIA_ID = "install.sourceMedia"; //$NON-NLS-1$
	static final String SOURCE_UPLOAD_ID = "install.sourceUpload"; //$NON-NLS-1$
	static final String SOURCE_IMAGE_ID = "install.sourceImage"; //$NON-NLS-1$
	static final String URL_ID = "install.url"; //$NON-NLS-1$
	static final String KERNEL_ARGS_ID = "install.kernelArgs"; //$NON-NLS-1$
	static final String ISO_ID = "install.iso"; //$NON-NLS-1$
	static final String FILE_ID = "install.file"; //$NON-NLS-1$
	static final String IMAGE_ID = "install.image"; //$NON-NLS-1$
	static final String DRIVERS_ID = "install.drivers"; //$NON-NLS-1$
	static final String HOSTS_ID = "install.hosts"; //$NON-NLS-1$
	static final String VCPUS_ID = "install.vcpus"; //$NON-NLS-1$
	static final String MEMORY_ID = "install.memory"; //$NON-NLS-1$
	static final String WEIGHT_ID = "install.weight"; //$NON-NLS-1$
	static final String SHARES_ID = "install.shares"; //$NON-NLS-1$
	static final String AUTOSTART_ID = "install.autostart"; //$NON-NLS-1$
	static final String VIRTIO_ID = "install.virtio"; //$NON-NLS-1$
	static final String DISKS_ID = "install.disks"; //$NON-NLS-1$
	static final String STORAGE_NOTE_ID = "install.storageNote"; //$NON-NLS-1$
	static final String ADD_DISK_ID = "install.addDisk"; //$NON-NLS-1$
	static final String REMOVE_DISK_ID = "install.removeDisk"; //$NON-NLS-1$
	static final String DISK_SIZE_ID = "install.diskSize"; //$NON-NLS-1$
	static final String DISK_POOL_ID = "install.diskPool"; //$NON-NLS-1$
	static final String DISK_FORMAT_ID = "install.diskFormat"; //$NON-NLS-1$
	static final String NICS_ID = "install.nics"; //$NON-NLS-1$
	static final String ADD_NIC_ID = "install.addNic"; //$NON-NLS-1$
	static final String REMOVE_NIC_ID = "install.removeNic"; //$NON-NLS-1$
	static final String NIC_NETWORK_ID = "install.nicNetwork"; //$NON-NLS-1$
	static final String SUMMARY_ID = "install.summary"; //$NON-NLS-1$
	static final String START_NOW_ID = "install.startNow"; //$NON-NLS-1$
	static final String CHECKS_ID = "install.checks"; //$NON-NLS-1$

	protected final InstallWizard wizard;

	InstallPage(InstallWizard wizard, String name, String title, String description) {
		super(name);
		this.wizard = wizard;
		setTitle(title);
		setDescription(description);
	}

	@Override
	public void setVisible(boolean visible) {
		if (visible) {
			show();
		}
		super.setVisible(visible);
	}

	/** Fills the widgets from the request (and the chosen host). */
	abstract void show();

	static <T extends Control> T id(T control, String id) {
		control.setData(WidgetIds.KEY, id);
		return control;
	}

	static Label label(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().span(span, 1).grab(span > 1, false).applyTo(label);
		return label;
	}

	static Text text(Composite parent, String id, int style) {
		Text text = id(new Text(parent, SWT.BORDER | style), id);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
		return text;
	}

	static Combo combo(Composite parent, String id) {
		Combo combo = id(new Combo(parent, SWT.READ_ONLY), id);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
		return combo;
	}

	static Spinner spinner(Composite parent, String id, int min, int max) {
		Spinner spinner = id(new Spinner(parent, SWT.BORDER), id);
		spinner.setValues(min, min, max, 0, 1, 10);
		GridDataFactory.fillDefaults().hint(100, SWT.DEFAULT).applyTo(spinner);
		return spinner;
	}

	static Button button(Composite parent, int style, String text, String id) {
		Button button = id(new Button(parent, style), id);
		button.setText(text);
		return button;
	}
}
