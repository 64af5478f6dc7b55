package dev.consent4j.spring;

import dev.consent4j.store.jdbc.JdbcDialect;
import dev.consent4j.store.jdbc.JdbcSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.Resource;

/**
 * Creates consent4j's tables at start through Spring Boot's database initialization, from the
 * schema file consent-core ships for the database ({@code dev/consent4j/store/jdbc/schema-h2.sql},
 * {@code schema-postgresql.sql}, {@code schema-mysql.sql}, and the {@code ledger-*.sql} files),
 * with {@code ${prefix}} replaced by {@code consent.store.jdbc.table-prefix}.
 * {@code consent.store.jdbc.initialize-schema} selects when: {@code embedded} (the default) on H2,
 * in memory or in a file; {@code always}; {@code never}.
 *
 * <p>Boot runs it before every bean that depends on database initialization, the consent stores
 * among them. Define a bean of this name to replace it ({@code consentDataSourceScriptDatabaseInitializer},
 * {@code consentLedgerDataSourceScriptDatabaseInitializer}).
 */
public final class ConsentDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

    private static final String SCHEMA_PACKAGE = "classpath:dev/consent4j/store/jdbc/";

    private final JdbcDialect dialect;
    private final String tablePrefix;

    private ConsentDataSourceScriptDatabaseInitializer(DataSource dataSource, JdbcDialect dialect,
            ConsentProperties.Store.Jdbc properties, Function<JdbcDialect, String> schemaFile) {
        super(dataSource, settings(properties.initializeSchema(), SCHEMA_PACKAGE + schemaFile.apply(dialect)));
        this.dialect = dialect;
        this.tablePrefix = properties.tablePrefix();
    }

    /** The event store's tables: {@code schema-<database>.sql}. */
    public static ConsentDataSourceScriptDatabaseInitializer events(DataSource dataSource,
            ConsentProperties.Store.Jdbc properties) {
        return new ConsentDataSourceScriptDatabaseInitializer(dataSource, JdbcDialect.of(dataSource), properties,
                JdbcDialect::schemaResource);
    }

    /** The provision ledger's and personal requests' tables: {@code ledger-<database>.sql}. */
    public static ConsentDataSourceScriptDatabaseInitializer ledger(DataSource dataSource,
            ConsentProperties.Store.Jdbc properties) {
        return new ConsentDataSourceScriptDatabaseInitializer(dataSource, JdbcDialect.of(dataSource), properties,
                JdbcDialect::ledgerSchemaResource);
    }

    /** The outbox's table: {@code outbox-<database>.sql}, when {@code consent.outbox.enabled}. */
    public static ConsentDataSourceScriptDatabaseInitializer outbox(DataSource dataSource,
            ConsentProperties.Store.Jdbc properties) {
        return new ConsentDataSourceScriptDatabaseInitializer(dataSource, JdbcDialect.of(dataSource), properties,
                JdbcDialect::outboxSchemaResource);
    }

    private static DatabaseInitializationSettings settings(ConsentProperties.Store.Jdbc.InitializeSchema when,
            String location) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(List.of(location));
        settings.setMode(switch (when) {
            case ALWAYS -> DatabaseInitializationMode.ALWAYS;
            case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
            case NEVER -> DatabaseInitializationMode.NEVER;
        });
        return settings;
    }

    /**
     * H2, in memory or in a file, as consent4j has always meant by {@code embedded}; Boot's own
     * test counts H2 files as not embedded.
     */
    @Override
    protected boolean isEmbeddedDatabase() {
        return dialect == JdbcDialect.H2;
    }

    /**
     * Runs each file as the store's own {@code initializeSchema()} does, with the table prefix put
     * in: Spring's script splitter would cut PostgreSQL's dollar-quoted trigger function apart.
     */
    @Override
    protected void runScripts(Scripts scripts) {
        Charset encoding = scripts.getEncoding() != null ? scripts.getEncoding() : StandardCharsets.UTF_8;
        for (Resource resource : scripts) {
            String script;
            try {
                script = resource.getContentAsString(encoding);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + resource.getDescription(), e);
            }
            JdbcSchema.run(getDataSource(), resource.getDescription(), script, tablePrefix);
        }
    }
}
