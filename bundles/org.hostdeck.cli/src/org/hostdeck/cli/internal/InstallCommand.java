package org.hostdeck.cli.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.hostdeck.core.install.InstallRequest;
import org.hostdeck.core.install.Templates;
import org.hostdeck.core.inventory.Pools;
import org.hostdeck.core.operations.InstallVmOperation;
import org.hostdeck.model.CpuWeight;
import org.hostdeck.model.Host;
import org.hostdeck.model.InstallMethod;
import org.hostdeck.model.Network;
import org.hostdeck.model.Template;
import org.hostdeck.model.util.Sizes;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hostdeck install}: a new VM from a template, as the install wizard makes it: the
 * template's defaults, changed by the flags; pre-checked against the host before anything is made.
 */
@Command(name = "install", description = { "Install a new VM from a template (see --list-templates).",
		"Sources: --iso POOL/VOLUME (an ISO on the host), --upload FILE (an ISO on this computer), --tree URL (network install), --image POOL/VOLUME (an existing disk)." })
final class InstallCommand extends CliCommand {

	/** Where the OS comes from (one of them). */
	static final class Source {
		@Option(names = "--iso", paramLabel = "POOL/VOLUME", description = "Install from an ISO volume on the host.")
		String iso;

		@Option(names = "--upload", paramLabel = "FILE", description = "Upload this ISO into the host's pool, then install from it.")
		String upload;

		@Option(names = "--tree", paramLabel = "URL", description = "Network install from an exploded install tree (HTTP, FTP, NFS).")
		String tree;

		@Option(names = "--image", paramLabel = "POOL/VOLUME", description = "Use this existing disk image as the first disk.")
		String image;
	}

	/** One template as listed. */
	record TemplateRow(String name, String method, int vcpus, long memory, long disk, boolean builtIn) {
	}

	@Option(names = "--list-templates", description = "List the templates and exit.")
	boolean listTemplates;

	@Option(names = "--host", description = "Target host (name or URI).")
	String host;

	@Option(names = "--name", description = "The new VM's name.")
	String name;

	@Option(names = "--template", description = "Template name (or the start of it); default: the one that fits the source.")
	String template;

	@Option(names = "--description", description = "Free text shown with the VM.")
	String description;

	@Option(names = "--vcpus", description = "Virtual CPUs (default: the template's).")
	Integer vcpus;

	@Option(names = "--memory", description = "Memory, e.g. 2G (default: the template's).")
	String memory;

	@Option(names = "--cpu-weight", description = "Share of the host's CPU under contention: ${COMPLETION-CANDIDATES}.")
	CpuWeight cpuWeight;

	@Option(names = "--disk", paramLabel = "SIZE[:POOL[:FORMAT]]", description = "A new disk (repeat for more); replaces the template's. FORMAT qcow2 (default) or raw.")
	List<String> disks = new ArrayList<>();

	@Option(names = "--nic", paramLabel = "NETWORK", description = "A NIC on this network (repeat for more); replaces the template's.")
	List<String> nics = new ArrayList<>();

	@Option(names = "--no-start", description = "Define the VM without booting it.")
	boolean noStart;

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	Source source;

