package org.hostdeck.libvirt.internal;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Parses libvirt's XML descriptions safely (no DTDs, no entities). */
final class XmlDocs {

	private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); //$NON-NLS-1$
			factory.setExpandEntityReferences(false);
			return factory.newDocumentBuilder();
		} catch (ParserConfigurationException e) {
			throw new IllegalStateException(e);
		}
	});

	private XmlDocs() {
	}

	static Element parse(String xml) throws IOException {
		try {
			DocumentBuilder builder = BUILDER.get();
			builder.reset();
			return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
		} catch (SAXException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** Escapes text for an XML element or a single-quoted attribute. */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
				.replace("\"", "&quot;"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Serializes a parsed description back to XML for libvirt. */
	static String toXml(org.w3c.dom.Node node) throws IOException {
		try {
			javax.xml.transform.Transformer transformer = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
			transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes"); //$NON-NLS-1$
			java.io.StringWriter out = new java.io.StringWriter();
			transformer.transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(out));
			return out.toString();
		} catch (javax.xml.transform.TransformerException e) {
			throw new IOException(e.getMessage(), e);
		}
	}
}
