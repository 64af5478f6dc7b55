package dev.consent4j.spring;

import java.util.List;

/** Thrown at start when the JDBC store's tables are not in the database and nothing was told to create them. */
public class ConsentSchemaMissingException extends RuntimeException {

    private final List<String> tables;
    private final String schemaResource;

    public ConsentSchemaMissingException(List<String> tables, String schemaResource) {
        super("the consent tables " + tables + " do not exist");
        this.tables = List.copyOf(tables);
        this.schemaResource = schemaResource;
    }

    /** The tables the database lacks. */
    public List<String> tables() {
        return tables;
    }

    /** The schema file in consent-core's jar that creates them. */
    public String schemaResource() {
        return schemaResource;
    }
}
