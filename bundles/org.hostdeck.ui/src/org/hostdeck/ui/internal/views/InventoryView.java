package org.hostdeck.ui.internal.views;


import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.hostdeck.model.PowerState;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.contexts.IContextService;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.services.IEvaluationService;
import org.hostdeck.core.inventory.InventoryService;
import org.hostdeck.model.Inventory;
import org.hostdeck.ui.WidgetIds;
import org.hostdeck.ui.internal.InventoryHolder;
import org.hostdeck.ui.internal.ModelRefresher;

/**
 * The tree of hosts, their VMs, storage and networks. It follows the model: changes (made on the
 * inventory's owner thread) are coalesced into one refresh on the display thread.
 */
public class InventoryView extends ViewPart {

	/** The view's id, as declared in plugin.xml. */
	public static final String ID = "org.hostdeck.ui.views.inventory"; //$NON-NLS-1$

	/** Key-binding context active while the view is. */
	public static final String CONTEXT_ID = "org.hostdeck.ui.inventoryContext"; //$NON-NLS-1$

	/** Test ids of the filter text and the power-state choice. */
	public static final String FILTER_TEXT_ID = "inventory.filter"; //$NON-NLS-1$
	public static final String FILTER_STATE_ID = "inventory.stateFilter"; //$NON-NLS-1$
	public static final String FILTER_TAG_ID = "inventory.tagFilter"; //$NON-NLS-1$

	private static final PowerState[] STATE_CHOICES = { null, PowerState.RUNNING, PowerState.SHUT_OFF, PowerState.PAUSED };

	/** Test id of the inventory tree. */
	public static final String TREE_ID = "inventory.tree"; //$NON-NLS-1$

	private TreeViewer viewer;
	private Label empty;
	private InventoryService service;
	private ModelRefresher refresher;
	private FolderDropAdapter dropAdapter;
	private Text search;
	private Combo stateFilter;
	private Combo tagFilter;
	private final InventoryFilter filter = new InventoryFilter();
	private InventoryContentProvider content;

