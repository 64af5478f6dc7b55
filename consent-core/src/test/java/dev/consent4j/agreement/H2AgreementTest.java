package dev.consent4j.agreement;

import dev.consent4j.store.ConsentStore;
import java.nio.file.Files;

/** On the embedded default: an H2 database in a file. */
class H2AgreementTest extends AgreementProperties {

    @Override
    protected ConsentStore createStore() throws Exception {
        return AgreementStores.fresh("jdbc:h2:file:" + Files.createTempDirectory("agreement").resolve("consent").toAbsolutePath());
    }
}
