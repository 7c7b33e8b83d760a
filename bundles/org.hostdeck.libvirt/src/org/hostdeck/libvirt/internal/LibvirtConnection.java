package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hostdeck.core.driver.DomainEvent;
import org.hostdeck.core.driver.DomainInfo;
import org.hostdeck.core.driver.DomainInfo.DomainState;
import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ICredentialsProvider;
import org.hostdeck.core.driver.IHostConnection;
import org.hostdeck.core.driver.IHostListener;
import org.hostdeck.core.driver.NetworkInfo;
import org.hostdeck.core.driver.NodeInfo;
import org.hostdeck.core.driver.PoolInfo;
import org.hostdeck.core.driver.PowerAction;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.SchedParameter;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;
import org.w3c.dom.Element;

/** One libvirt {@link Connect}, shared by every thread that talks to the host. */
final class LibvirtConnection implements IHostConnection {

	/** virDomainUndefineFlags: also remove managed save images, snapshot metadata and NVRAM. */
	private static final int UNDEFINE_FLAGS = 1 | 2 | 4;

	private final String uri;
	private final Connect connect;
	private final List<IHostListener> listeners = new CopyOnWriteArrayList<>();
	private volatile boolean closed;
	private volatile boolean lost;
	private LifecycleListener lifecycle;
	private final DomainConsoles consoles;

	LibvirtConnection(String uri, Connect connect, ICredentialsProvider credentials) {
		this.uri = uri;
		this.connect = connect;
		this.consoles = new DomainConsoles(this, connect, new DisplayRoute(uri, credentials));
	}

	@Override
	public DomainConsoles consoles() {
		return consoles;
	}

	@Override
	public String uri() {
		return uri;
	}

	@Override
	public boolean isAlive() {
		if (closed || lost) {
			return false;
		}
		try {
			return connect.isAlive();
		} catch (LibvirtException e) {
			return false;
		}
	}

	@Override
	public NodeInfo nodeInfo() throws DriverException {
		try {
			org.libvirt.NodeInfo node = connect.nodeInfo();
			long free;
			try {
				free = connect.getFreeMemory();
			} catch (LibvirtException e) {
				free = -1; // the test driver with a custom file cannot tell
			}
			int nodes = Math.max(1, node.nodes);
			return new NodeInfo(connect.getHostName(), connect.getType(), node.model, node.mhz, node.sockets * nodes,
					node.cores, node.threads, node.memory * 1024, free, physicalNics());
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot read the hardware of " + uri); //$NON-NLS-1$
		}
	}

	/** The active host interfaces with a MAC (bridges and loopback have none or are virtual); empty without an interface driver. */
	private List<NodeInfo.Nic> physicalNics() {
		List<NodeInfo.Nic> nics = new ArrayList<>();
		String[] names;
		try {
			names = connect.listInterfaces();
		} catch (LibvirtException e) {
			return nics; // e.g. a session daemon: no interface driver
		}
		for (String name : names) {
			try {
				org.libvirt.Interface iface = connect.interfaceLookupByName(name);
				try {
					org.w3c.dom.Element root = XmlDocs.parse(iface.getXMLDescription(0));
					if (!"ethernet".equals(root.getAttribute("type"))) { //$NON-NLS-1$ //$NON-NLS-2$
						continue; // bridges, bonds and VLANs are built on the ethernet ones
					}
					org.w3c.dom.Element link = DomainXml.child(root, "link"); //$NON-NLS-1$
					int speed = 0;
					if (link != null && !link.getAttribute("speed").isEmpty()) { //$NON-NLS-1$
						try {
							speed = Integer.parseInt(link.getAttribute("speed")); //$NON-NLS-1$
						} catch (NumberFormatException e) {
							speed = 0;
						}
					}
					nics.add(new NodeInfo.Nic(name, iface.getMACString(), speed));
				} finally {
					iface.free();
				}
			} catch (LibvirtException | IOException e) {
				// gone meanwhile, or unreadable: leave it out
			}
		}
		nics.sort(java.util.Comparator.comparing(NodeInfo.Nic::name));
		return nics;
	}

	@Override
	public List<DomainInfo> domains() throws DriverException {
		Domain[] all;
		try {
			all = connect.listAllDomains(0);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot list the VMs of " + uri); //$NON-NLS-1$
		}
		List<DomainInfo> result = new ArrayList<>(all.length);
		for (Domain domain : all) {
			try {
				result.add(describe(domain));
			} catch (DriverException e) {
				if (e.reason() != DriverException.Reason.NOT_FOUND) { // undefined meanwhile: skip it
					throw e;
				}
			} finally {
				free(domain);
			}
		}
		return result;
	}

