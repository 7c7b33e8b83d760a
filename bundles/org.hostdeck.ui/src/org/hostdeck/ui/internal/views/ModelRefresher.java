package org.hostdeck.ui.internal.views;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.swt.widgets.Control;
import org.hostdeck.core.inventory.InventoryService;

/**
 * Hears inventory changes on the model's owner thread and turns each burst of them into one
 * refresh on the display thread (skipped once the control is gone), so a sync of thousands of
 * VMs does not flood the UI.
 */
final class ModelRefresher extends EContentAdapter {

	private final Control control;
	private final Predicate<Notification> relevant;
	private final Runnable refresh;
	private final AtomicBoolean pending = new AtomicBoolean();
	private InventoryService service;

	ModelRefresher(Control control, Predicate<Notification> relevant, Runnable refresh) {
		this.control = control;
		this.relevant = relevant;
		this.refresh = refresh;
	}

	void attach(InventoryService inventory) {
		this.service = inventory;
		inventory.modify(i -> i.eAdapters().add(this));
	}

	void detach() {
		if (service != null) {
			service.modify(i -> i.eAdapters().remove(this));
		}
	}

	@Override
	public void notifyChanged(Notification notification) {
		super.notifyChanged(notification);
		if (!notification.isTouch() && relevant.test(notification) && pending.compareAndSet(false, true)
				&& !control.isDisposed()) {
			control.getDisplay().asyncExec(() -> {
				pending.set(false);
				if (!control.isDisposed()) {
					refresh.run();
				}
			});
		}
	}
}
