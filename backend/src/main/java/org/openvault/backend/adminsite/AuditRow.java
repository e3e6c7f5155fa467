package org.openvault.backend.adminsite;

/** One line of the audit log as the web admin's table shows it. */
public record AuditRow(String at, String atIso, String username, String action, String objectType, String objectId,
                       String objectTitle, String address) {
}
