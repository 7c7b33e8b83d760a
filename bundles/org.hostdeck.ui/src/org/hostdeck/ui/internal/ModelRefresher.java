package org.hostdeck.ui.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.Notifier;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.swt.widgets.Control;
import org.hostdeck.core.inventory.InventoryService;

/**
 * Hears changes of a part of the inventory (an object and everything it contains) on the model's
 * owner thread and turns each burst of them into one refresh on the display thread (skipped once
 * the control is gone), so a sync of thousands of VMs does not flood the UI. Views and editors
 * use it alike.
 */
public final class ModelRefresher extends EContentAdapter {

	private final Control control;
	private final Predicate<Notification> relevant;
	private final Runnable refresh;
	private final AtomicBoolean pending = new AtomicBoolean();
	private InventoryService service;
	private Notifier target;

	public ModelRefresher(Control control, Predicate<Notification> relevant, Runnable refresh) {
		this.control = control;
		this.relevant = relevant;
		this.refresh = refresh;
	}

	/** Starts listening to {@code notifier} and all it contains (on the owner thread). */
	public void attach(InventoryService inventory, Notifier notifier) {
		this.service = inventory;
		this.target = notifier;
		inventory.modify(i -> notifier.eAdapters().add(this));
	}

	public void detach() {
		if (service != null) {
			service.modify(i -> target.eAdapters().remove(this));
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
