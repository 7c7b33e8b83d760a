package org.hostdeck.placement.inventory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.hostdeck.core.inventory.PerformanceArchive.Sample;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.NamedElement;
import org.hostdeck.model.Network;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.PhysicalNic;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;

/**
 * The inventory as a placement problem. Read it on the inventory's owner thread (inside
 * {@code InventoryService.query}).
 * <ul>
 * <li>A host offers its cores x MHz, its memory, the sum of its fastest physical NICs (at most
 * {@code maxNics} of the host, else of the settings), and the networks it has. A host that is
 * not connected, or is tagged {@code maintenance}, takes no VMs. Its cost is 1 unless a tag
 * {@code cost:N} says otherwise.</li>
 * <li>A VM that is not shut off needs its memory, and the CPU, network and disk its hourly
 * samples show, as a 24-hour profile (hour of day, local time); without samples, its workload
 * profile's shares of its vCPUs x the host's MHz; without either, all its vCPUs. Its networks are
 * those of its NICs; its isolation zone the first of theirs; a tag {@code ha:NAME} puts it in an
 * HA group, a tag {@code pinned} keeps it on its host.</li>
 * </ul>
 */
public final class InventoryPlacement {

	private static final double GIGABIT = 1000;
	private static final double DISK_MBPS = 200;

	private InventoryPlacement() {
	}

	/**
	 * @param hourly the hourly samples of a VM (e.g. {@code vm -> sampler.samples(vm, HOURS)}),
	 *               empty when none were taken
	 */
	public static PlacementProblem problem(Inventory inventory, Function<VirtualMachine, List<Sample>> hourly,
			PlacementSettings settings) {
		List<PlacementHost> hosts = new ArrayList<>();
		List<PlacementVm> vms = new ArrayList<>();
		for (Host host : inventory.getHosts()) {
			hosts.add(host(host, settings));
			for (VirtualMachine vm : host.getVms()) {
				if (vm.getPowerState() != PowerState.SHUT_OFF) {
					vms.add(vm(vm, hourly.apply(vm)));
				}
			}
		}
		return new PlacementProblem(hosts, vms, settings);
	}

	static PlacementHost host(Host host, PlacementSettings settings) {
		int maxNics = host.getMaxNics() > 0 ? host.getMaxNics() : settings.maxNics();
		double network = host.getPhysicalNics().stream().map(PhysicalNic::getSpeedMbps)
				.sorted(Comparator.reverseOrder()).limit(maxNics).mapToDouble(Integer::doubleValue).sum();
		Set<String> networks = new LinkedHashSet<>();
		for (Network n : host.getNetworks()) {
			networks.add(n.getName());
		}
		boolean maintenance = host.getState() != HostState.CONNECTED || tagged(host, "maintenance") != null; //$NON-NLS-1$
		String cost = tagged(host, "cost:"); //$NON-NLS-1$
		double price = 1;
		if (cost != null) {
			try {
				price = Double.parseDouble(cost);
			} catch (NumberFormatException e) {
				price = 1; // a tag that is not a number: the default, as if untagged
			}
		}
		double cpu = (double) Math.max(1, host.getCpuSockets()) * Math.max(1, host.getCpuCores()) * host.getCpuMhz();
		return new PlacementHost(host.getUri(), host.getName(), new double[] { cpu, host.getMemoryTotal(), network, 0 },
				host.getPhysicalNics().size(), networks, null, maintenance, price);
	}

	/**
	 * One VM as the placement sees it (read on the inventory's owner thread): its hourly samples
	 * as a day, else its workload profile, else all its vCPUs busy.
	 */
	/** CPU speed assumed for a VM that is on no host yet. */
	static final double NOMINAL_MHZ = 2000;

	public static PlacementVm vm(VirtualMachine vm, List<Sample> hourly) {
		Host host = vm.getHost();
		// a VM not on a host yet (the Install wizard rating hosts for it): its vCPUs at a nominal speed
		double mhz = host == null ? NOMINAL_MHZ : host.getCpuMhz();
		double allocated = vm.getVcpus() * mhz;
		double[] demand;
		double[][] profile = null;
		if (!hourly.isEmpty()) {
			profile = profile(hourly, vm.getVcpus() * mhz, vm.getMemory());
			demand = new double[4];
			for (int r = 0; r < 4; r++) {
				for (double x : profile[r]) {
					demand[r] = Math.max(demand[r], x);
				}
			}
		} else if (vm.getWorkload() != null) {
			demand = new double[] { vm.getWorkload().getCpu() * allocated, vm.getMemory(), vm.getWorkload().getNetwork() * GIGABIT,
					vm.getWorkload().getDisk() * DISK_MBPS };
		} else {
			demand = new double[] { allocated, vm.getMemory(), 0, 0 };
		}
		Set<String> networks = new LinkedHashSet<>();
		String zone = null;
		for (NetworkInterface nic : vm.getNics()) {
			String name = nic.getNetwork() != null ? nic.getNetwork().getName() : nic.getNetworkName();
			if (name != null) {
				networks.add(name);
			}
			if (zone == null && nic.getNetwork() != null) {
				zone = nic.getNetwork().getIsolationZone();
			}
		}
		String id = vm.getUuid() != null ? vm.getUuid() : vm.getName();
		return new PlacementVm(id, vm.getName(), demand, profile, networks, tagged(vm, "ha:"), zone, //$NON-NLS-1$
				tagged(vm, "pinned") != null && host != null ? host.getUri() : null, host == null ? null : host.getUri()); //$NON-NLS-1$
	}

	/** Mean demand per hour of day: CPU MHz, memory bytes, network Mbit/s, disk MB/s. */
	private static double[][] profile(List<Sample> hourly, double mhz, long memory) {
		double[][] sum = new double[4][PlacementVm.HOURS];
		int[] count = new int[PlacementVm.HOURS];
		double[] all = new double[4];
		for (Sample s : hourly) {
			int hour = Instant.ofEpochMilli(s.timeMillis()).atZone(ZoneId.systemDefault()).getHour();
			double[] x = { s.cpuPercent() / 100 * mhz, memory, (s.netRxBps() + s.netTxBps()) * 8 / 1e6,
					(s.diskReadBps() + s.diskWriteBps()) / 1e6 };
			for (int r = 0; r < 4; r++) {
				sum[r][hour] += x[r];
				all[r] += x[r] / hourly.size();
			}
			count[hour]++;
		}
		double[][] profile = new double[4][PlacementVm.HOURS];
		for (int r = 0; r < 4; r++) {
			for (int t = 0; t < PlacementVm.HOURS; t++) {
				profile[r][t] = count[t] == 0 ? all[r] : sum[r][t] / count[t];
			}
		}
		return profile;
	}

	/** The rest of the first tag of {@code element} starting with {@code prefix}, or {@code null}. */
	private static String tagged(NamedElement element, String prefix) {
		for (Tag tag : element.getTags()) {
			String name = tag.getName() == null ? "" : tag.getName().trim(); //$NON-NLS-1$
			if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
				return name.substring(prefix.length()).trim();
			}
		}
		return null;
	}
}
