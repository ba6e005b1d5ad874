package io.crmhub.simulator.oa;

import io.crmhub.connector.oa.OaEntity;
import io.crmhub.connector.oa.wsdl.ChangeItem;
import io.crmhub.connector.oa.wsdl.Contact;
import io.crmhub.connector.oa.wsdl.Ticket;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happens in the simulated OA: contacts are seeded from ERP customers, then tickets are opened,
 * escalated and resolved, visits and contracts recorded and surveys answered, a change at a time.
 * Usable without Spring, so tests can run an OA that outlives a hub.
 */
public final class OaSimulation {

    private final OaData data = new OaData();
    private final OaDataGenerator gen;
    private final AtomicLong sequence = new AtomicLong();

    public OaSimulation(long seed) {
        this.gen = new OaDataGenerator(seed);
    }

    public OaData data() {
        return data;
    }

    /** Contacts for these ERP customer rows (the ERP's columns), then more the ERP does not know. */
    public void seedContacts(List<Map<String, Object>> erpCustomers, int total) {
        for (Map<String, Object> row : erpCustomers) {
            Contact contact = data.save(OaEntity.CONTACTS, gen.contact(nextId("OA-C"), row), c -> { });
            // sales met them before they first ordered: the first contact the sales cycle is measured from
            if (row.get("first_order") instanceof java.sql.Date firstOrder) {
                LocalDateTime met = firstOrder.toLocalDate().atTime(10, 0).minusDays(14 + gen.nextInt(107));
                data.save(OaEntity.VISITS, gen.visit(nextId("OA-V"), contact.getId(), met), v -> { });
            }
        }
        for (int i = erpCustomers.size(); i < total; i++) {
            newContact();
        }
    }

    /**
     * The service desk's past: tickets (a third complaints) opened over the last {@code days} days, more of them
     * lately as the customer base grew; most resolved within days, some escalated first, the newest still open;
     * a survey after most resolutions; visits in between. Business times lie in the past, the change feed still
     * stamps them now (the OA's modification time).
     */
    public void seedHistory(int days, int tickets, int visits) {
        LocalDateTime now = OaDataGenerator.now();
        for (int i = 0; i < tickets; i++) {
            LocalDateTime opened = past(now, days);
            String id = nextId("OA-T");
            Ticket ticket = gen.ticket(id, "TK-" + id.substring(5), randomContact(), opened);
            LocalDateTime escalated = gen.nextInt(5) == 0 ? opened.plusHours(4 + gen.nextInt(44)) : null;
            LocalDateTime resolved = (escalated == null ? opened : escalated).plusHours(2 + gen.nextInt(118));
            if (escalated != null && escalated.isBefore(now)) {
                ticket.setStatus("ESCALATED");
                ticket.setEscalatedAt(OaDataGenerator.screen(escalated));
            }
            if (resolved.isBefore(now)) {
                ticket.setStatus("RESOLVED");
                ticket.setResolvedAt(OaDataGenerator.screen(resolved));
            }
            data.save(OaEntity.TICKETS, ticket, t -> { });
            LocalDateTime answered = resolved.plusHours(1 + gen.nextInt(72));
            if (resolved.isBefore(now) && answered.isBefore(now) && gen.nextInt(10) < 6) {
                data.save(OaEntity.SURVEYS, gen.survey(nextId("OA-S"), ticket, answered), s -> { });
            }
        }
        for (int i = 0; i < visits; i++) {
            data.save(OaEntity.VISITS, gen.visit(nextId("OA-V"), randomContact(), past(now, days)), v -> { });
        }
    }

    /** A time in the last {@code days} days, denser towards now (the business grew). */
    private LocalDateTime past(LocalDateTime now, int days) {
        double ago = days * (1 - Math.sqrt(gen.nextInt(1_000_000) / 1_000_000.0));
        return now.minusMinutes((long) (ago * 24 * 60));
    }

    public Contact newContact() {
        return data.save(OaEntity.CONTACTS, gen.newContact(nextId("OA-C"), sequence.get()), c -> { });
    }

    public Ticket openTicket() {
        String id = nextId("OA-T");
        return data.save(OaEntity.TICKETS, gen.ticket(id, "TK-" + id.substring(5), randomContact()), t -> { });
    }

    /** NEW → ESCALATED or RESOLVED, ESCALATED → RESOLVED; a resolved ticket often gets a survey. */
    public void progressTicket(Ticket ticket) {
        boolean escalate = "NEW".equals(ticket.getStatus()) && gen.nextInt(3) == 0;
        data.save(OaEntity.TICKETS, ticket, t -> {
            t.setStatus(escalate ? "ESCALATED" : "RESOLVED");
            if (escalate) {
                t.setEscalatedAt(gen.screenTime());
            } else {
                t.setResolvedAt(gen.screenTime());
            }
        });
        if (!escalate && gen.nextInt(10) < 6) {
            data.save(OaEntity.SURVEYS, gen.survey(nextId("OA-S"), ticket), s -> { });
        }
    }

    public void recordVisit() {
        data.save(OaEntity.VISITS, gen.visit(nextId("OA-V"), randomContact()), v -> { });
    }

    public void recordContract() {
        String id = nextId("OA-K");
        data.save(OaEntity.CONTRACTS, gen.contract(id, "HT-" + id.substring(5), randomContact()), k -> { });
    }

    /** One random business change, as the service desk makes them all day long. */
    public void tick() {
        int dice = gen.nextInt(100);
        Ticket open = openTicketOrNull();
        if (dice < 30 || open == null && dice < 60) {
            openTicket();
        } else if (dice < 60) {
            progressTicket(open);
        } else if (dice < 80) {
            recordVisit();
        } else if (dice < 90) {
            recordContract();
        } else {
            newContact();
        }
    }

    private Ticket openTicketOrNull() {
        List<ChangeItem> open = data.all(OaEntity.TICKETS).stream()
                .filter(t -> !"RESOLVED".equals(((Ticket) t).getStatus())).toList();
        return open.isEmpty() ? null : (Ticket) open.get(gen.nextInt(open.size()));
    }

    private String randomContact() {
        List<ChangeItem> contacts = data.all(OaEntity.CONTACTS);
        return contacts.isEmpty() ? newContact().getId() : contacts.get(gen.nextInt(contacts.size())).getId();
    }

    private String nextId(String prefix) {
        return prefix + "-" + String.format("%06d", sequence.incrementAndGet());
    }
}
