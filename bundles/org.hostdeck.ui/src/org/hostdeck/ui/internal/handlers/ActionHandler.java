package org.hostdeck.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;

/**
 * A handler serving several commands, plugin.xml naming the action after a colon
 * ({@code class="...VmPowerHandler:START"}).
 */
abstract class ActionHandler<A extends Enum<A>> extends AbstractHandler implements IExecutableExtension {

	private final Class<A> type;
	protected A action;

	ActionHandler(Class<A> type, A first) {
		this.type = type;
		this.action = first;
	}

	@Override
	public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
		if (data instanceof String name) {
			action = Enum.valueOf(type, name);
		}
	}
}
