package org.hostdeck.ui.internal.charts;

import java.awt.geom.Rectangle2D;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.event.ChartChangeListener;
import org.jfree.swt.SWTGraphics2D;

/**
 * An SWT canvas showing one JFreeChart: JFreeChart draws itself through SWTGraphics2D onto the
 * paint event's GC, and the canvas repaints whenever the chart or its data changes.
 */
final class ChartCanvas extends Canvas {

	ChartCanvas(Composite parent, JFreeChart chart) {
		super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
		addPaintListener(e -> {
			Rectangle area = getClientArea();
			if (area.width <= 0 || area.height <= 0) {
				return;
			}
			SWTGraphics2D g2 = new SWTGraphics2D(e.gc);
			try {
				chart.draw(g2, new Rectangle2D.Double(0, 0, area.width, area.height));
			} finally {
				g2.dispose(); // the chart's colours and fonts; the GC belongs to the paint event
			}
		});
		ChartChangeListener repaint = event -> {
			if (!isDisposed()) {
				redraw();
			}
		};
		chart.addChangeListener(repaint);
		addDisposeListener(e -> chart.removeChangeListener(repaint));
	}
}
