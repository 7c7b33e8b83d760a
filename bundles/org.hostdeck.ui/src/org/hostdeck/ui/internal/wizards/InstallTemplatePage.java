package org.hostdeck.ui.internal.wizards;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.hostdeck.core.install.Templates;
import org.hostdeck.model.InstallMethod;
import org.hostdeck.model.Template;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.internal.Tables;

/** Install From: the shipped templates and the users' own, each with what it sets up. */
final class InstallTemplatePage extends InstallPage {

	private TableViewer templates;
	private Label about;

	InstallTemplatePage(InstallWizard wizard) {
		super(wizard, "template", Messages.Install_templateTitle, Messages.Install_templateDescription); //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(page);
		templates = new TableViewer(page, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		id(templates.getTable(), TEMPLATES_ID);
		templates.getTable().setHeaderVisible(true);
		Tables.<Template>column(templates, Messages.Install_colTemplate, 300, Template::getName);
		Tables.<Template>column(templates, Messages.Install_colMethod, 120, t -> method(t.getInstallMethod()));
		Tables.<Template>column(templates, Messages.Install_colDefaults, 200,
				t -> t.getVcpus() + " vCPU, " + Sizes.format(t.getMemory()) //$NON-NLS-1$
						+ (t.getDiskCapacity() > 0 ? ", " + Sizes.format(t.getDiskCapacity()) : "")); //$NON-NLS-1$ //$NON-NLS-2$
		templates.setContentProvider(ArrayContentProvider.getInstance());
		List<Template> all = Templates.all(wizard.service);
		templates.setInput(all);
		GridDataFactory.fillDefaults().grab(true, true).hint(620, 180).applyTo(templates.getTable());
		about = label(page, "", 1); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(620, 60).applyTo(about);
		templates.addSelectionChangedListener(e -> chosen((Template) templates.getStructuredSelection().getFirstElement()));
		templates.addDoubleClickListener(e -> getContainer().showPage(getNextPage()));
		setControl(page);
		templates.setSelection(new StructuredSelection(all.get(0)), true);
		templates.getTable().setFocus();
	}

	static String method(InstallMethod method) {
		return switch (method) {
		case NETWORK -> Messages.Install_methodNetwork;
		case DISK_IMAGE -> Messages.Install_methodImage;
		default -> Messages.Install_methodMedia;
		};
	}

	private void chosen(Template template) {
		setPageComplete(template != null);
		if (template != null) {
			wizard.useTemplate(template);
			about.setText(template.getDescription() == null ? "" : template.getDescription()); //$NON-NLS-1$
		}
	}

	@Override
	void show() {
		// the selection is the state
	}
}
