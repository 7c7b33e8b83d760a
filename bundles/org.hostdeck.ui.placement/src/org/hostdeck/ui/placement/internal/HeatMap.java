package org.hostdeck.ui.placement.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.hostdeck.placement.Plan;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.Resource;

/**
 * Each host's busiest resource hour by hour over a day, from green (idle) through yellow to red
 * (full), dark red past capacity: coinciding peaks stand out as red columns. Shown when the VMs
 * have daily profiles; the tooltip tells the figures of the hour under the mouse.
 */
final class HeatMap extends Canvas {

	private static final int NAME_WIDTH = 130;
	private static final int ROW = 16;
	private static final int HEADER = 16;

	private List<PlacementHost> hosts = List.of();
	private Plan plan;

	HeatMap(Composite parent) {
		super(parent, SWT.DOUBLE_BUFFERED);
		addListener(SWT.Paint, e -> paint(e.gc));
		addListener(SWT.MouseHover, e -> setToolTipText(tip(e.x, e.y)));
		addListener(SWT.MouseMove, e -> setToolTipText(null));
	}

	void show(List<PlacementHost> shownHosts, Plan shownPlan) {
		this.hosts = shownHosts;
		this.plan = shownPlan;
		redraw();
	}

	/** Whether there is a day to show (the VMs have hourly profiles). */
	boolean hasHours() {
		return plan != null && !plan.loads().isEmpty() && plan.loads().values().iterator().next()[0].length > 1;
	}

	/** The busiest resource of host {@code h} at {@code hour}, as a share of its capacity. */
	double share(int h, int hour) {
		PlacementHost host = hosts.get(h);
		double[][] load = plan.loads().get(host.id());
		double max = 0;
		for (Resource r : Resource.values()) {
			if (host.capacity(r) > 0) {
				max = Math.max(max, load[r.ordinal()][hour] / host.capacity(r));
			}
		}
		return max;
	}

	int rows() {
		return hosts.size();
	}

	@Override
	public Point computeSize(int wHint, int hHint, boolean changed) {
		return new Point(NAME_WIDTH + 24 * 20, HEADER + Math.max(1, hosts.size()) * ROW + 2);
	}

	private int cellWidth() {
		return Math.max(8, (getClientArea().width - NAME_WIDTH) / 24);
	}

	private void paint(GC gc) {
		if (!hasHours()) {
			gc.drawText(Messages.Placement_noDay, 4, 4, true);
			return;
		}
		int w = cellWidth();
		for (int t = 0; t < 24; t += 3) {
			gc.drawText(String.format(Locale.ROOT, "%02d", t), NAME_WIDTH + t * w, 0, true); //$NON-NLS-1$
		}
		for (int h = 0; h < hosts.size(); h++) {
			int y = HEADER + h * ROW;
			gc.drawText(hosts.get(h).name(), 2, y, true);
			for (int t = 0; t < 24; t++) {
				Color c = new Color(getDisplay(), color(share(h, t)));
				gc.setBackground(c);
				gc.fillRectangle(NAME_WIDTH + t * w, y + 1, w - 1, ROW - 2);
				c.dispose();
			}
		}
	}

	/** Green at 0, yellow at 0.5, red at 1, dark red past it. */
	static RGB color(double share) {
		if (share > 1) {
			return new RGB(140, 20, 20);
		}
		double s = Math.max(0, share);
		int red = (int) Math.round(s < 0.5 ? 60 + 390 * s : 255);
		int green = (int) Math.round(s < 0.5 ? 180 + 40 * s : 200 - 330 * (s - 0.5));
		return new RGB(Math.min(255, red), Math.max(0, Math.min(255, green)), 60);
	}

	private String tip(int x, int y) {
		if (!hasHours() || x < NAME_WIDTH || y < HEADER) {
			return null;
		}
		int h = (y - HEADER) / ROW;
		int t = (x - NAME_WIDTH) / cellWidth();
		if (h >= hosts.size() || t >= 24) {
			return null;
		}
		PlacementHost host = hosts.get(h);
		double[][] load = plan.loads().get(host.id());
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %02d:00", host.name(), t)); //$NON-NLS-1$
		for (Resource r : Resource.values()) {
			if (host.capacity(r) > 0) {
				text.append(String.format(Locale.ROOT, "\n%s %.0f %%", PlacementView.label(r), //$NON-NLS-1$
						100 * load[r.ordinal()][t] / host.capacity(r)));
			}
		}
		return text.toString();
	}
}
