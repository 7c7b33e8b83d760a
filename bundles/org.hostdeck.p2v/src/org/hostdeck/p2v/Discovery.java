package org.hostdeck.p2v;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out what a Linux server is, over SSH, with commands that only read: /proc (CPUs,
 * memory, and two samples a few seconds apart for utilization), {@code lsblk} (disks,
 * partitions, file systems, what holds /), {@code ip} (NICs), /etc/os-release.
 */
public final class Discovery {

	private static final String MARK = "--hostdeck-sample--"; //$NON-NLS-1$
	private static final Pattern PAIR = Pattern.compile("([A-Z:\\-]+)=\"([^\"]*)\""); //$NON-NLS-1$

	private Discovery() {
	}

	/**
	 * @param sampleSeconds how long to measure utilization (0: not at all)
	 */
	public static SourceMachine discover(SshSource source, int sampleSeconds) throws P2vException {
		String hostname = source.run("cat /proc/sys/kernel/hostname").trim(); //$NON-NLS-1$
		String os = osRelease(source.exec("cat /etc/os-release").out()); //$NON-NLS-1$
		String cpuinfo = source.run("cat /proc/cpuinfo"); //$NON-NLS-1$
		int cpus = 0;
		String model = null;
		double mhz = 0;
		for (String line : cpuinfo.split("\n")) { //$NON-NLS-1$
			String[] kv = line.split(":", 2); //$NON-NLS-1$
			if (kv.length < 2) {
				continue;
			}
			String key = kv[0].trim();
			String value = kv[1].trim();
			if (key.equals("processor")) { //$NON-NLS-1$
				cpus++;
			} else if (key.equals("model name") && model == null) { //$NON-NLS-1$
				model = value;
			} else if (key.equals("cpu MHz") && mhz == 0) { //$NON-NLS-1$
				mhz = Double.parseDouble(value);
			}
		}
		Map<String, Long> meminfo = meminfo(source.run("cat /proc/meminfo")); //$NON-NLS-1$
		long memory = meminfo.getOrDefault("MemTotal", 0L); //$NON-NLS-1$
		long used = memory - meminfo.getOrDefault("MemAvailable", memory); //$NON-NLS-1$
		// lsblk takes file system types and UUIDs from udev's database; blkid probes the devices
		// itself (as root), so where udev keeps no database they still come out
		String lsblk = source.run("lsblk -P -b -o NAME,PATH,SIZE,TYPE,FSTYPE,UUID,MOUNTPOINT,PKNAME"); //$NON-NLS-1$
		List<String> unknown = new ArrayList<>();
		Matcher unprobed = Pattern.compile("PATH=\"(/dev/[^\"]+)\"[^\n]*FSTYPE=\"\"").matcher(lsblk); //$NON-NLS-1$
		while (unprobed.find()) {
			unknown.add(unprobed.group(1));
		}
		String blkid = unknown.isEmpty() ? "" //$NON-NLS-1$
				: source.exec("PATH=$PATH:/sbin:/usr/sbin blkid -o export " + String.join(" ", unknown)).out(); //$NON-NLS-1$ //$NON-NLS-2$
		List<SourceMachine.Disk> disks = disks(lsblk, blkid);
		List<SourceMachine.Nic> nics = nics(source.run("ip -o link show"), source.run("ip -o addr show")); //$NON-NLS-1$ //$NON-NLS-2$
		SourceMachine.Utilization utilization = null;
		if (sampleSeconds > 0) {
			String read = "cat /proc/stat /proc/net/dev /proc/diskstats"; //$NON-NLS-1$
			String both = source.run(read + "; echo " + MARK + "; sleep " + sampleSeconds + "; " + read); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			String[] halves = both.split(MARK + "\n", 2); //$NON-NLS-1$
			utilization = utilization(halves[0], halves.length > 1 ? halves[1] : halves[0], sampleSeconds,
					disks.stream().map(SourceMachine.Disk::name).toList());
		}
		return new SourceMachine(hostname, os, cpus, model, mhz, memory, used, disks, nics, utilization);
	}