	@Override
	int run() throws CliException {
		List<Template> templates = Templates.all(session.service());
		if (listTemplates) {
			List<TemplateRow> rows = session.service().query(i -> templates.stream().map(t -> new TemplateRow(t.getName(),
					state(t.getInstallMethod()), t.getVcpus(), t.getMemory(), t.getDiskCapacity(), t.isBuiltIn())).toList());
			if (session.json) {
				Output.json(session.out, rows);
			} else {
				List<List<String>> cells = new ArrayList<>();
				rows.forEach(r -> cells.add(List.of(r.name(), r.method(), Integer.toString(r.vcpus()), Sizes.format(r.memory()),
						r.disk() == 0 ? "-" : Sizes.format(r.disk())))); //$NON-NLS-1$
				Output.table(session.out, List.of("TEMPLATE", "SOURCE", "VCPUS", "MEMORY", "DISK"), cells); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			}
			return ExitCodes.OK;
		}
		if (host == null || name == null) {
			throw CliException.badInput("install needs --host and --name (and a source: --iso, --upload, --tree or --image)."); //$NON-NLS-1$
		}
		if (source == null) {
			throw CliException.badInput("install needs a source: --iso POOL/VOLUME, --upload FILE, --tree URL or --image POOL/VOLUME."); //$NON-NLS-1$
		}
		Host target = session.connected(session.host(host));
		Template chosen = template(templates);
		record Defaults(String pool, String network) {
		}
		Defaults defaults = session.service().query(i -> new Defaults(Pools.best(target), target.getNetworks().stream()
				.sorted(Comparator.comparing(n -> !n.isActive())).map(Network::getName).findFirst().orElse(null)));
		InstallRequest request = session.service().query(i -> InstallRequest.from(chosen, defaults.pool(), defaults.network()));
		request.name(name.trim());
		if (description != null) {
			request.description(description);
		}
		if (vcpus != null) {
			request.vcpus(vcpus.intValue());
		}
		if (memory != null) {
			request.memory(size(memory, "--memory")); //$NON-NLS-1$
		}
		if (cpuWeight != null) {
			request.cpuWeight(cpuWeight);
		}
		if (!disks.isEmpty()) {
			request.disks().clear();
			for (String d : disks) {
				request.disks().add(newDisk(d, defaults.pool()));
			}
		}
		if (!nics.isEmpty()) {
			request.networks().clear();
			request.networks().addAll(nics);
		}
		request.startNow(!noStart);
		request.source(source(request));
		InstallVmOperation op = new InstallVmOperation(session.service(), target, request);
		InstallVmOperation.Precheck check = op.precheck();
		check.warnings().forEach(w -> session.err.println("hostdeck: warning: " + w)); //$NON-NLS-1$
		Session.refuseOn(op.label(), check.errors());
		int code = session.run(op.label(), session.service().query(i -> request.name() + " @ " + target.getName()), op::uuid, op::execute); //$NON-NLS-1$
		if (code == ExitCodes.OK) {
			session.out.println("Installed " + request.name() + " (" + op.uuid() + ") on " + host + (noStart ? "" : "; it is booting")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		}
		return code;
	}

	private Template template(List<Template> templates) throws CliException {
		if (template == null) {
			InstallMethod wanted = source.image != null ? InstallMethod.DISK_IMAGE
					: source.tree != null ? InstallMethod.NETWORK : InstallMethod.MEDIA;
			return session.service().query(i -> templates.stream().filter(t -> t.getInstallMethod() == wanted).findFirst().orElse(templates.get(0)));
		}
		String wanted = template.toLowerCase(Locale.ROOT);
		List<Template> matching = session.service().query(i -> templates.stream().filter(t -> t.getName().equalsIgnoreCase(template)).toList());
		if (matching.isEmpty()) {
			matching = session.service().query(i -> templates.stream().filter(t -> t.getName().toLowerCase(Locale.ROOT).startsWith(wanted)).toList());
		}
		if (matching.size() != 1) {
			List<String> names = session.service().query(i -> templates.stream().map(Template::getName).toList());
			throw matching.isEmpty() ? CliException.notFound("No template '" + template + "'. Templates: " + String.join("; ", names)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					: CliException.badInput("'" + template + "' starts more than one template's name: say more of it. Templates: " //$NON-NLS-1$ //$NON-NLS-2$
							+ String.join("; ", names)); //$NON-NLS-1$
		}
		return matching.get(0);
	}

	private InstallRequest.Source source(InstallRequest request) throws CliException {
		if (source.iso != null) {
			return new InstallRequest.Media(volume(source.iso, "--iso")); //$NON-NLS-1$
		}
		if (source.image != null) {
			return new InstallRequest.DiskImage(volume(source.image, "--image")); //$NON-NLS-1$
		}
		if (source.upload != null) {
			String pool = request.disks().isEmpty() ? null : request.disks().get(0).pool();
			return new InstallRequest.MediaUpload(java.nio.file.Path.of(source.upload).toAbsolutePath().toString(), pool);
		}
		String args = request.source() instanceof InstallRequest.NetworkTree t ? t.kernelArgs() : null;
		return new InstallRequest.NetworkTree(source.tree, args);
	}

	private static InstallRequest.Volume volume(String text, String option) throws CliException {
		int slash = text.indexOf('/');
		if (slash <= 0 || slash == text.length() - 1) {
			throw CliException.badInput("'" + text + "' for " + option + " is not POOL/VOLUME, e.g. isos/debian-12.iso."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return new InstallRequest.Volume(text.substring(0, slash), text.substring(slash + 1));
	}
}
