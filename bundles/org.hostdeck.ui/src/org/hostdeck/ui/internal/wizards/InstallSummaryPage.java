package org.hostdeck.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.InstallRequest.DiskImage;
import org.hostdeck.core.install.InstallRequest.Media;
import org.hostdeck.core.install.InstallRequest.MediaUpload;
import org.hostdeck.core.install.InstallRequest.NetworkTree;
import org.hostdeck.core.install.InstallRequest.NewDisk;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.Host;
import org.hostdeck.model.util.Sizes;

/**
 * Ready to install: what will be made, "start now", and the pre-checks' verdict (run in the
 * background on the host and the install server); Finish only when they pass.
 */
final class InstallSummaryPage extends InstallPage {

	private final AtomicInteger generation = new AtomicInteger();
	private Text summary;
	private Button startNow;
	private Text checks;

	InstallSummaryPage(InstallWizard wizard) {
		super(wizard, "summary", Messages.Install_summaryTitle, Messages.Install_summaryDescription); //$NON-NLS-1$
		setPageComplete(false);
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(page);
		summary = id(new Text(page, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL), SUMMARY_ID);
		GridDataFactory.fillDefaults().grab(true, true).hint(600, 150).applyTo(summary);
		startNow = button(page, SWT.CHECK, wizard.startNowLabel(), START_NOW_ID);
		startNow.addListener(SWT.Selection, e -> {
			wizard.request().startNow(startNow.getSelection());
			check();
		});
		label(page, Messages.Install_checks, 1);
		checks = id(new Text(page, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER | SWT.V_SCROLL), CHECKS_ID);
		GridDataFactory.fillDefaults().grab(true, true).hint(600, 90).applyTo(checks);
		setControl(page);
	}

	@Override
	void show() {
		InstallRequest r = wizard.finalRequest();
		startNow.setSelection(r.startNow());
		summary.setText(String.join("\n", wizard.summary())); //$NON-NLS-1$
		check();
		startNow.setFocus();
	}

	static List<String> describe(InstallWizard wizard, InstallRequest r) {
		Host host = wizard.host();
		List<String> lines = new ArrayList<>();
		lines.add(NLS.bind(Messages.Install_sumVm, new Object[] { r.name(), host == null ? "?" : wizard.service.query(i -> host.getName()), //$NON-NLS-1$
				r.template() }));
		lines.add(NLS.bind(Messages.Install_sumResources, new Object[] { r.vcpus(), Sizes.format(r.memory()),
				r.cpuShares() > 0 ? Integer.toString(r.cpuShares()) : r.cpuWeight().getLiteral().toLowerCase(java.util.Locale.ROOT),
				r.autostart() ? Messages.Install_yes : Messages.Install_no }));
		InstallRequest.Source s = r.source();
		String source = s instanceof NetworkTree t ? NLS.bind(Messages.Install_sumNetwork, t.url())
				: s instanceof Media m ? NLS.bind(Messages.Install_sumMedia, m.iso())
						: s instanceof MediaUpload u ? NLS.bind(Messages.Install_sumUpload, u.file(), u.pool())
								: s instanceof DiskImage d ? NLS.bind(Messages.Install_sumImage, d.image()) : "?"; //$NON-NLS-1$
		lines.add(source);
		if (r.driversMedia() != null) {
			lines.add(NLS.bind(Messages.Install_sumDrivers, r.driversMedia()));
		}
		for (int d = 0; d < r.disks().size(); d++) {
			NewDisk disk = r.disks().get(d);
			lines.add(NLS.bind(Messages.Install_sumDisk, new Object[] { InstallVmOperation.volumeName(r.name(), d, disk.format()),
					Sizes.format(disk.capacity()), disk.pool() }));
		}
		for (int n = 0; n < r.networks().size(); n++) {
			lines.add(NLS.bind(Messages.Install_sumNic, n + 1, r.networks().get(n)));
		}
		lines.add(r.virtio() ? Messages.Install_sumVirtio : Messages.Install_sumEmulated);
		return lines;
	}

	/** Runs the pre-checks in the background; a newer run makes an older one's verdict moot. */
	private void check() {
		setPageComplete(false);
		Host host = wizard.host();
		if (host == null) {
			checks.setText(Messages.Install_noHost);
			return;
		}
		int mine = generation.incrementAndGet();
		java.util.function.Supplier<InstallVmOperation.Precheck> op = wizard.prechecks();
		checks.setText(Messages.Install_checking);
		setErrorMessage(null);
		HostTable.background(Messages.Install_checking, checks, () -> {
			InstallVmOperation.Precheck verdict = op.get();
			return () -> show(mine, verdict);
		});
	}

	private void show(int mine, InstallVmOperation.Precheck verdict) {
		if (mine != generation.get()) {
			return;
		}
		List<String> lines = new ArrayList<>(verdict.errors());
		lines.addAll(verdict.warnings());
		if (verdict.ok()) {
			lines.add(0, Messages.Install_allPassed);
			setErrorMessage(null);
			setMessage(verdict.warnings().isEmpty() ? null : verdict.warnings().get(0), WARNING);
		} else {
			setErrorMessage(NLS.bind(Messages.Install_refused, verdict.errors().size()));
		}
		checks.setText(String.join("\n", lines)); //$NON-NLS-1$
		setPageComplete(verdict.ok());
	}
}