	static String osRelease(String text) {
		for (String line : text.split("\n")) { //$NON-NLS-1$
			if (line.startsWith("PRETTY_NAME=")) { //$NON-NLS-1$
				return line.substring("PRETTY_NAME=".length()).replace("\"", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
		}
		return "Linux"; //$NON-NLS-1$
	}

	static Map<String, Long> meminfo(String text) {
		Map<String, Long> values = new LinkedHashMap<>();
		for (String line : text.split("\n")) { //$NON-NLS-1$
			String[] kv = line.split(":", 2); //$NON-NLS-1$
			if (kv.length == 2) {
				String[] v = kv[1].trim().split("\\s+"); //$NON-NLS-1$
				try {
					long n = Long.parseLong(v[0]);
					values.put(kv[0].trim(), v.length > 1 && v[1].equalsIgnoreCase("kB") ? n * 1024 : n); //$NON-NLS-1$
				} catch (NumberFormatException e) {
					// not a number: not a figure we use
				}
			}
		}
		return values;
	}

	/**
	 * Disks from {@code lsblk -P}: whole disks (and loop devices) with their partitions; file
	 * system types and UUIDs lsblk left empty are taken from {@code blkid -o export}.
	 */
	static List<SourceMachine.Disk> disks(String lsblk, String blkid) {
		Map<String, Map<String, String>> probed = new LinkedHashMap<>();
		Map<String, String> device = new LinkedHashMap<>();
		for (String line : (blkid + "\n").split("\n", -1)) { // -1: the closing blank line counts //$NON-NLS-1$
			if (line.isBlank()) {
				if (device.containsKey("DEVNAME")) { //$NON-NLS-1$
					probed.put(device.get("DEVNAME"), device); //$NON-NLS-1$
				}
				device = new LinkedHashMap<>();
			} else if (line.indexOf('=') > 0) {
				device.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		List<Map<String, String>> rows = new ArrayList<>();
		for (String line : lsblk.split("\n")) { //$NON-NLS-1$
			Map<String, String> row = new LinkedHashMap<>();
			Matcher m = PAIR.matcher(line);
			while (m.find()) {
				row.put(m.group(1), m.group(2));
			}
			Map<String, String> found = probed.get(row.get("PATH")); //$NON-NLS-1$
			if (found != null && row.getOrDefault("FSTYPE", "").isEmpty()) { //$NON-NLS-1$ //$NON-NLS-2$
				row.put("FSTYPE", found.getOrDefault("TYPE", "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				row.put("UUID", found.getOrDefault("UUID", "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (!row.isEmpty()) {
				rows.add(row);
			}
		}
		List<SourceMachine.Disk> disks = new ArrayList<>();
		for (Map<String, String> d : rows) {
			String type = d.getOrDefault("TYPE", ""); //$NON-NLS-1$ //$NON-NLS-2$
			if (!type.equals("disk") && !type.equals("loop")) { //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			long size = Long.parseLong(d.getOrDefault("SIZE", "0")); //$NON-NLS-1$ //$NON-NLS-2$
			if (size == 0) {
				continue; // an empty loop device or card reader
			}
			List<SourceMachine.Partition> parts = new ArrayList<>();
			if (!d.getOrDefault("FSTYPE", "").isEmpty()) { //$NON-NLS-1$ //$NON-NLS-2$
				parts.add(partition(d)); // a file system on the whole disk
			}
			for (Map<String, String> p : rows) {
				if (d.get("NAME").equals(p.get("PKNAME")) && !p.get("NAME").equals(d.get("NAME"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					parts.add(partition(p));
				}
			}
			boolean root = parts.stream().anyMatch(p -> "/".equals(p.mountPoint())) //$NON-NLS-1$
					|| rows.stream().anyMatch(r -> "/".equals(r.get("MOUNTPOINT")) && holds(rows, d.get("NAME"), r)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			disks.add(new SourceMachine.Disk(d.get("NAME"), d.getOrDefault("PATH", "/dev/" + d.get("NAME")), size, parts, root)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return disks;
	}

	/** Whether {@code row} lies on disk {@code disk}, through any chain of parents (partition, LVM, RAID). */
	private static boolean holds(List<Map<String, String>> rows, String disk, Map<String, String> row) {
		String parent = row.get("PKNAME"); //$NON-NLS-1$
		for (int depth = 0; parent != null && !parent.isEmpty() && depth < 8; depth++) {
			if (parent.equals(disk)) {
				return true;
			}
			String p = parent;
			parent = rows.stream().filter(r -> p.equals(r.get("NAME"))).map(r -> r.get("PKNAME")).findFirst().orElse(null); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return false;
	}

	private static SourceMachine.Partition partition(Map<String, String> p) {
		return new SourceMachine.Partition(p.get("NAME"), p.getOrDefault("PATH", "/dev/" + p.get("NAME")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				Long.parseLong(p.getOrDefault("SIZE", "0")), empty(p.get("FSTYPE")), empty(p.get("UUID")), empty(p.get("MOUNTPOINT"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	private static String empty(String s) {
		return s == null || s.isEmpty() ? null : s;
	}

	/** NICs from {@code ip -o link} (name, MAC) and {@code ip -o addr} (addresses). */
	static List<SourceMachine.Nic> nics(String links, String addrs) {
		Map<String, String> macs = new LinkedHashMap<>();
		Pattern link = Pattern.compile("^\\d+:\\s+([^:@\\s]+)[^:]*:.*?link/\\S+\\s+([0-9a-f:]{17})"); //$NON-NLS-1$
		for (String line : links.split("\n")) { //$NON-NLS-1$
			Matcher m = link.matcher(line);
			if (m.find()) {
				macs.put(m.group(1), m.group(2));
			}
		}
		Map<String, List<String>> addresses = new LinkedHashMap<>();
		Pattern addr = Pattern.compile("^\\d+:\\s+(\\S+)\\s+inet6?\\s+(\\S+)"); //$NON-NLS-1$
		for (String line : addrs.split("\n")) { //$NON-NLS-1$
			Matcher m = addr.matcher(line);
			if (m.find()) {
				addresses.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
			}
		}
		List<SourceMachine.Nic> nics = new ArrayList<>();
		macs.forEach((name, mac) -> nics.add(new SourceMachine.Nic(name, mac, addresses.getOrDefault(name, List.of()))));
		return nics;
	}

	/** CPU busy share, network and disk rates between two readings of /proc/stat, /proc/net/dev and /proc/diskstats. */
	static SourceMachine.Utilization utilization(String before, String after, double seconds, List<String> disks) {
		long[] cpu0 = cpu(before);
		long[] cpu1 = cpu(after);
		double total = cpu1[0] - cpu0[0];
		double idle = cpu1[1] - cpu0[1];
		double busy = total <= 0 ? 0 : Math.max(0, Math.min(1, 1 - idle / total));
		double net = (network(after) - network(before)) / seconds;
		double disk = (disk(after, disks) - disk(before, disks)) / seconds;
		return new SourceMachine.Utilization(busy, Math.max(0, net), Math.max(0, disk), seconds);
	}

	/** {total jiffies, idle + iowait jiffies} from the "cpu" line. */
	private static long[] cpu(String text) {
		for (String line : text.split("\n")) { //$NON-NLS-1$
			if (line.startsWith("cpu ")) { //$NON-NLS-1$
				String[] f = line.trim().split("\\s+"); //$NON-NLS-1$
				long total = 0;
				for (int i = 1; i < f.length; i++) {
					total += Long.parseLong(f[i]);
				}
				return new long[] { total, Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0) };
			}
		}
		return new long[] { 0, 0 };
	}

	/** Bytes received plus sent on every interface but loopback. */
	private static long network(String text) {
		long bytes = 0;
		for (String line : text.split("\n")) { //$NON-NLS-1$
			int colon = line.indexOf(':');
			if (colon < 0 || line.startsWith("cpu")) { //$NON-NLS-1$
				continue;
			}
			String name = line.substring(0, colon).trim();
			String[] f = line.substring(colon + 1).trim().split("\\s+"); //$NON-NLS-1$
			if (name.equals("lo") || f.length < 9 || !name.matches("[A-Za-z0-9_.\\-@]+")) { //$NON-NLS-1$ //$NON-NLS-2$
				continue;
			}
			try {
				bytes += Long.parseLong(f[0]) + Long.parseLong(f[8]);
			} catch (NumberFormatException e) {
				// not an interface line
			}
		}
		return bytes;
	}

	/** Bytes read plus written on the whole disks (sectors of 512 bytes, fields 6 and 10 of /proc/diskstats). */
	private static long disk(String text, List<String> disks) {
		long bytes = 0;
		for (String line : text.split("\n")) { //$NON-NLS-1$
			String[] f = line.trim().split("\\s+"); //$NON-NLS-1$
			if (f.length >= 10 && disks.contains(f[2])) {
				try {
					bytes += (Long.parseLong(f[5]) + Long.parseLong(f[9])) * 512;
				} catch (NumberFormatException e) {
					// not a disk line
				}
			}
		}
		return bytes;
	}

}
