package dev.consent4j.store.jdbc;

import static dev.consent4j.store.jdbc.Columns.instant;
import static dev.consent4j.store.jdbc.Columns.items;

import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.RequestStatus;
import dev.consent4j.request.RequestStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** {@link JdbcLedgerStore}'s personal requests: a row per request and a row per step it went through. */
final class JdbcRequests {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;

    JdbcRequests(DataSource dataSource, JdbcDialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
    }

    void create(PersonalRequest request) {
        Transactions.inWriteTransaction(dataSource, dialect, "store request " + request.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "request (id, subject, kind,"
                    + " targets, details, jurisdiction, received_seconds, received_nanos, due_seconds, due_nanos)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, request.id().toString());
                insert.setString(2, request.subject().toString());
                insert.setString(3, request.kind().name());
                insert.setString(4, String.join(",", request.targets()));
                insert.setString(5, request.details());
                insert.setString(6, request.jurisdiction());
                instant(insert, 7, request.receivedAt());
                instant(insert, 9, request.dueAt());
                insert.executeUpdate();
            }
            for (int n = 0; n < request.steps().size(); n++) {
                insertStep(connection, request.id(), n, request.steps().get(n));
            }
        });
    }

    void addStep(UUID requestId, RequestStep step) {
        Transactions.inWriteTransaction(dataSource, dialect, "add a step to request " + requestId, connection -> {
            int next;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + prefix
                    + "request_step WHERE request_id = ?")) {
                count.setString(1, requestId.toString());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    next = rows.getInt(1);
                }
            }
            if (next == 0) {
                throw new IllegalArgumentException("no request " + requestId);
            }
            insertStep(connection, requestId, next, step);
        });
    }

    private void insertStep(Connection connection, UUID requestId, int n, RequestStep step) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "request_step (request_id, n,"
                + " status, at_seconds, at_nanos, operator_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, requestId.toString());
            insert.setInt(2, n);
            insert.setString(3, step.status().name());
            instant(insert, 4, step.at());
            insert.setString(6, step.operatorId());
            insert.setString(7, step.note());
            insert.executeUpdate();
        }
    }

    Optional<PersonalRequest> find(UUID requestId) {
        return requests("r.id = ?", requestId.toString()).stream().findFirst();
    }

    List<PersonalRequest> bySubject(SubjectId subject) {
        return requests("r.subject = ?", subject.toString());
    }

    List<PersonalRequest> open() {
        return requests("NOT EXISTS (SELECT 1 FROM " + prefix + "request_step d WHERE d.request_id = r.id AND d.status IN ('"
                + RequestStatus.DONE + "', '" + RequestStatus.REFUSED + "'))", null);
    }

    private List<PersonalRequest> requests(String condition, @Nullable String parameter) {
        return Transactions.inTransaction(dataSource, "read requests", connection -> {
            Map<String, List<RequestStep>> steps = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT s.request_id, s.status, s.at_seconds, s.at_nanos,"
                    + " s.operator_id, s.note FROM " + prefix + "request_step s JOIN " + prefix + "request r ON r.id = s.request_id"
                    + " WHERE " + condition + " ORDER BY s.request_id, s.n")) {
                if (parameter != null) {
                    query.setString(1, parameter);
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        steps.computeIfAbsent(rows.getString(1).trim(), id -> new ArrayList<>()).add(new RequestStep(
                                RequestStatus.valueOf(rows.getString(2)), instant(rows, 3), rows.getString(5), rows.getString(6)));
                    }
                }
            }
            List<PersonalRequest> requests = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT r.id, r.subject, r.kind, r.targets, r.details,"
                    + " r.jurisdiction, r.received_seconds, r.received_nanos, r.due_seconds, r.due_nanos FROM " + prefix
                    + "request r WHERE " + condition + " ORDER BY r.received_seconds, r.received_nanos, r.id")) {
                if (parameter != null) {
                    query.setString(1, parameter);
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1).trim();
                        requests.add(new PersonalRequest(UUID.fromString(id), SubjectId.parse(rows.getString(2)),
                                RequestKind.valueOf(rows.getString(3)), items(rows.getString(4)), rows.getString(5),
                                rows.getString(6), instant(rows, 7), instant(rows, 9), steps.getOrDefault(id, List.of())));
                    }
                }
            }
            return requests;
        });
    }
}
