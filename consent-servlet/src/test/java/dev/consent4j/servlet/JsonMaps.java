package dev.consent4j.servlet;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A response record as the client reads it: written by the endpoints' mapper, read back into maps and lists. */
final class JsonMaps {

    private JsonMaps() {
    }

    static Map<String, Object> of(Object body) {
        return JsonMapper.shared().readValue(JsonIo.bytes(body), new TypeReference<Map<String, Object>>() { });
    }
}
