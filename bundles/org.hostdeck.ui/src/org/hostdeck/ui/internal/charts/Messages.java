package org.hostdeck.ui.internal.charts;

import org.eclipse.osgi.util.NLS;

public class Messages extends NLS {
	private static final String BUNDLE_NAME = "org.hostdeck.ui.internal.charts.messages"; //$NON-NLS-1$

	public static String PerformanceCharts_cpu;
	public static String PerformanceCharts_disk;
	public static String PerformanceCharts_host;
	public static String PerformanceCharts_memory;
	public static String PerformanceCharts_network;
	public static String PerformanceCharts_noData;
	public static String PerformanceCharts_nothing;
	public static String PerformanceCharts_read;
	public static String PerformanceCharts_received;
	public static String PerformanceCharts_sent;
	public static String PerformanceCharts_show;
	public static String PerformanceCharts_vm;
	public static String PerformanceCharts_write;

	static {
		NLS.initializeMessages(BUNDLE_NAME, Messages.class);
	}

	private Messages() {
	}
}
