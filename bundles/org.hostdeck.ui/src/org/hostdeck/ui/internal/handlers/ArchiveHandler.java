package org.hostdeck.ui.internal.handlers;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.archive.ArchiveException;
import org.hostdeck.core.archive.ArchiveVerifier;
import org.hostdeck.core.archive.Manifest;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.ui.internal.wizards.ExportDialog;
import org.hostdeck.ui.internal.wizards.ImportDialog;

/**
 * Export... (the selected VMs, one job each), Import... (an export folder onto a host) and
 * Verify Export... (every file and chunk of an export against its manifest, as a job). The
 * action is the handler's parameter in plugin.xml.
 */
public class ArchiveHandler extends AbstractHandler implements IExecutableExtension {

	private String action = "EXPORT"; //$NON-NLS-1$

	@Override
	public void setInitializationData(IConfigurationElement config, String property, Object data) {
		if (data instanceof String s) {
			action = s;
		}
	}

	@Override
	public Object execute(ExecutionEvent event) {
		switch (action) {
		case "IMPORT" -> openModeless(new ImportDialog(HandlerUtil.getActiveShell(event))); //$NON-NLS-1$
		case "VERIFY" -> verify(HandlerUtil.getActiveShell(event)); //$NON-NLS-1$
		default -> {
			List<VirtualMachine> vms = VmPowerHandler.selectedVms(HandlerUtil.getCurrentStructuredSelection(event));
			if (!vms.isEmpty()) {
				openModeless(new ExportDialog(HandlerUtil.getActiveShell(event), vms));
			}
		}
		}
		return null;
	}

	/** Opens {@code dialog} without waiting for it (it starts its own jobs), as the wizards do. */
	private static void openModeless(org.eclipse.jface.window.Window dialog) {
		dialog.setBlockOnOpen(false);
		dialog.open();
	}

	private static void verify(org.eclipse.swt.widgets.Shell shell) {
		DirectoryDialog dialog = new DirectoryDialog(shell);
		dialog.setText(Messages.Verify_choose);
		String chosen = dialog.open();
		if (chosen == null) {
			return;
		}
		Path dir = Path.of(chosen);
		String label = NLS.bind(Messages.Verify_label, dir);
		VmJobs.scheduleRecorded(label, dir.toString(), () -> null, monitor -> {
			try {
				Manifest manifest = ArchiveVerifier.verify(dir, monitor);
				return Status.info(NLS.bind(Messages.Verify_ok, new Object[] { dir, manifest.files().size(), manifest.chunks().size() }));
			} catch (ArchiveException e) {
				return Status.error(e.getMessage(), e);
			} catch (java.io.IOException e) {
				return Status.error(dir + ": " + e.getMessage(), e); //$NON-NLS-1$
			}
		});
	}
}