	@Override
	public void createPartControl(Composite parent) {
		service = InventoryHolder.get();
		Composite body = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		body.setLayout(layout);
		Composite filters = new Composite(body, SWT.NONE);
		GridLayout filterLayout = new GridLayout(3, false);
		filterLayout.marginHeight = 2;
		filters.setLayout(filterLayout);
		filters.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		search = new Text(filters, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		search.setMessage(Messages.InventoryView_filterHint);
		search.setData(WidgetIds.KEY, FILTER_TEXT_ID);
		search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		stateFilter = new Combo(filters, SWT.READ_ONLY);
		stateFilter.setItems(Messages.InventoryView_allStates, Messages.PowerState_running, Messages.PowerState_shutOff,
				Messages.PowerState_paused);
		stateFilter.select(0);
		stateFilter.setData(WidgetIds.KEY, FILTER_STATE_ID);
		tagFilter = new Combo(filters, SWT.READ_ONLY);
		tagFilter.setData(WidgetIds.KEY, FILTER_TAG_ID);
		tagFilter.setItems(Messages.InventoryView_allTags);
		tagFilter.select(0);
		empty = new Label(body, SWT.WRAP);
		empty.setText(Messages.InventoryView_noHosts);
		empty.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		content = new InventoryContentProvider(filter);
		viewer = InventoryTreeViewer.create(body, SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL, content);
		viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		viewer.getTree().setData(WidgetIds.KEY, TREE_ID);
		viewer.setUseHashlookup(true);
		viewer.setContentProvider(content);
		search.addListener(SWT.Modify, e -> applyFilter());
		stateFilter.addListener(SWT.Selection, e -> applyFilter());
		tagFilter.addListener(SWT.Selection, e -> applyFilter());
		viewer.setLabelProvider(new InventoryLabelProvider());
		getSite().setSelectionProvider(viewer);
		MenuManager menu = new MenuManager();
		menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
		viewer.getTree().setMenu(menu.createContextMenu(viewer.getTree()));
		getSite().registerContextMenu(ID, menu, viewer);
		getSite().getService(IContextService.class).activateContext(CONTEXT_ID);
		org.eclipse.swt.dnd.Transfer[] local = { org.eclipse.jface.util.LocalSelectionTransfer.getTransfer() };
		viewer.addDragSupport(FolderDropAdapter.operations(), local, new org.eclipse.swt.dnd.DragSourceAdapter() {
			@Override
			public void dragStart(org.eclipse.swt.dnd.DragSourceEvent event) {
				var selection = viewer.getStructuredSelection();
				event.doit = Folders.accepts(selection.toList());
				org.eclipse.jface.util.LocalSelectionTransfer.getTransfer().setSelection(selection);
			}

			@Override
			public void dragSetData(org.eclipse.swt.dnd.DragSourceEvent event) {
				event.data = org.eclipse.jface.util.LocalSelectionTransfer.getTransfer().getSelection();
			}
		});
		dropAdapter = new FolderDropAdapter(viewer, service);
		viewer.addDropSupport(FolderDropAdapter.operations(), local, dropAdapter);
		viewer.addDoubleClickListener(e -> {
			Object element = viewer.getStructuredSelection().getFirstElement();
			if (element instanceof org.hostdeck.model.VirtualMachine vm) {
				openEditor(vm);
			} else if (element instanceof org.hostdeck.model.Host host) {
				openEditor(host);
			} else if (element != null) {
				viewer.setExpandedState(element, !viewer.getExpandedState(element));
			}
		});

		Inventory inventory = service.inventory();
		refresher = new ModelRefresher(viewer.getControl(), n -> true, this::refresh);
		refresher.attach(service, service.inventory());
		viewer.setInput(inventory);
		updateEmptyHint();
	}

	private void applyFilter() {
		String tag = tagFilter.getSelectionIndex() <= 0 ? null : tagFilter.getItem(tagFilter.getSelectionIndex());
		if (filter.set(search.getText(), STATE_CHOICES[Math.max(0, stateFilter.getSelectionIndex())], tag)) {
			content.invalidate();
			viewer.refresh();
			if (filter.active()) {
				viewer.expandToLevel(2);
			}
		}
	}

	/** The tag choice lists the inventory's tags; the chosen one stays chosen while it exists. */
	private void updateTagChoices() {
		java.util.List<String> names = new java.util.ArrayList<>();
		names.add(Messages.InventoryView_allTags);
		service.inventory().getTags().stream().map(org.hostdeck.model.Tag::getName).sorted(String.CASE_INSENSITIVE_ORDER)
				.forEach(names::add);
		if (!names.equals(java.util.Arrays.asList(tagFilter.getItems()))) {
			String chosen = tagFilter.getText();
			tagFilter.setItems(names.toArray(String[]::new));
			tagFilter.select(Math.max(0, names.indexOf(chosen)));
			tagFilter.getParent().layout();
			applyFilter();
		}
	}

	private void refresh() {
		updateTagChoices();
		content.invalidate();
		viewer.refresh();
		updateEmptyHint();
		// VM and host states changed: commands enabled by them must be evaluated again
		IEvaluationService evaluation = getSite().getService(IEvaluationService.class);
		evaluation.requestEvaluation("org.hostdeck.ui.vm.canPower"); //$NON-NLS-1$
		evaluation.requestEvaluation("org.hostdeck.ui.vm.canDelete"); //$NON-NLS-1$
		evaluation.requestEvaluation("org.hostdeck.ui.host.canConnect"); //$NON-NLS-1$
		evaluation.requestEvaluation("org.hostdeck.ui.host.canDisconnect"); //$NON-NLS-1$
	}

	private void updateEmptyHint() {
		boolean none = service.inventory().getHosts().isEmpty();
		if (empty.getVisible() == none) {
			return;
		}
		empty.setVisible(none);
		((GridData) empty.getLayoutData()).exclude = !none;
		empty.getParent().layout();
	}

	/** Opens (or brings up) the editor of {@code vm}. */
	public org.eclipse.ui.IEditorPart openEditor(org.hostdeck.model.VirtualMachine vm) {
		return openEditor(new org.hostdeck.ui.internal.editors.VmEditorInput(vm), org.hostdeck.ui.internal.editors.VmEditor.ID);
	}

	/** Opens (or brings up) the editor of {@code host}. */
	public org.eclipse.ui.IEditorPart openEditor(org.hostdeck.model.Host host) {
		return openEditor(new org.hostdeck.ui.internal.editors.HostEditorInput(host), org.hostdeck.ui.internal.editors.HostEditor.ID);
	}

	private org.eclipse.ui.IEditorPart openEditor(org.eclipse.ui.IEditorInput input, String editorId) {
		try {
			return getSite().getPage().openEditor(input, editorId);
		} catch (org.eclipse.ui.PartInitException e) {
			org.eclipse.ui.statushandlers.StatusManager.getManager().handle(e.getStatus(),
					org.eclipse.ui.statushandlers.StatusManager.SHOW | org.eclipse.ui.statushandlers.StatusManager.LOG);
			return null;
		}
	}

	/** Drops {@code objects} on {@code folder} (a folder, or a host for VMs) as a drag and drop in the tree does. */
	public boolean drop(java.util.List<?> objects, Object folder) {
		org.eclipse.jface.util.LocalSelectionTransfer.getTransfer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(objects));
		return dropAdapter.validateDrop(folder, org.eclipse.swt.dnd.DND.DROP_MOVE,
				org.eclipse.jface.util.LocalSelectionTransfer.getTransfer().getSupportedTypes()[0])
				&& dropAdapter.performDropOn(folder, new org.eclipse.jface.viewers.StructuredSelection(objects));
	}

	public TreeViewer getViewer() {
		return viewer;
	}

	@Override
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Override
	public void dispose() {
		if (refresher != null) {
			refresher.detach();
		}
		super.dispose();
	}
}