	@Override
	public DomainInfo domain(String uuid) throws DriverException {
		Domain domain = lookup(uuid, true);
		if (domain == null) {
			return null;
		}
		try {
			return describe(domain);
		} finally {
			free(domain);
		}
	}

	private Domain lookup(String uuid, boolean nullIfMissing) throws DriverException {
		try {
			return connect.domainLookupByUUIDString(uuid);
		} catch (LibvirtException e) {
			DriverException de = Errors.toDriverException(e, "No VM with UUID " + uuid + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
			if (nullIfMissing && de.reason() == DriverException.Reason.NOT_FOUND) {
				return null;
			}
			throw de;
		}
	}

	private DomainInfo describe(Domain domain) throws DriverException {
		String name = "?"; //$NON-NLS-1$
		try {
			String xml = domain.getXMLDesc(0);
			DomainXml parsed = new DomainXml(xml);
			name = parsed.name;
			org.libvirt.DomainInfo info = domain.getInfo();
			boolean autostart = domain.getAutostart();
			int shares = parsed.cpuShares;
			if (shares == 0 && info.state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_RUNNING) {
				shares = schedulerShares(domain);
			}
			return new DomainInfo(parsed.uuid, parsed.name, state(info.state), parsed.osType, info.nrVirtCpu,
					parsed.maxVcpus, info.memory * 1024, info.maxMem * 1024, info.cpuTime, shares, autostart,
					parsed.description, List.copyOf(parsed.disks), List.copyOf(parsed.nics), List.copyOf(parsed.consoles));
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot read VM '" + name + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, "Cannot read VM '" + name + "' on " + uri + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	private static int schedulerShares(Domain domain) {
		try {
			for (SchedParameter p : domain.getSchedulerParameters()) {
				if ("cpu_shares".equals(p.field)) { //$NON-NLS-1$
					return (int) Long.parseLong(p.getValueAsString());
				}
			}
		} catch (LibvirtException | NumberFormatException e) {
			// not every hypervisor has a weight
		}
		return 0;
	}

	static DomainState state(org.libvirt.DomainInfo.DomainState state) {
		if (state == null) {
			return DomainState.NO_STATE;
		}
		return switch (state) {
		case VIR_DOMAIN_RUNNING -> DomainState.RUNNING;
		case VIR_DOMAIN_BLOCKED -> DomainState.BLOCKED;
		case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
		case VIR_DOMAIN_SHUTDOWN -> DomainState.SHUTTING_DOWN;
		case VIR_DOMAIN_SHUTOFF -> DomainState.SHUT_OFF;
		case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
		case VIR_DOMAIN_PMSUSPENDED -> DomainState.PM_SUSPENDED;
		default -> DomainState.NO_STATE;
		};
	}

	@Override
	public List<PoolInfo> pools() throws DriverException {
		List<PoolInfo> result = new ArrayList<>();
		try {
			List<String> names = new ArrayList<>(List.of(connect.listStoragePools()));
			names.addAll(List.of(connect.listDefinedStoragePools()));
			for (String name : names) {
				StoragePool pool = connect.storagePoolLookupByName(name);
				try {
					result.add(pool(pool));
				} finally {
					pool.free();
				}
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot list the storage pools of " + uri); //$NON-NLS-1$
		}
		return result;
	}

	private static PoolInfo pool(StoragePool pool) throws LibvirtException, DriverException {
		String xml = pool.getXMLDesc(0);
		String type;
		try {
			Element root = XmlDocs.parse(xml);
			type = root.getAttribute("type"); //$NON-NLS-1$
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, "Malformed pool XML: " + e.getMessage(), e); //$NON-NLS-1$
		}
		boolean active = pool.isActive() == 1;
		org.libvirt.StoragePoolInfo info = pool.getInfo();
		List<PoolInfo.VolumeInfo> volumes = new ArrayList<>();
		if (active) {
			for (String volName : pool.listVolumes()) {
				StorageVol vol = pool.storageVolLookupByName(volName);
				try {
					volumes.add(volumeInfo(vol, volName));
				} finally {
					vol.free();
				}
			}
		}
		boolean shared = switch (type) {
		case "netfs", "iscsi", "iscsi-direct", "rbd", "sheepdog", "gluster", "mpath", "vstorage" -> true; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
		default -> false;
		};
		return new PoolInfo(pool.getName(), pool.getUUIDString(), type, active, info.capacity, info.allocation,
				info.available, shared, volumes);
	}

	@Override
	public List<NetworkInfo> networks() throws DriverException {
		List<NetworkInfo> result = new ArrayList<>();
		try {
			List<String> names = new ArrayList<>(List.of(connect.listNetworks()));
			names.addAll(List.of(connect.listDefinedNetworks()));
			for (String name : names) {
				Network net = connect.networkLookupByName(name);
				try {
					Element root = XmlDocs.parse(net.getXMLDesc(0));
					Element bridge = DomainXml.child(root, "bridge"); //$NON-NLS-1$
					Element ip = DomainXml.child(root, "ip"); //$NON-NLS-1$
					String subnet = null;
					if (ip != null && ip.hasAttribute("address")) { //$NON-NLS-1$
						subnet = Subnets.cidr(ip.getAttribute("address"), ip.getAttribute("netmask"), ip.getAttribute("prefix")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					}
					result.add(new NetworkInfo(name, net.getUUIDString(), bridge == null ? null : bridge.getAttribute("name"), //$NON-NLS-1$
							subnet, net.isActive() == 1));
				} catch (IOException e) {
					throw new DriverException(DriverException.Reason.OTHER, "Malformed network XML of " + name + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
				} finally {
					net.free();
				}
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot list the networks of " + uri); //$NON-NLS-1$
		}
		return result;
	}

	@Override
	public DomainInfo define(String xml) throws DriverException {
		try {
			Domain domain = connect.domainDefineXML(xml);
			try {
				return describe(domain);
			} finally {
				free(domain);
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot define the VM on " + uri); //$NON-NLS-1$
		}
	}

	@Override
	public String definition(String uuid) throws DriverException {
		return onDomain(uuid, vm -> "Cannot read the definition of VM " + vm, d -> d.getXMLDesc(DomainImport.XML_INACTIVE)); //$NON-NLS-1$
	}

	@Override
	public DomainInfo defineImported(String definition, org.hostdeck.core.driver.ImportRewrite rewrite) throws DriverException {
		return define(DomainImport.rewrite(definition, rewrite));
	}

	@Override
	public List<String> leftOutOfImport(String definition, org.hostdeck.core.driver.ImportRewrite rewrite) throws DriverException {
		return DomainImport.rewritten(definition, rewrite).leftOut();
	}

	@Override
	public DomainInfo define(org.hostdeck.core.driver.DomainSpec spec) throws DriverException {
		return define(specXml(spec));
	}

	/** {@code spec} as this host's domain XML. */
	String specXml(org.hostdeck.core.driver.DomainSpec spec) throws DriverException {
		try {
			String capabilities = connect.getCapabilities();
			String[] typeAndArch = DomainSpecXml.domainType(capabilities, false);
			org.hostdeck.core.driver.DomainSpec written = spec;
			if (spec.paravirtGuest()) {
				String[] pv = null;
				try {
					pv = DomainSpecXml.domainType(capabilities, true);
				} catch (IOException e) {
					// no paravirtualized guests here
				}
				if (pv != null && "xen".equals(pv[0])) { //$NON-NLS-1$
					typeAndArch = pv;
				} else {
					// QEMU/KVM: the paravirtual path is virtio in an HVM guest booted the same way
					written = new org.hostdeck.core.driver.DomainSpec(spec.uuid(), spec.name(), spec.description(), false, true, spec.vcpus(),
							spec.memory(), spec.cpuShares(), spec.disks(), spec.nics(), spec.boot(), spec.consoleLog());
				}
			}
			return DomainSpecXml.write(written, typeAndArch[0], typeAndArch[1]);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot read the capabilities of " + uri); //$NON-NLS-1$
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, "Cannot define VM '" + spec.name() + "' on " + uri + ": " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	@Override
	public boolean configure(String uuid, org.hostdeck.core.driver.VmConfig config) throws DriverException {
		return onDomain(uuid, vm -> "Cannot change VM " + vm, d -> DomainConfigurator.apply(connect, d, config)); //$NON-NLS-1$
	}

	@Override
	public void renameDomain(String uuid, String newName) throws DriverException {
		onDomain(uuid, vm -> "Cannot rename VM " + vm, d -> { //$NON-NLS-1$
			DomainRename.rename(d, newName, "Cannot rename VM " + nameOf(d, uuid) + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
			return null;
		});
	}

	@Override
	public List<org.hostdeck.core.driver.SnapshotInfo> snapshots(String uuid) throws DriverException {
		return onDomain(uuid, vm -> "Cannot list the snapshots of VM " + vm, DomainSnapshots::list); //$NON-NLS-1$
	}

	@Override
	public org.hostdeck.core.driver.SnapshotInfo createSnapshot(String uuid, String name, String description, boolean diskOnly)
			throws DriverException {
		return onDomain(uuid, vm -> "Cannot take snapshot '" + name + "' of VM " + vm, //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainSnapshots.create(connect, d, nameOf(d, uuid), uri, name, description, diskOnly));
	}

	@Override
	public void revertToSnapshot(String uuid, String name) throws DriverException {
		onDomain(uuid, vm -> "Cannot revert VM " + vm + " to snapshot '" + name + "'", d -> { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			DomainSnapshots.revert(connect, d, nameOf(d, uuid), uri, name);
			return null;
		});
	}

	@Override
	public void deleteSnapshot(String uuid, String name) throws DriverException {
		onDomain(uuid, vm -> "Cannot delete snapshot '" + name + "' of VM " + vm, d -> { //$NON-NLS-1$ //$NON-NLS-2$
			DomainSnapshots.delete(connect, d, nameOf(d, uuid), uri, name);
			return null;
		});
	}

	/** A libvirt call on one domain; its failure is reported as "{what VM name} on {uri}". */
	interface DomainCall<T> {
		T apply(Domain domain) throws LibvirtException, DriverException;
	}

	/** Runs {@code call} on domain {@code uuid}; a libvirt error becomes a message made of {@code what} (given the VM's name), the host and libvirt's reason. */
	<T> T onDomain(String uuid, java.util.function.UnaryOperator<String> what, DomainCall<T> call) throws DriverException {
		Domain domain = lookup(uuid, false);
		try {
			return call.apply(domain);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, what.apply(nameOf(domain, uuid)) + " on " + uri); //$NON-NLS-1$
		} finally {
			free(domain);
		}
	}

	@Override
	public List<String> switchToParavirtual(String uuid) throws DriverException {
		return onDomain(uuid, vm -> "Cannot switch VM " + vm + " to paravirtual drivers", //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainDevices.switchToParavirtual(connect, d));
	}

	@Override
	public org.hostdeck.core.driver.DeviceChange attachDisk(String uuid, String pool, String volume, String bus)
			throws DriverException {
		return onDomain(uuid, vm -> "Cannot add volume '" + volume + "' to VM " + vm, //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainDevices.attachDisk(connect, d, pool, volume, bus));
	}

	@Override
	public org.hostdeck.core.driver.DeviceChange detachDisk(String uuid, String target) throws DriverException {
		return onDomain(uuid, vm -> "Cannot remove disk " + target + " from VM " + vm, //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainDevices.detachDisk(connect, d, target));
	}

	@Override
	public void resizeDisk(String uuid, String target, long capacity) throws DriverException {
		onDomain(uuid, vm -> "Cannot resize disk " + target + " of VM " + vm, d -> { //$NON-NLS-1$ //$NON-NLS-2$
			DomainDevices.resizeDisk(connect, d, target, capacity);
			return null;
		});
	}

	@Override
	public org.hostdeck.core.driver.DeviceChange attachNic(String uuid, String network, String model) throws DriverException {
		return onDomain(uuid, vm -> "Cannot add a NIC on network '" + network + "' to VM " + vm, //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainDevices.attachNic(connect, d, network, model));
	}

	@Override
	public org.hostdeck.core.driver.DeviceChange detachNic(String uuid, String mac) throws DriverException {
		return onDomain(uuid, vm -> "Cannot remove NIC " + mac + " from VM " + vm, //$NON-NLS-1$ //$NON-NLS-2$
				d -> DomainDevices.detachNic(connect, d, mac));
	}

	@Override
	public void power(String uuid, PowerAction action) throws DriverException {
		Domain domain = lookup(uuid, false);
		try {
			switch (action) {
			case START -> domain.create();
			case SHUTDOWN -> domain.shutdown();
			case FORCE_OFF -> domain.destroy();
			case REBOOT -> domain.reboot(0);
			case PAUSE -> domain.suspend();
			case RESUME -> domain.resume();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot " + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') //$NON-NLS-1$
					+ " VM " + nameOf(domain, uuid) + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			free(domain);
		}
	}

	@Override
	public void undefine(String uuid, boolean withStorage) throws DriverException {
		Domain domain = lookup(uuid, false);
		try {
			List<String> volumes = new ArrayList<>();
			if (withStorage) {
				for (DomainInfo.DiskInfo disk : new DomainXml(domain.getXMLDesc(0)).disks) {
					if (!"cdrom".equals(disk.device()) && disk.source() != null) { //$NON-NLS-1$
						volumes.add(disk.source());
					}
				}
			}
			if (domain.isActive() == 1) {
				throw new DriverException(DriverException.Reason.INVALID_STATE,
						"VM " + nameOf(domain, uuid) + " is running; shut it down or force it off before deleting it."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			try {
				domain.undefine(UNDEFINE_FLAGS);
			} catch (LibvirtException e) {
				domain.undefine(); // drivers without flag support
			}
			for (String path : volumes) {
				try {
					StorageVol vol = connect.storageVolLookupByPath(path);
					try {
						vol.delete(0);
					} finally {
						vol.free();
					}
				} catch (LibvirtException e) {
					// not a managed volume (a plain file or device): left as it is, by design
				}
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot delete VM " + nameOf(domain, uuid) + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, e.getMessage(), e);
		} finally {
			free(domain);
		}
	}

	private StorageVol volume(String pool, String name) throws DriverException {
		try {
			StoragePool p = connect.storagePoolLookupByName(pool);
			try {
				return p.storageVolLookupByName(name);
			} finally {
				p.free();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "No volume '" + name + "' in pool '" + pool + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	@Override
	public PoolInfo.VolumeInfo createVolume(String pool, String name, long capacity, String format) throws DriverException {
		return newVolume(pool, name, capacity, null, format);
	}

	@Override
	public PoolInfo.VolumeInfo createSparseVolume(String pool, String name, long capacity, String format) throws DriverException {
		return newVolume(pool, name, capacity, Long.valueOf(0), format);
	}

	/** An empty volume with {@code allocation} bytes taken up front ({@code null}: libvirt's default). */
	private PoolInfo.VolumeInfo newVolume(String pool, String name, long capacity, Long allocation, String format) throws DriverException {
		String xml = VolumeXml.of(name, capacity, allocation, format);
		return createVolume(pool, name, xml, "Cannot create volume '" + name + "' in pool '" + pool + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** Creates volume {@code name} of {@code pool} from its XML; a failure is reported as {@code what}. */
	private PoolInfo.VolumeInfo createVolume(String pool, String name, String xml, String what) throws DriverException {
		try {
			StoragePool p = connect.storagePoolLookupByName(pool);
			try {
				return created(p.storageVolCreateXML(xml, 0), name);
			} finally {
				p.free();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, what);
		}
	}

	/** A volume just made, as the driver SPI describes it; frees it. */
	private static PoolInfo.VolumeInfo created(StorageVol vol, String name) throws LibvirtException {
		try {
			return volumeInfo(vol, name);
		} finally {
			vol.free();
		}
	}

	/** A volume as the driver SPI describes it: size, allocation, and from its XML its format and backing image. */
	private static PoolInfo.VolumeInfo volumeInfo(StorageVol vol, String name) throws LibvirtException {
		org.libvirt.StorageVolInfo info = vol.getInfo();
		String format = null;
		String backing = null;
		try {
			Element root = XmlDocs.parse(vol.getXMLDesc(0));
			Element f = DomainXml.child(DomainXml.child(root, "target"), "format"); //$NON-NLS-1$ //$NON-NLS-2$
			format = f == null ? null : f.getAttribute("type"); //$NON-NLS-1$
			Element b = DomainXml.child(DomainXml.child(root, "backingStore"), "path"); //$NON-NLS-1$ //$NON-NLS-2$
			backing = b == null ? null : b.getTextContent().trim();
		} catch (IOException e) {
			// format and backing stay unknown
		}
		return new PoolInfo.VolumeInfo(name, vol.getPath(), info.capacity, info.allocation, format, backing);
	}

	@Override
	public PoolInfo.VolumeInfo cloneVolume(String sourcePool, String source, String pool, String name,
			org.eclipse.core.runtime.IProgressMonitor monitor) throws DriverException {
		StorageVol from = volume(sourcePool, source);
		StorageVol made = null;
		boolean done = false;
		try {
			PoolInfo.VolumeInfo original = volumeInfo(from, source);
			String format = original.format() == null ? "raw" : original.format(); //$NON-NLS-1$
			String xml = VolumeXml.of(name, original.capacity(), Long.valueOf(0), format);
			StoragePool p = connect.storagePoolLookupByName(pool);
			try {
				made = p.storageVolCreateXML(xml, 0);
			} finally {
				p.free();
			}
			long total = Math.max(1, original.allocation());
			org.eclipse.core.runtime.SubMonitor progress = org.eclipse.core.runtime.SubMonitor.convert(monitor, "Copying " + source, 1000); //$NON-NLS-1$
			long started = System.nanoTime();
			org.hostdeck.core.driver.ProgressEstimate estimate = new org.hostdeck.core.driver.ProgressEstimate();
			StorageStreams.pipe(connect, from, connect, made, source,
					sent -> estimate.report(new org.hostdeck.core.driver.JobProgress(sent, Math.max(0, total - sent), total,
							(System.nanoTime() - started) / 1_000_000), progress, source + ": "), //$NON-NLS-1$
					progress::isCanceled);
			PoolInfo.VolumeInfo result = volumeInfo(made, name);
			done = true;
			return result;
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot copy volume '" + source + "' to '" + name + "' in pool '" + pool + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		} finally {
			if (made != null) {
				if (!done) {
					try {
						made.delete(0);
					} catch (LibvirtException e) {
						// reported by the caller's clean-up check
					}
				}
				freeQuietly(made);
			}
			freeQuietly(from);
		}
	}

	@Override
	public PoolInfo.VolumeInfo createOverlay(String pool, String name, String backingPath, String backingFormat, long capacity)
			throws DriverException {
		String xml = VolumeXml.overlay(name, capacity, backingPath, backingFormat);
		return createVolume(pool, name, xml,
				"Cannot create an overlay '" + name + "' of " + backingPath + " in pool '" + pool + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	@Override
	public PoolInfo.VolumeInfo copyVolume(String pool, String source, String name, String format) throws DriverException {
		try {
			StoragePool p = connect.storagePoolLookupByName(pool);
			try {
				StorageVol from = p.storageVolLookupByName(source);
				try {
					long capacity = from.getInfo().capacity;
					return created(p.storageVolCreateXMLFrom(VolumeXml.of(name, capacity, Long.valueOf(0), format), from, 0), name);
				} finally {
					from.free();
				}
			} finally {
				p.free();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot copy volume '" + source + "' to '" + name + "' in pool '" + pool + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
	}

	@Override
	public PoolInfo mountShare(String name, String server, String dir) throws DriverException {
		try {
			// defined, built (its mount point made), then started (mounted): unmountShare undoes each step
			StoragePool pool = connect.storagePoolDefineXML(netfsPoolXml(name, server, dir), 0);
			try {
				pool.build(0);
				pool.create(0);
				pool.refresh(0);
				return pool(pool);
			} catch (LibvirtException e) {
				removeShare(pool);
				throw e;
			} finally {
				pool.free();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot mount " + server + ":" + dir + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}

	/** Unmounts (when mounted), removes the mount point and forgets the pool; best effort. */
	private static void removeShare(StoragePool pool) {
		try {
			if (pool.isActive() == 1) {
				pool.destroy();
			}
		} catch (LibvirtException e) {
			// still mounted: the steps below fail as well and say so no better
		}
		try {
			pool.delete(0);
		} catch (LibvirtException e) {
			// no mount point was made
		}
		try {
			pool.undefine();
		} catch (LibvirtException e) {
			// gone already
		}
	}

	/** An NFS pool mounted under the host's temp folder. */
	static String netfsPoolXml(String name, String server, String dir) {
		return "<pool type='netfs'><name>" + XmlDocs.escape(name) + "</name><source><host name='" + XmlDocs.escape(server) //$NON-NLS-1$ //$NON-NLS-2$
				+ "'/><dir path='" + XmlDocs.escape(dir) + "'/><format type='nfs'/></source><target><path>/tmp/" //$NON-NLS-1$ //$NON-NLS-2$
				+ XmlDocs.escape(name) + "</path></target></pool>"; //$NON-NLS-1$
	}

	@Override
	public void unmountShare(String name) throws DriverException {
		try {
			StoragePool pool = connect.storagePoolLookupByName(name);
			try {
				removeShare(pool);
			} finally {
				pool.free();
			}
		} catch (LibvirtException e) {
			if (e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
				return;
			}
			throw Errors.toDriverException(e, "Cannot unmount " + name + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	@Override
	public void deleteVolume(String pool, String name) throws DriverException {
		StorageVol vol = volume(pool, name);
		try {
			vol.delete(0);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot delete volume '" + name + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			freeQuietly(vol);
		}
	}

	@Override
	public void upload(String pool, String name, long offset, java.io.InputStream data, long length,
			org.eclipse.core.runtime.IProgressMonitor monitor) throws DriverException {
		StorageVol vol = volume(pool, name);
		try {
			StorageStreams.upload(connect, vol, name, offset, data, length, monitor);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot upload to volume '" + name + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			freeQuietly(vol);
		}
	}

	@Override
	public org.hostdeck.core.driver.VolumeWriter openVolumeWriter(String pool, String name, long length,
			org.eclipse.core.runtime.IProgressMonitor monitor) throws DriverException {
		StorageVol vol = volume(pool, name);
		try {
			return StorageStreams.sparseUpload(connect, vol, name, length, monitor);
		} catch (LibvirtException e) {
			freeQuietly(vol);
			throw Errors.toDriverException(e, "Cannot upload to volume '" + name + "' on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (DriverException e) {
			freeQuietly(vol);
			throw e;
		}
	}

	@Override
	public long download(String pool, String name, long offset, long length, java.io.OutputStream out,
			org.eclipse.core.runtime.IProgressMonitor monitor) throws DriverException {
		StorageVol vol = volume(pool, name);
		try {
			return StorageStreams.download(connect, vol, name, offset, length, out, monitor);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot download volume '" + name + "' from " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			freeQuietly(vol);
		}
	}

	@Override
	public org.hostdeck.core.driver.MigrationResult migrate(String uuid, IHostConnection target,
			org.hostdeck.core.driver.MigrationOptions options, org.eclipse.core.runtime.IProgressMonitor monitor)
			throws DriverException {
		LibvirtConnection libvirtTarget = libvirtTarget(target, "migrate"); //$NON-NLS-1$
		Domain domain = lookup(uuid, false);
		String name = nameOf(domain, uuid);
		List<DriverException.Volume> leftBehind = new ArrayList<>();
		try {
			return Migration.run(domain, name, connect, libvirtTarget.connect, target.uri(), options, monitor, leftBehind);
		} catch (DriverException e) {
			throw e.withLeftBehind(leftBehind);
		} catch (LibvirtException e) {
			String where = ""; //$NON-NLS-1$
			try {
				where = domain.isActive() == 1 ? " It still runs on " + uri + "." : " It is still defined on " + uri + "."; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			} catch (LibvirtException stateUnknown) {
				// the source is gone too: say nothing about where it is
			}
			DriverException failure = Errors.toDriverException(e,
					"Cannot migrate VM " + name + " from " + uri + " to " + target.uri()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			throw new DriverException(failure.reason(), failure.getMessage() + where, e).withLeftBehind(leftBehind);
		} finally {
			free(domain);
		}
	}

	private LibvirtConnection libvirtTarget(IHostConnection target, String what) throws DriverException {
		if (!(target instanceof LibvirtConnection libvirtTarget)) {
			throw new DriverException(DriverException.Reason.NOT_SUPPORTED,
					"Cannot " + what + " from " + uri + " to " + target.uri() + ": both hosts must be libvirt hosts."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return libvirtTarget;
	}

	@Override
	public String cpuIncompatibility(String uuid, IHostConnection target) throws DriverException {
		LibvirtConnection libvirtTarget = libvirtTarget(target, "compare CPUs"); //$NON-NLS-1$
		Domain domain = lookup(uuid, false);
		try {
			return Migration.cpuIncompatibility(domain, connect, libvirtTarget.connect);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot compare the CPU of VM " + nameOf(domain, uuid) + " with " + target.uri()); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			free(domain);
		}
	}

	@Override
	public String poolOf(String path) throws DriverException {
		StorageVol vol = lookupVolume(path);
		if (vol == null && refreshPoolHolding(path)) {
			vol = lookupVolume(path);
		}
		if (vol == null) {
			return null;
		}
		try {
			StoragePool pool = vol.storagePoolLookupByVolume();
			try {
				return pool.getName();
			} finally {
				pool.free();
			}
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot find the pool of " + path + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			freeQuietly(vol);
		}
	}

	@Override
	public PoolInfo.VolumeInfo volumeAt(String path) throws DriverException {
		StorageVol vol = lookupVolume(path);
		if (vol == null && refreshPoolHolding(path)) {
			vol = lookupVolume(path); // a file put there since the pool was last read (another host wrote it)
		}
		if (vol == null) {
			return null;
		}
		try {
			return volumeInfo(vol, vol.getName());
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot read the volume at " + path + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} finally {
			freeQuietly(vol);
		}
	}

	@Override
	public org.hostdeck.core.driver.DomainStats stats(String uuid) throws DriverException {
		Domain domain = lookup(uuid, false);
		try {
			long now = System.nanoTime();
			org.libvirt.DomainInfo info = domain.getInfo();
			long diskRead = 0;
			long diskWrite = 0;
			long rx = 0;
			long tx = 0;
			if (info.state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_RUNNING
					|| info.state == org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_BLOCKED) {
				DomainXml xml = new DomainXml(domain.getXMLDesc(0));
				for (DomainInfo.DiskInfo disk : xml.disks) {
					if (!"cdrom".equals(disk.device()) && disk.target() != null) { //$NON-NLS-1$
						try {
							org.libvirt.DomainBlockStats b = domain.blockStats(disk.target());
							diskRead += b.rd_bytes;
							diskWrite += b.wr_bytes;
						} catch (LibvirtException e) {
							// a disk without statistics counts as idle
						}
					}
				}
				for (DomainInfo.NicInfo nic : xml.nics) {
					if (nic.device() != null) {
						try {
							org.libvirt.DomainInterfaceStats n = domain.interfaceStats(nic.device());
							rx += n.rx_bytes;
							tx += n.tx_bytes;
						} catch (LibvirtException e) {
							// a NIC without statistics counts as idle
						}
					}
				}
			}
			return new org.hostdeck.core.driver.DomainStats(now, info.cpuTime, info.nrVirtCpu, info.memory * 1024,
					diskRead, diskWrite, rx, tx);
		} catch (LibvirtException e) {
			throw Errors.toDriverException(e, "Cannot read the statistics of VM " + nameOf(domain, uuid) + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IOException e) {
			throw new DriverException(DriverException.Reason.OTHER, e.getMessage(), e);
		} finally {
			free(domain);
		}
	}

	@Override
	public org.hostdeck.core.driver.JobProgress jobProgress(String uuid) throws DriverException {
		Domain domain = lookup(uuid, false);
		try {
			return Migration.progress(domain);
		} finally {
			free(domain);
		}
	}

	private StorageVol lookupVolume(String path) throws DriverException {
		try {
			return connect.storageVolLookupByPath(path);
		} catch (LibvirtException e) {
			DriverException de = Errors.toDriverException(e, "Cannot look for a volume at " + path + " on " + uri); //$NON-NLS-1$ //$NON-NLS-2$
			if (de.reason() == DriverException.Reason.NOT_FOUND) {
				return null;
			}
			throw de;
		}
	}

	/** Re-reads the active pool whose folder holds {@code path}; @return whether there was one */
	private boolean refreshPoolHolding(String path) {
		try {
			for (String name : connect.listStoragePools()) {
				StoragePool pool = connect.storagePoolLookupByName(name);
				try {
					Element target = DomainXml.child(XmlDocs.parse(pool.getXMLDesc(0)), "target"); //$NON-NLS-1$
					Element folder = target == null ? null : DomainXml.child(target, "path"); //$NON-NLS-1$
					if (folder != null && path.startsWith(DomainXml.text(folder) + "/")) { //$NON-NLS-1$
						pool.refresh(0);
						return true;
					}
				} finally {
					pool.free();
				}
			}
		} catch (LibvirtException | IOException e) {
			// no pool to re-read: the path is simply unknown here
		}
		return false;
	}

	private static void freeQuietly(StorageVol vol) {
		try {
			vol.free();
		} catch (LibvirtException e) {
			// already freed
		}
	}

	private static String nameOf(Domain domain, String fallback) {
		try {
			return "'" + domain.getName() + "'"; //$NON-NLS-1$ //$NON-NLS-2$
		} catch (LibvirtException e) {
			return fallback;
		}
	}

	@Override
	public synchronized void addListener(IHostListener listener) {
		listeners.add(listener);
		if (lifecycle == null) {
			lifecycle = (domain, event) -> {
				try {
					DomainEvent e = new DomainEvent(domain.getUUIDString(), domain.getName(), kind(event.getType()));
					for (IHostListener l : listeners) {
						l.domainChanged(e);
					}
				} catch (LibvirtException | RuntimeException ex) {
					// an event we cannot read: the next sync corrects the model
				}
				return 0;
			};
			try {
				connect.addLifecycleListener(lifecycle);
				connect.registerCloseListener((c, reason) -> connectionLost("the connection closed (" + reason + ")")); //$NON-NLS-1$ //$NON-NLS-2$
			} catch (LibvirtException e) {
				// the host cannot send events; callers see isAlive() and poll instead
			}
		}
	}

	void connectionLost(String reason) {
		if (closed || lost) {
			return;
		}
		lost = true;
		for (IHostListener l : listeners) {
			l.connectionLost(uri + ": " + reason); //$NON-NLS-1$
		}
	}

	private static DomainEvent.Kind kind(DomainEventType type) {
		return switch (type) {
		case DEFINED -> DomainEvent.Kind.DEFINED;
		case UNDEFINED -> DomainEvent.Kind.UNDEFINED;
		case STARTED -> DomainEvent.Kind.STARTED;
		case SUSPENDED -> DomainEvent.Kind.SUSPENDED;
		case RESUMED -> DomainEvent.Kind.RESUMED;
		case STOPPED -> DomainEvent.Kind.STOPPED;
		case SHUTDOWN -> DomainEvent.Kind.SHUTDOWN;
		case CRASHED -> DomainEvent.Kind.CRASHED;
		case PMSUSPENDED -> DomainEvent.Kind.PM_SUSPENDED;
		default -> DomainEvent.Kind.OTHER;
		};
	}

	@Override
	public void removeListener(IHostListener listener) {
		listeners.remove(listener);
	}

	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		consoles.closeAll();
		try {
			if (lifecycle != null) {
				connect.removeLifecycleListener(lifecycle);
				connect.unregisterCloseListener();
			}
		} catch (LibvirtException e) {
			// closing anyway
		}
		try {
			connect.close();
		} catch (LibvirtException e) {
			// nothing left to do
		}
	}

	private static void free(Domain domain) {
		try {
			domain.free();
		} catch (LibvirtException e) {
			// already freed
		}
	}
}
