package dev.consent4j.examples.quickstart.snippets;

import dev.consent4j.test.ShopResponse;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/** docs/testing.md, "With MockMvc": a MockMvc result as the kit's response. */
class MockMvcAdapterSnippet {

    ShopResponse adapt(MvcResult result) throws Exception {
        // tag::mockmvc-adapter[]
        MockHttpServletResponse mock = result.getResponse();
        ShopResponse response = ShopResponse.of(null, mock.getStatus(), mock::getHeaders, mock.getContentAsString());
        // end::mockmvc-adapter[]
        return response;
    }
}
