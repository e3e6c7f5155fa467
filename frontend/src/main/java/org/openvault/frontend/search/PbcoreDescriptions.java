package org.openvault.frontend.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The description of an AAPB record from its PBCore XML: the text of the document's {@code pbcoreDescription}
 * elements joined by ", ". Parsed with the JDK's parser locked down: no DOCTYPE, so no entities and no external
 * files or URLs are ever read. Anything unparseable has no description.
 */
final class PbcoreDescriptions {

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // not a reason to give up on the record
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private PbcoreDescriptions() {
    }

    static String of(String xml) {
        if (xml == null || xml.isBlank()) {
            return "";
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            Element root = builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            List<String> texts = new ArrayList<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && "pbcoreDescription".equals(element.getLocalName())) {
                    String text = element.getTextContent().strip().replaceAll("\\s+", " ");
                    if (!text.isEmpty()) {
                        texts.add(text);
                    }
                }
            }
            return String.join(", ", texts);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return "";
        }
    }

    /** A factory per parse: factories are not thread-safe, and ten records a search cost next to nothing. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
