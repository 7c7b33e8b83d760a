package org.hostdeck.ui.internal.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.hostdeck.core.inventory.PerformanceArchive.Resolution;
import org.hostdeck.core.inventory.PerformanceArchive.Sample;
import org.hostdeck.core.inventory.PerformanceSampler;
import org.hostdeck.model.Host;
import org.hostdeck.model.NamedElement;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.util.Sizes;
import org.hostdeck.ui.WidgetIds;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * CPU, memory, disk and network graphs of one VM or host from the background sampler, at a
 * resolution the user picks (last 10 minutes, 2 hours, week, year). Used by the Performance view
 * and the host editor's Utilization page. Redraws at most once per batch of new samples and
 * reads only the sampler, never the hypervisor.
 */
public final class PerformanceCharts extends Composite {

	/** The four graphs. */
	public enum Kind {
		CPU, MEMORY, DISK, NETWORK
	}

	private static final Color[] COLOURS = { new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x61, 0x0b) };

	private final PerformanceSampler sampler;
	private final Label heading;
	private final Combo resolutionCombo;
	private final Chart[] charts = new Chart[Kind.values().length];
	private final AtomicBoolean updateScheduled = new AtomicBoolean();
	private final Runnable samplerListener = this::scheduleUpdate;
	private EObject target;
	private Resolution resolution = Resolution.RECENT;
	private String datePattern;

	public PerformanceCharts(Composite parent, PerformanceSampler sampler) {
		super(parent, SWT.NONE);
		this.sampler = sampler;
		GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).margins(4, 4).applyTo(this);

		Composite header = new Composite(this, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(header);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(header);
		heading = new Label(header, SWT.NONE);
		heading.setData(WidgetIds.KEY, "performance.heading"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(heading);
		Label show = new Label(header, SWT.NONE);
		show.setText(Messages.PerformanceCharts_show);
		resolutionCombo = new Combo(header, SWT.READ_ONLY);
		resolutionCombo.setData(WidgetIds.KEY, "performance.resolution"); //$NON-NLS-1$
		for (Resolution r : Resolution.values()) {
			resolutionCombo.add(r.label());
		}
		resolutionCombo.select(0);
		resolutionCombo.addListener(SWT.Selection, e -> {
			resolution = Resolution.values()[resolutionCombo.getSelectionIndex()];
			refresh();
		});

		FontData system = getFont().getFontData()[0];
		String family = system.getName();
		int size = Math.max(8, system.getHeight());
		charts[Kind.CPU.ordinal()] = new Chart(Kind.CPU, Messages.PerformanceCharts_cpu, family, size,
				new DecimalFormat("0'%'"), new String[] { Messages.PerformanceCharts_cpu }, //$NON-NLS-1$
				List.of(Sample::cpuPercent));
		charts[Kind.MEMORY.ordinal()] = new Chart(Kind.MEMORY, Messages.PerformanceCharts_memory, family, size,
				new ByteFormat(""), new String[] { Messages.PerformanceCharts_memory }, //$NON-NLS-1$
				List.of(s -> s.memory()));
		charts[Kind.DISK.ordinal()] = new Chart(Kind.DISK, Messages.PerformanceCharts_disk, family, size,
				new ByteFormat("/s"), new String[] { Messages.PerformanceCharts_read, Messages.PerformanceCharts_write }, //$NON-NLS-1$
				List.of(Sample::diskReadBps, Sample::diskWriteBps));
		charts[Kind.NETWORK.ordinal()] = new Chart(Kind.NETWORK, Messages.PerformanceCharts_network, family, size,
				new ByteFormat("/s"), new String[] { Messages.PerformanceCharts_received, Messages.PerformanceCharts_sent }, //$NON-NLS-1$
				List.of(Sample::netRxBps, Sample::netTxBps));
		charts[Kind.CPU.ordinal()].plot().getRangeAxis().setRange(0, 101); // a line at 100 % stays clear of the frame

		sampler.addListener(samplerListener);
		addDisposeListener(e -> sampler.removeListener(samplerListener));
		show(null);
	}

	/** Shows the graphs of a VM or a host; {@code null} shows none. */
	public void show(EObject vmOrHost) {
		checkWidget();
		target = vmOrHost instanceof VirtualMachine || vmOrHost instanceof Host ? vmOrHost : null;
		refresh();
	}

	public EObject target() {
		return target;
	}

	public void setResolution(Resolution value) {
		checkWidget();
		resolutionCombo.select(value.ordinal());
		resolution = value;
		refresh();
	}

	/** How many points the graph of {@code kind} shows now. */
	public int pointCount(Kind kind) {
		return charts[kind.ordinal()].series[0].getItemCount();
	}

	/** The newest values of the graph of {@code kind}, as the chart's subtitle shows them. */
	public String latest(Kind kind) {
		return charts[kind.ordinal()].latest.getText();
	}

	public String heading() {
		return heading.getText();
	}

	private void scheduleUpdate() {
		if (!isDisposed() && updateScheduled.compareAndSet(false, true)) {
			getDisplay().asyncExec(() -> {
				updateScheduled.set(false);
				if (!isDisposed()) {
					refresh();
				}
			});
		}
	}

	/** Reads the sampler again and redraws. */
	public void refresh() {
		checkWidget();
		List<Sample> samples = target == null ? List.of() : sampler.samples(target, resolution);
		String text;
		if (target == null) {
			text = Messages.PerformanceCharts_nothing;
		} else {
			String name = ((NamedElement) target).getName();
			String every = sampler.interval().toMillis() % 1000 == 0 ? sampler.interval().toSeconds() + " s" //$NON-NLS-1$
					: sampler.interval().toMillis() + " ms"; //$NON-NLS-1$
			text = target instanceof Host ? org.eclipse.osgi.util.NLS.bind(Messages.PerformanceCharts_host, name, every)
					: org.eclipse.osgi.util.NLS.bind(Messages.PerformanceCharts_vm, name, every);
		}
		if (!text.equals(heading.getText())) {
			heading.setText(text);
			heading.getParent().layout();
		}
		String pattern = switch (resolution) {
		case RECENT -> sampler.interval().toMillis() < 1000 ? "HH:mm:ss.S" : "HH:mm:ss"; //$NON-NLS-1$ //$NON-NLS-2$
		case MINUTES -> "HH:mm"; //$NON-NLS-1$
		case HOURS -> "EEE HH:mm"; //$NON-NLS-1$
		case DAYS -> "d MMM"; //$NON-NLS-1$
		};
		boolean newPattern = !pattern.equals(datePattern);
		datePattern = pattern;
		for (Chart chart : charts) {
			if (newPattern) {
				((DateAxis) chart.plot().getDomainAxis()).setDateFormatOverride(new java.text.SimpleDateFormat(pattern));
			}
			chart.set(samples);
		}
	}

	/** One graph: its series, its newest values line and its canvas. */
	private final class Chart {
		private final Kind kind;
		private final TimeSeries[] series;
		private final List<ToDoubleFunction<Sample>> values;
		private final NumberFormat format;
		private final TextTitle latest;
		private final JFreeChart chart;

		Chart(Kind kind, String title, String family, int size, NumberFormat format, String[] names,
				List<ToDoubleFunction<Sample>> values) {
			this.kind = kind;
			this.values = values;
			this.format = format;
			TimeSeriesCollection data = new TimeSeriesCollection();
			series = new TimeSeries[names.length];
			for (int i = 0; i < names.length; i++) {
				series[i] = new TimeSeries(names[i]);
				data.addSeries(series[i]);
			}
			chart = ChartFactory.createTimeSeriesChart(null, null, null, data, names.length > 1, false, false);
			RGB bg = getBackground().getRGB();
			chart.setBackgroundPaint(new Color(bg.red, bg.green, bg.blue));
			chart.setTitle(new TextTitle(title, new Font(family, Font.BOLD, size)));
			latest = new TextTitle("", new Font(family, Font.PLAIN, size)); //$NON-NLS-1$
			chart.addSubtitle(latest);
			if (chart.getLegend() != null) {
				chart.getLegend().setItemFont(new Font(family, Font.PLAIN, size));
				chart.getLegend().setBackgroundPaint(chart.getBackgroundPaint());
			}
			XYPlot plot = chart.getXYPlot();
			plot.setBackgroundPaint(Color.WHITE);
			plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
			plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
			plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
			plot.setNoDataMessage(Messages.PerformanceCharts_noData);
			plot.setNoDataMessageFont(new Font(family, Font.ITALIC, size));
			XYItemRenderer renderer = plot.getRenderer();
			for (int i = 0; i < names.length; i++) {
				renderer.setSeriesPaint(i, COLOURS[i]);
				renderer.setSeriesStroke(i, new BasicStroke(1.5f));
			}
			NumberAxis axis = (NumberAxis) plot.getRangeAxis();
			axis.setTickLabelFont(new Font(family, Font.PLAIN, size - 1));
			axis.setNumberFormatOverride(format);
			axis.setAutoRangeIncludesZero(true);
			if (format instanceof ByteFormat) {
				TickUnits units = new TickUnits();
				for (long scale = 1; scale <= Sizes.TIB; scale *= 1024) {
					for (int m : new int[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512 }) {
						units.add(new NumberTickUnit((double) scale * m, format));
					}
				}
				axis.setStandardTickUnits(units);
			}
			DateAxis time = (DateAxis) plot.getDomainAxis();
			time.setTickLabelFont(new Font(family, Font.PLAIN, size - 1));

			ChartCanvas canvas = new ChartCanvas(PerformanceCharts.this, chart);
			canvas.setData(WidgetIds.KEY, "performance." + kind.name().toLowerCase(Locale.ROOT)); //$NON-NLS-1$
			canvas.getAccessible().addAccessibleListener(new org.eclipse.swt.accessibility.AccessibleAdapter() {
				@Override
				public void getName(org.eclipse.swt.accessibility.AccessibleEvent e) {
					e.result = title + ": " + latest.getText(); //$NON-NLS-1$
				}
			});
			GridDataFactory.fillDefaults().grab(true, true).hint(200, 120).applyTo(canvas);
		}

		XYPlot plot() {
			return chart.getXYPlot();
		}

		void set(List<Sample> samples) {
			chart.setNotify(false);
			try {
				for (int i = 0; i < series.length; i++) {
					TimeSeries s = series[i];
					s.setNotify(false);
					s.clear();
					for (Sample sample : samples) {
						s.addOrUpdate(new FixedMillisecond(sample.timeMillis()), values.get(i).applyAsDouble(sample));
					}
					s.setNotify(true);
				}
				StringBuilder text = new StringBuilder();
				if (!samples.isEmpty()) {
					Sample newest = samples.get(samples.size() - 1);
					for (int i = 0; i < series.length; i++) {
						if (series.length > 1) {
							text.append(i == 0 ? "" : "   ").append(series[i].getKey()).append(' '); //$NON-NLS-1$ //$NON-NLS-2$
						}
						text.append(kind == Kind.CPU ? String.format(Locale.ROOT, "%.1f %%", newest.cpuPercent()) //$NON-NLS-1$
								: format.format(values.get(i).applyAsDouble(newest)));
					}
				}
				latest.setText(text.toString());
			} finally {
				chart.setNotify(true);
			}
		}
	}
}
