package org.hostdeck.examples.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.PlacementVm;
import org.hostdeck.placement.Resource;

/**
 * Backup windows must not overlap on one host: two backups streaming at once through the same
 * NICs slow both and the VMs around them. A VM's backup window is every hour in which its network
 * demand reaches {@code thresholdMbps} (its daily profile shows the burst). Penalty: per hour, the
 * backups beyond the first on the host.
 */
public class BackupWindowRule implements PlacementRule {

	private double threshold = 200;

	@Override
	public void configure(Map<String, String> parameters) {
		String value = parameters.get("thresholdMbps"); //$NON-NLS-1$
		if (value != null) {
			threshold = Double.parseDouble(value);
		}
	}

	@Override
	public double penalty(HostView host) {
		if (host.vms().size() < 2) {
			return 0;
		}
		double penalty = 0;
		for (int hour = 0; hour < PlacementVm.HOURS; hour++) {
			int backups = 0;
			for (PlacementVm vm : host.vms()) {
				if (vm.demand(Resource.NETWORK, hour) >= threshold) {
					backups++;
				}
			}
			penalty += Math.max(0, backups - 1);
		}
		return penalty;
	}

	@Override
	public List<String> explain(HostView host) {
		List<String> lines = new ArrayList<>();
		for (int hour = 0; hour < PlacementVm.HOURS; hour++) {
			List<String> names = new ArrayList<>();
			for (PlacementVm vm : host.vms()) {
				if (vm.demand(Resource.NETWORK, hour) >= threshold) {
					names.add(vm.name());
				}
			}
			if (names.size() > 1) {
				lines.add(String.format(Locale.ROOT, "the backups of %s overlap at %02d:00 on %s; move one VM or its backup.", //$NON-NLS-1$
						String.join(", ", names), hour, host.host().name())); //$NON-NLS-1$
			}
		}
		return lines;
	}
}
