package org.hostdeck.placement.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hostdeck.core.inventory.PerformanceArchive.Sample;
import org.hostdeck.model.Host;
import org.hostdeck.model.HostState;
import org.hostdeck.model.Inventory;
import org.hostdeck.model.InventoryFactory;
import org.hostdeck.model.Network;
import org.hostdeck.model.NetworkInterface;
import org.hostdeck.model.PhysicalNic;
import org.hostdeck.model.PowerState;
import org.hostdeck.model.Tag;
import org.hostdeck.model.VirtualMachine;
import org.hostdeck.model.WorkloadProfile;
import org.hostdeck.placement.PlacementHost;
import org.hostdeck.placement.PlacementProblem;
import org.hostdeck.placement.PlacementSettings;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Resource;
import org.hostdeck.placement.inventory.InventoryPlacement;
import org.junit.jupiter.api.Test;

/** What the inventory tells placement: capacities, NICs, demands from samples, tags and zones. */
class InventoryPlacementTest {

	private static final InventoryFactory F = InventoryFactory.eINSTANCE;
	private static final double GIB = 1L << 30;

	private final Inventory inventory = F.createInventory();

	private Host host(String name, HostState state, int... nicSpeeds) {
		Host h = F.createHost();
		h.setName(name);
		h.setUri("qemu+libssh://" + name + "/system");
		h.setState(state);
		h.setCpuSockets(2);
		h.setCpuCores(8);
		h.setCpuMhz(2500);
		h.setMemoryTotal((long) (128 * GIB));
		for (int speed : nicSpeeds) {
			PhysicalNic nic = F.createPhysicalNic();
			nic.setName("eno" + h.getPhysicalNics().size());
			nic.setSpeedMbps(speed);
			h.getPhysicalNics().add(nic);
		}
		inventory.getHosts().add(h);
		return h;
	}

	private Network network(Host host, String name, String zone) {
		Network n = F.createNetwork();
		n.setName(name);
		n.setIsolationZone(zone);
		host.getNetworks().add(n);
		return n;
	}

	private VirtualMachine vm(Host host, String name, int vcpus, double memGib, PowerState state, Network... networks) {
		VirtualMachine vm = F.createVirtualMachine();
		vm.setName(name);
		vm.setUuid("uuid-" + name);
		vm.setVcpus(vcpus);
		vm.setMemory((long) (memGib * GIB));
		vm.setPowerState(state);
		for (Network n : networks) {
			NetworkInterface nic = F.createNetworkInterface();
			nic.setNetwork(n);
			nic.setNetworkName(n.getName());
			vm.getNics().add(nic);
		}
		host.getVms().add(vm);
		return vm;
	}

	private Tag tag(String name) {
		Tag t = F.createTag();
		t.setName(name);
		inventory.getTags().add(t);
		return t;
	}

	@Test
	void hostsOfferCoresTimesClockMemoryAndTheirFastestNicsUpToTheLimit() {
		Host a = host("hv-a", HostState.CONNECTED, 10_000, 1_000, 25_000, 10_000);
		a.setMaxNics(3);
		network(a, "lan", null);
		Host b = host("hv-b", HostState.DISCONNECTED);
		Host c = host("hv-c", HostState.CONNECTED, 1000);
		c.getTags().add(tag("Maintenance"));
		c.getTags().add(tag("cost:2.5"));

		PlacementProblem problem = InventoryPlacement.problem(inventory, vm -> List.of(), PlacementSettings.BALANCE);
		PlacementHost pa = problem.hosts().get(0);
		assertArrayEquals(new double[] { 16 * 2500, 128 * GIB, 45_000, 0 }, pa.capacity(), 1e-6,
				"2 x 8 cores x 2,500 MHz; the three fastest NICs: 25 + 10 + 10 Gbit/s");
		assertEquals(Set.of("lan"), pa.networks());
		assertFalse(pa.maintenance());
		assertTrue(problem.hosts().get(1).maintenance(), "a disconnected host takes no VMs");
		assertTrue(problem.hosts().get(2).maintenance(), "tagged maintenance");
		assertEquals(2.5, problem.hosts().get(2).cost());
		assertEquals(1, pa.cost());
		assertEquals(b.getUri(), problem.hosts().get(1).id());
	}

	@Test
	void vmsNeedWhatTheirSamplesShowHourByHourElseTheirWorkloadElseTheirVcpus() {
		Host h = host("hv", HostState.CONNECTED, 10_000);
		Network lan = network(h, "lan", null);
		Network dmz = network(h, "dmz-net", "dmz");
		VirtualMachine measured = vm(h, "measured", 4, 8, PowerState.RUNNING, lan);
		VirtualMachine profiled = vm(h, "profiled", 2, 4, PowerState.RUNNING, dmz, lan);
		WorkloadProfile workload = F.createWorkloadProfile();
		workload.setCpu(0.25);
		workload.setNetwork(0.1);
		workload.setDisk(0.5);
		profiled.setWorkload(workload);
		VirtualMachine unknown = vm(h, "unknown", 2, 2, PowerState.PAUSED);
		unknown.getTags().add(tag("ha:sql"));
		unknown.getTags().add(tag("pinned"));
		vm(h, "off", 8, 64, PowerState.SHUT_OFF);

		// a busy morning and a quiet night, two days running: 09:00 at 50 %, 03:00 at 10 %
		List<Sample> samples = new ArrayList<>();
		for (int day = 1; day <= 2; day++) {
			for (int[] at : new int[][] { { 9, 50 }, { 3, 10 } }) {
				long millis = LocalDate.of(2026, 11, day).atTime(at[0], 30).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
				samples.add(new Sample(millis, at[1], (long) (8 * GIB), 5e6, 5e6, 1e6, 1.5e6));
			}
		}
		PlacementProblem problem = InventoryPlacement.problem(inventory, vm -> vm == measured ? samples : List.of(),
				PlacementSettings.BALANCE);
		Map<String, PlacementVm> by = new java.util.HashMap<>();
		problem.vms().forEach(v -> by.put(v.name(), v));
		assertEquals(Set.of("measured", "profiled", "unknown"), by.keySet(), "a shut-off VM needs nothing");

		PlacementVm m = by.get("measured");
		assertEquals(0.5 * 4 * 2500, m.demand(Resource.CPU, 9), 1e-6, "09:00: half of 4 vCPUs at 2,500 MHz");
		assertEquals(0.1 * 4 * 2500, m.demand(Resource.CPU, 3), 1e-6);
		assertEquals(0.3 * 4 * 2500, m.demand(Resource.CPU, 15), 1e-6, "an hour never sampled: the mean");
		assertEquals(20, m.demand(Resource.NETWORK, 9), 1e-6, "2.5 MB/s both ways = 20 Mbit/s");
		assertEquals(10, m.demand(Resource.DISK, 9), 1e-6);
		assertEquals(8 * GIB, m.demand(Resource.MEMORY, 3), 1e-6);
		assertEquals(h.getUri(), m.currentHost());
		assertNull(m.zone());

		PlacementVm p = by.get("profiled");
		assertArrayEquals(new double[] { 0.25 * 2 * 2500, 4 * GIB, 100, 100 }, p.demand(), 1e-6);
		assertEquals(Set.of("dmz-net", "lan"), p.networks());
		assertEquals("dmz", p.zone());

		PlacementVm u = by.get("unknown");
		assertEquals(2 * 2500, u.demand(Resource.CPU), 1e-6, "nothing known: all its vCPUs");
		assertEquals("sql", u.haGroup());
		assertEquals(h.getUri(), u.pinnedHost());
	}
}
