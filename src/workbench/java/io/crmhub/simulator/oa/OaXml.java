package io.crmhub.simulator.oa;

import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** xs:dateTime values for the simulator, in UTC with milliseconds. */
final class OaXml {

    private static final DatatypeFactory TYPES;

    static {
        try {
            TYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OaXml() {}

    static XMLGregorianCalendar calendar(Instant instant) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(instant.toEpochMilli());
        return TYPES.newXMLGregorianCalendar(c);
    }

    static Instant instant(XMLGregorianCalendar c) {
        return c.toGregorianCalendar().toInstant();
    }
}
