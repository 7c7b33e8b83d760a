package org.hostdeck.placement.extensions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.hostdeck.placement.PlacementRule;
import org.hostdeck.placement.RuleDescriptor;

/**
 * The rules bundles contribute to {@code org.hostdeck.placement.rules}. A declaration that cannot
 * be used (missing class, bad weight, a configure that throws) is left out with a message naming
 * its bundle; the others are used.
 */
public final class ContributedRules {

	public static final String POINT = "org.hostdeck.placement.rules"; //$NON-NLS-1$

	private final List<RuleDescriptor> rules = new ArrayList<>();
	private final List<String> problems = new ArrayList<>();

	private ContributedRules() {
	}

	/** Reads the extension registry of the running platform. */
	public static ContributedRules read() {
		return read(RegistryFactory.getRegistry());
	}

	public static ContributedRules read(IExtensionRegistry registry) {
		ContributedRules found = new ContributedRules();
		if (registry == null) {
			return found;
		}
		for (IConfigurationElement e : registry.getConfigurationElementsFor(POINT)) {
			if ("rule".equals(e.getName())) { //$NON-NLS-1$
				found.add(e);
			}
		}
		return found;
	}

	private void add(IConfigurationElement e) {
		String bundle = e.getContributor().getName();
		String id = e.getAttribute("id"); //$NON-NLS-1$
		try {
			double weight = Double.parseDouble(e.getAttribute("weight") == null ? "1" : e.getAttribute("weight")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			if (!(weight > 0) || Double.isInfinite(weight)) {
				throw new NumberFormatException("not a positive number: " + weight); //$NON-NLS-1$
			}
			Object created = e.createExecutableExtension("class"); //$NON-NLS-1$
			if (!(created instanceof PlacementRule rule)) {
				problems.add("Placement rule " + id + " of bundle " + bundle + " is not a PlacementRule; it is not used."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				return;
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			for (IConfigurationElement p : e.getChildren("parameter")) { //$NON-NLS-1$
				parameters.put(p.getAttribute("name"), p.getAttribute("value")); //$NON-NLS-1$ //$NON-NLS-2$
			}
			rule.configure(Map.copyOf(parameters));
			rules.add(new RuleDescriptor(id, e.getAttribute("name"), bundle, "hard".equals(e.getAttribute("kind")), weight, rule)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		} catch (NumberFormatException ex) {
			problems.add("Placement rule " + id + " of bundle " + bundle + " has a bad weight (" + ex.getMessage() + "); it is not used."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		} catch (CoreException | RuntimeException ex) {
			problems.add("Placement rule " + id + " of bundle " + bundle + " could not be created: " + ex.getMessage() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "; it is not used."); //$NON-NLS-1$
		}
	}

	public List<RuleDescriptor> rules() {
		return List.copyOf(rules);
	}

	/** Declarations left out, each naming its bundle and why. */
	public List<String> problems() {
		return List.copyOf(problems);
	}
}
