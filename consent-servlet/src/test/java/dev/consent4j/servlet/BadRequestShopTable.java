package dev.consent4j.servlet;

import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.servlet.badrequests.BadRequestTableContract;
import dev.consent4j.servlet.badrequests.Target;
import java.util.List;

/**
 * The bad-request table against the servlet shop ({@link BadRequestShop}); each subclass starts its
 * own shop in one container (its own, since a container stopping a filter shuts the filter down).
 */
abstract class BadRequestShopTable extends BadRequestTableContract {

    /** The shop this class's container serves. */
    protected abstract BadRequestShop shop();

    @Override
    protected Target target() {
        return shop().target();
    }

    @Override
    protected List<String> signIn(Caller caller) {
        return BadRequestShop.signIn(caller);
    }

    @Override
    protected long storedState() {
        return shop().storedState();
    }
}
