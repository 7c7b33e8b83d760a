package org.hostdeck.libvirt.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.hostdeck.core.driver.DriverException;
import org.hostdeck.core.driver.ImportRewrite;
import org.hostdeck.fuzz.Inputs;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An exported VM definition ({@code vm.xml}'s hypervisor part) written by an attacker, through
 * the import's allow-list: refused with a {@link DriverException}, or defined with nothing the
 * policy does not know, no disk but the import's own volume, and stable (the result goes through
 * the policy again unchanged).
 */
public final class DomainFuzzer {

	private static final String IMAGE = "/var/lib/libvirt/images/web.img";
	private static final String OWN = "/var/lib/libvirt/images/web-copy.img";

	private DomainFuzzer() {
	}

	private static DomainImport.Rewritten rewrite(String xml, String image) throws DriverException {
		return DomainImport.rewritten(xml, ImportRewrite.fromFile("web-copy", false, Map.of(image, OWN), Map.of(image, "raw"), Map.of()));
	}

	public static void fuzzerTestOneInput(byte[] data) throws Exception {
		DomainImport.Rewritten once;
		try {
			once = rewrite(new String(data, StandardCharsets.UTF_8), IMAGE);
		} catch (DriverException refused) {
			return;
		}
		Element root = XmlDocs.parse(once.xml());
		NodeList all = root.getElementsByTagName("*");
		for (int i = 0; i < all.getLength(); i++) {
			Element e = (Element) all.item(i);
			Inputs.check(e.getNamespaceURI() == null && !e.getTagName().contains(":"), "<" + e.getTagName() + "> kept");
			if ("source".equals(e.getTagName()) && e.getParentNode() instanceof Element disk && "disk".equals(disk.getTagName())) {
				Inputs.check(!e.hasAttributes() || OWN.equals(e.getAttribute("file")) && e.getAttributes().getLength() == 1,
						"a disk source " + XmlDocs.class.getSimpleName() + " kept: file=" + e.getAttribute("file") + " dev="
								+ e.getAttribute("dev") + " name=" + e.getAttribute("name"));
			}
		}
		DomainImport.Rewritten twice = rewrite(once.xml(), OWN); // imported again, from where the first import put the disk
		Inputs.check(twice.leftOut().isEmpty(), "the policy's own result had more left out: " + twice.leftOut());
	}
}
