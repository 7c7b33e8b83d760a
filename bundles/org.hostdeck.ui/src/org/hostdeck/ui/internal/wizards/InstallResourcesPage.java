package org.hostdeck.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.Templates;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.Host;
import org.hostdeck.model.HypervisorType;
import org.hostdeck.model.util.Sizes;

/**
 * CPU and memory: vCPUs (up to the host's CPUs), initial memory (the host's free memory shown),
 * CPU weight Low/Normal/High or a number, start on host boot, and paravirtual devices.
 */
final class InstallResourcesPage extends InstallPage {

	/** Custom (numeric) weight's index in the weight combo. */
	private static final int CUSTOM = 3;
	private static final CpuWeight[] WEIGHTS = { CpuWeight.LOW, CpuWeight.NORMAL, CpuWeight.HIGH };

	private Spinner vcpus;
	private Label cpusNote;
	private Spinner memory;
	private Label memoryNote;
	private Combo weight;
	private Spinner shares;
	private Button autostart;
	private Button virtio;
	private boolean filling;

	InstallResourcesPage(InstallWizard wizard) {
		super(wizard, "resources", Messages.Install_resourcesTitle, Messages.Install_resourcesDescription); //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
		label(page, Messages.Install_vcpus, 1);
		vcpus = spinner(page, VCPUS_ID, 1, 1024);
		cpusNote = label(page, "", 1); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(cpusNote);
		label(page, Messages.Install_memory, 1);
		memory = spinner(page, MEMORY_ID, 16, 16 * 1024 * 1024);
		memory.setIncrement(256);
		memoryNote = label(page, "", 1); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(memoryNote);
		label(page, Messages.Install_weight, 1);
		weight = id(new Combo(page, SWT.READ_ONLY), WEIGHT_ID);
		weight.setItems(Messages.Install_weightLow, Messages.Install_weightNormal, Messages.Install_weightHigh, Messages.Install_weightCustom);
		shares = spinner(page, SHARES_ID, 2, 262144);
		autostart = button(page, SWT.CHECK, Messages.Install_autostart, AUTOSTART_ID);
		GridDataFactory.fillDefaults().span(3, 1).indent(0, 8).applyTo(autostart);
		virtio = button(page, SWT.CHECK, Messages.Install_virtio, VIRTIO_ID);
		GridDataFactory.fillDefaults().span(3, 1).applyTo(virtio);
		label(page, Messages.Install_virtioNote, 3);

		vcpus.addListener(SWT.Modify, e -> write());
		memory.addListener(SWT.Modify, e -> write());
		weight.addListener(SWT.Selection, e -> write());
		shares.addListener(SWT.Modify, e -> write());
		autostart.addListener(SWT.Selection, e -> write());
		virtio.addListener(SWT.Selection, e -> write());
		setControl(page);
	}

	/** What the page shows of the chosen host (a nested record: ECJ emits a bad stack map for a local one here). */
	private record Look(int cpus, long free, long total, HypervisorType hypervisor) {
	}

	@Override
	void show() {
		InstallRequest r = wizard.request();
		Host host = wizard.host();
		Look look = host == null ? new Look(1024, -1, -1, HypervisorType.KVM)
				: wizard.service.query(i -> new Look(org.hostdeck.core.operations.InstallVmOperation.cpus(host), host.getMemoryFree(), host.getMemoryTotal(), host.getHypervisorType()));
		filling = true;
		try {
			vcpus.setMaximum(look.cpus());
			vcpus.setSelection(Math.min(r.vcpus(), look.cpus()));
			cpusNote.setText(NLS.bind(Messages.Install_cpusNote, look.cpus()));
			memory.setSelection((int) (r.memory() >> 20));
			memoryNote.setText(look.free() < 0 ? "" : NLS.bind(Messages.Install_memoryNote, Sizes.format(look.free()), Sizes.format(look.total()))); //$NON-NLS-1$
			if (r.cpuShares() > 0) {
				weight.select(CUSTOM);
				shares.setSelection(r.cpuShares());
			} else {
				weight.select(r.cpuWeight() == CpuWeight.LOW ? 0 : r.cpuWeight() == CpuWeight.HIGH ? 2 : 1);
				shares.setSelection(Templates.shares(r.cpuWeight(), look.hypervisor()));
			}
			shares.setEnabled(weight.getSelectionIndex() == CUSTOM);
			autostart.setSelection(r.autostart());
			virtio.setSelection(r.virtio());
			virtio.setEnabled(!wizard.paravirtualFixed());
		} finally {
			filling = false;
		}
		write();
		vcpus.setFocus();
	}

	private void write() {
		if (filling) {
			return;
		}
		InstallRequest r = wizard.request();
		r.vcpus(vcpus.getSelection()).memory((long) memory.getSelection() << 20).autostart(autostart.getSelection())
				.virtio(virtio.getSelection());
		int w = weight.getSelectionIndex();
		shares.setEnabled(w == CUSTOM);
		if (w == CUSTOM) {
			r.cpuShares(shares.getSelection());
		} else if (w >= 0) {
			r.cpuWeight(WEIGHTS[w]);
		}
	}
}
