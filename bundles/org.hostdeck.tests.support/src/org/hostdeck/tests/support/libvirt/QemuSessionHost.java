package org.hostdeck.tests.support.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hostdeck.tests.support.Wait;

/**
 * A real hypervisor host for tests: a libvirt session daemon running QEMU (TCG, no KVM needed)
 * as the unprivileged user 65534, with its own folder, socket, host UUID and port ranges. Stopped
 * by PID; nothing listens beyond loopback. Needs Debian's libvirt-daemon,
 * libvirt-daemon-driver-qemu, qemu-system-x86 and qemu-utils, and root (to drop to 65534).
 */
public final class QemuSessionHost implements AutoCloseable {

	private static final String NOBODY = "65534"; //$NON-NLS-1$

	private final Path dir;
	private final int index;
	private Process daemon;

	/** Whether this machine can run the fixture (the tools exist and we may switch user). */
	public static boolean available() {
		return org.hostdeck.tests.support.Tools.present("libvirt-daemon", "/usr/sbin/libvirtd") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("libvirt-daemon-driver-qemu", "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("libvirt-clients", "/usr/bin/virsh") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("util-linux", "/usr/bin/setpriv") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("qemu-system-x86", "/usr/bin/qemu-system-x86_64") //$NON-NLS-1$ //$NON-NLS-2$
				&& org.hostdeck.tests.support.Tools.present("qemu-utils", "/usr/bin/qemu-img") //$NON-NLS-1$ //$NON-NLS-2$
				&& "root".equals(System.getProperty("user.name")); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Starts host number {@code index} (ports differ per index, so several can run side by side). */
	public static QemuSessionHost start(int index) throws IOException {
		Path dir = Files.createTempDirectory("hostdeck-qemu-" + index + "-"); //$NON-NLS-1$ //$NON-NLS-2$
		QemuSessionHost host = new QemuSessionHost(dir, index);
		host.writeConfig();
		host.startDaemon();
		return host;
	}

	private QemuSessionHost(Path dir, int index) {
		this.dir = dir;
		this.index = index;
	}

	private void writeConfig() throws IOException {
		for (String sub : new String[] { "home", "config/libvirt", "cache", "run", "data", "images" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			Files.createDirectories(dir.resolve(sub));
		}
		Files.writeString(dir.resolve("config/libvirt/libvirtd.conf"), "host_uuid = \"" + UUID.randomUUID() + "\"\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		int migration = 49200 + index * 20;
		int display = 5910 + index * 20;
		Files.writeString(dir.resolve("config/libvirt/qemu.conf"), //
				"migration_port_min = " + migration + "\nmigration_port_max = " + (migration + 15) //$NON-NLS-1$ //$NON-NLS-2$
						+ "\nremote_display_port_min = " + display + "\nremote_display_port_max = " + (display + 15) //$NON-NLS-1$ //$NON-NLS-2$
						+ "\nvnc_listen = \"127.0.0.1\"\n"); //$NON-NLS-1$
		run("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		run("chmod", "755", dir.toString()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Starts (or restarts, after {@link #killDaemon}) the daemon and waits for its socket. */
	public void startDaemon() throws IOException {
		Files.deleteIfExists(socket());
		ProcessBuilder builder = new ProcessBuilder("setsid", "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"--clear-groups", "/usr/sbin/libvirtd", "--timeout", "0"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		Map<String, String> env = builder.environment();
		env.clear();
		env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"); //$NON-NLS-1$ //$NON-NLS-2$
		env.put("HOME", dir.resolve("home").toString()); //$NON-NLS-1$ //$NON-NLS-2$
		env.put("XDG_CONFIG_HOME", dir.resolve("config").toString()); //$NON-NLS-1$ //$NON-NLS-2$
		env.put("XDG_CACHE_HOME", dir.resolve("cache").toString()); //$NON-NLS-1$ //$NON-NLS-2$
		env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString()); //$NON-NLS-1$ //$NON-NLS-2$
		env.put("XDG_DATA_HOME", dir.resolve("data").toString()); //$NON-NLS-1$ //$NON-NLS-2$
		builder.directory(dir.toFile());
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("libvirtd.log").toFile())); //$NON-NLS-1$
		daemon = builder.start();
		Wait.until("libvirtd socket " + socket(), () -> Files.exists(socket()) || !daemon.isAlive(), Duration.ofSeconds(30)); //$NON-NLS-1$
		if (!daemon.isAlive()) {
			throw new IOException("libvirtd exited at start; see " + dir.resolve("libvirtd.log")); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** Kills the daemon the hard way (SIGKILL), as a crash would; QEMU processes live on. */
	public void killDaemon() throws InterruptedException {
		daemon.destroyForcibly();
		daemon.waitFor(30, TimeUnit.SECONDS);
	}

	/**
	 * A progress monitor for an operation on this host that kills the host's daemon (SIGKILL) when
	 * the first sub-task starting with {@code prefix} begins: a crash in the middle of the operation.
	 */
	public org.eclipse.core.runtime.IProgressMonitor killingDaemonAt(String prefix) {
		return new org.eclipse.core.runtime.NullProgressMonitor() {
			private boolean killed;

			@Override
			public void subTask(String name) {
				if (!killed && name.startsWith(prefix)) {
					killed = true;
					try {
						killDaemon();
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}
			}
		};
	}

	/** The daemon's process id (for benchmarks that count its CPU time). */
	public long daemonPid() {
		return daemon.pid();
	}

	/** Freezes the daemon (SIGSTOP): calls to it hang, as on an overloaded or stuck host. */
	public void freeze() throws IOException {
		run("kill", "-STOP", Long.toString(daemon.pid())); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Lets a frozen daemon go on (SIGCONT). */
	public void thaw() throws IOException {
		run("kill", "-CONT", Long.toString(daemon.pid())); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public Path socket() {
		return dir.resolve("run/libvirt/libvirt-sock"); //$NON-NLS-1$
	}

	/** The URI HostDeck connects with. */
	public String uri() {
		return "qemu+unix:///session?socket=" + socket(); //$NON-NLS-1$
	}

	/**
	 * Writes a qcow2 disk whose boot sector loops forever ({@code EB FE}): the guest then burns
	 * CPU, a real running workload.
	 */
	public Path spinningDisk(String name) throws IOException {
		byte[] raw = bootSector();
		Path rawFile = dir.resolve("images/" + name + ".raw"); //$NON-NLS-1$ //$NON-NLS-2$
		Path qcow2 = dir.resolve("images/" + name + ".qcow2"); //$NON-NLS-1$ //$NON-NLS-2$
		Files.write(rawFile, raw);
		run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", rawFile.toString(), qcow2.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
		Files.delete(rawFile);
		run("chown", NOBODY + ":" + NOBODY, qcow2.toString()); //$NON-NLS-1$ //$NON-NLS-2$
		return qcow2;
	}

	/** 1 MiB raw disk whose boot sector jumps to itself forever. */
	public static byte[] bootSector() {
		byte[] raw = new byte[1024 * 1024];
		raw[0] = (byte) 0xEB;
		raw[1] = (byte) 0xFE;
		raw[510] = 0x55;
		raw[511] = (byte) 0xAA;
		return raw;
	}

	/**
	 * Defines and starts a directory pool {@code images} on this host (the folder where
	 * {@link #spinningDisk} writes), so its disks are pool volumes.
	 */
	public void startImagesPool() throws IOException {
		startPool("images", images()); //$NON-NLS-1$
	}

	/** This host's own image folder (where {@link #spinningDisk} writes). */
	public Path images() {
		return dir.resolve("images"); //$NON-NLS-1$
	}

	/**
	 * Defines and starts a directory pool {@code name} on {@code folder}: another host's image
	 * folder makes it storage both hosts share, as an NFS export mounted on both would.
	 */
	public void startPool(String name, Path folder) throws IOException {
		virsh("pool-define-as", name, "dir", "--target", folder.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		virsh("pool-start", name); //$NON-NLS-1$
	}

	/**
	 * Defines (not starts: a session daemon may not create bridges) a NAT network {@code name}
	 * on bridge {@code bridge}.
	 */
	public void defineNetwork(String name, String bridge) throws IOException {
		Path xml = dir.resolve(name + "-network.xml"); //$NON-NLS-1$
		Files.writeString(xml, "<network><name>" + name + "</name><bridge name='" + bridge + "'/></network>"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		virsh("net-define", xml.toString()); //$NON-NLS-1$
	}

	/** Runs {@code virsh -c <this host> args...} (fixture set-up the product has no command for); returns its output. */
	public String virsh(String... args) throws IOException {
		String[] command = new String[args.length + 4];
		command[0] = "virsh"; //$NON-NLS-1$
		command[1] = "-q"; //$NON-NLS-1$
		command[2] = "-c"; //$NON-NLS-1$
		command[3] = uri();
		System.arraycopy(args, 0, command, 4, args.length);
		return run(command);
	}

	/** A folder {@code name} in this host's directory that its daemon (and QEMU) may write to. */
	public Path folder(String name) throws IOException {
		Path folder = Files.createDirectories(dir.resolve(name));
		run("chown", NOBODY + ":" + NOBODY, folder.toString()); //$NON-NLS-1$ //$NON-NLS-2$
		return folder;
	}

	/** Hands {@code file} (written by the test) to the daemon's user. */
	public void own(Path file) throws IOException {
		run("chown", NOBODY + ":" + NOBODY, file.toString()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * Writes a raw disk of {@code mib} MiB into the image folder: the looping boot sector, then
	 * data from a seeded random generator (so it compresses poorly and its copy can be checked).
	 */
	public Path dataDisk(String name, int mib, long seed) throws IOException {
		byte[] raw = new byte[mib * 1024 * 1024];
		new java.util.Random(seed).nextBytes(raw);
		byte[] boot = bootSector();
		System.arraycopy(boot, 0, raw, 0, 512);
		Path file = dir.resolve("images/" + name + ".raw"); //$NON-NLS-1$ //$NON-NLS-2$
		Files.write(file, raw);
		run("chown", NOBODY + ":" + NOBODY, file.toString()); //$NON-NLS-1$ //$NON-NLS-2$
		return file;
	}

	/** A sparse raw disk of {@code bytes} (only the boot sector written): large, yet costs nothing. */
	public Path sparseDisk(String name, long bytes) throws IOException {
		Path file = dir.resolve("images/" + name + ".raw"); //$NON-NLS-1$ //$NON-NLS-2$
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
				java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
			channel.write(java.nio.ByteBuffer.wrap(bootSector(), 0, 512));
			channel.truncate(bytes);
			channel.position(bytes - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
		}
		run("chown", NOBODY + ":" + NOBODY, file.toString()); //$NON-NLS-1$ //$NON-NLS-2$
		return file;
	}

	/** A raw disk in this host's image folder whose guest is {@link BootImages#consoleDisk()}. */
	public Path consoleDisk(String name) throws IOException {
		return rawDisk(name, BootImages.consoleDisk());
	}

	/** A raw disk {@code name.img} in this host's image folder holding {@code content} (a boot image of {@link BootImages}). */
	public Path rawDisk(String name, byte[] content) throws IOException {
		Path file = images().resolve(name + ".img"); //$NON-NLS-1$
		Files.write(file, content);
		run("chown", NOBODY + ":" + NOBODY, file.toString()); //$NON-NLS-1$ //$NON-NLS-2$
		return file;
	}

	/**
	 * A small TCG domain booting the raw {@code disk} from IDE (a {@link #consoleDisk} guest), with
	 * a VGA screen on a VNC display on loopback, a serial console, and an empty CD/DVD drive
	 * {@code hdc}.
	 */
	public static String consoleDomainXml(String name, Path disk) {
		return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>" //$NON-NLS-1$ //$NON-NLS-2$
				+ "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os><features><acpi/></features><devices>" //$NON-NLS-1$
				+ "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + disk //$NON-NLS-1$
				+ "'/><target dev='hda' bus='ide'/></disk>" //$NON-NLS-1$
				+ "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>" //$NON-NLS-1$
				+ "<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>" //$NON-NLS-1$
				+ "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/><video><model type='vga'/></video>" //$NON-NLS-1$
				+ "</devices></domain>"; //$NON-NLS-1$
	}

	/** A small TCG domain booting {@code disk}. */
	public static String domainXml(String name, Path disk) {
		return domainXml(name, disk, "qcow2"); //$NON-NLS-1$
	}

	/** A small TCG domain booting {@code disk} of {@code format} ({@code raw} or {@code qcow2}). */
	public static String domainXml(String name, Path disk, String format) {
		return "<domain type='qemu'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>" //$NON-NLS-1$ //$NON-NLS-2$
				+ "<os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><devices>" //$NON-NLS-1$
				+ "<disk type='file' device='disk'><driver name='qemu' type='" + format + "'/><source file='" + disk //$NON-NLS-1$ //$NON-NLS-2$
				+ "'/><target dev='vda' bus='virtio'/></disk></devices></domain>"; //$NON-NLS-1$
	}

	/** Kills every QEMU this daemon started, then the daemon, and removes the folder. */
	@Override
	public void close() throws IOException, InterruptedException {
		Path pids = dir.resolve("run/libvirt/qemu/run"); //$NON-NLS-1$
		if (Files.isDirectory(pids)) {
			try (Stream<Path> files = Files.list(pids)) {
				for (Path pidFile : files.filter(p -> p.toString().endsWith(".pid")).toList()) { //$NON-NLS-1$
					String pid = Files.readString(pidFile).trim();
					if (!pid.isEmpty()) {
						new ProcessBuilder("kill", "-9", pid).start().waitFor(); //$NON-NLS-1$ //$NON-NLS-2$
					}
				}
			}
		}
		if (daemon != null && daemon.isAlive()) {
			// SIGKILL: its guests are gone and its folder goes next; a clean stop costs 2 s a host
			daemon.destroyForcibly();
			daemon.waitFor(20, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static String run(String... command) throws IOException {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes());
			if (p.waitFor() != 0) {
				throw new IOException(String.join(" ", command) + " failed: " + out); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return out;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}
}
