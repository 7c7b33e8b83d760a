package org.hostdeck.ui.internal.handlers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.handlers.HandlerUtil;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.NamedElement;
import org.hostdeck.model.Tag;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.views.Tags;

/** Tags...: check the tags the selected hosts and VMs carry; new tags can be made on the spot. */
public class TagsHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		List<NamedElement> objects = HandlerUtil.getCurrentStructuredSelection(event).stream()
				.filter(o -> o instanceof org.hostdeck.model.VirtualMachine || o instanceof org.hostdeck.model.Host)
				.map(NamedElement.class::cast).toList();
		if (!objects.isEmpty()) {
			new TagsDialog(HandlerUtil.getActiveShell(event), InventoryHolder.get(), objects).open();
		}
		return null;
	}

	/** The tags with a check each (grey: some of the objects carry it), and a field for a new one. */
	public static final class TagsDialog extends TitleAreaDialog {
		private final InventoryService service;
		private final List<NamedElement> objects;
		private Table table;
		private Text name;
		private Button add;

		TagsDialog(Shell parent, InventoryService service, List<NamedElement> objects) {
			super(parent);
			this.service = service;
			this.objects = objects;
		}

		@Override
		protected void configureShell(Shell shell) {
			super.configureShell(shell);
			shell.setText(Messages.Tags_title);
		}

		@Override
		protected Control createDialogArea(Composite parent) {
			Composite area = (Composite) super.createDialogArea(parent);
			setTitle(objects.size() == 1 ? NLS.bind(Messages.Tags_headingOne, objects.get(0).getName())
					: NLS.bind(Messages.Tags_headingMany, objects.size()));
			setMessage(Messages.Tags_message);
			Composite body = new Composite(area, SWT.NONE);
			GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
			GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(body);
			table = new Table(body, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
			table.setData(WidgetIds.KEY, "tags.table"); //$NON-NLS-1$
			GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(260, 160).applyTo(table);
			// a click on a grey (mixed) check makes it a plain one: off for all, then on for all
			table.addListener(SWT.Selection, e -> {
				if (e.detail == SWT.CHECK) {
					((TableItem) e.item).setGrayed(false);
				}
			});
			List<Tag> tags = new ArrayList<>(service.inventory().getTags());
			tags.sort(Comparator.comparing(Tag::getName, String.CASE_INSENSITIVE_ORDER));
			for (Tag tag : tags) {
				long carrying = objects.stream().filter(o -> o.getTags().contains(tag)).count();
				row(tag, carrying > 0, carrying > 0 && carrying < objects.size());
			}
			name = new Text(body, SWT.BORDER);
			name.setData(WidgetIds.KEY, "tags.name"); //$NON-NLS-1$
			name.setMessage(Messages.Tags_newHint);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
			add = new Button(body, SWT.PUSH);
			add.setText(Messages.Tags_add);
			add.setEnabled(false);
			name.addListener(SWT.Modify, e -> {
				String problem = name.getText().isEmpty() ? null : Tags.problem(service, name.getText());
				setErrorMessage(problem);
				add.setEnabled(!name.getText().isBlank() && problem == null);
			});
			add.addListener(SWT.Selection, e -> {
				row(Tags.create(service, name.getText()), true, false);
				name.setText(""); //$NON-NLS-1$
			});
			return area;
		}

		private void row(Tag tag, boolean checked, boolean grayed) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(tag.getName());
			item.setData(tag);
			item.setChecked(checked);
			item.setGrayed(grayed);
		}

		@Override
		protected void createButtonsForButtonBar(Composite parent) {
			createButton(parent, IDialogConstants.OK_ID, Messages.Tags_apply, true);
			createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		}

		@Override
		protected void okPressed() {
			List<Tag> on = new ArrayList<>();
			List<Tag> off = new ArrayList<>();
			for (TableItem item : table.getItems()) {
				if (item.getGrayed() && item.getChecked()) {
					continue; // mixed and left alone: each object keeps what it has
				}
				(item.getChecked() ? on : off).add((Tag) item.getData());
			}
			Tags.apply(service, objects, on, off);
			super.okPressed();
		}
	}
}
