package dev.consent4j.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Temporary stand-in for the endpoints while they are being written. */
final class FakeConsentServlet extends HttpServlet {

    private static final String POLICY = """
            {"policyId":"test-shop","version":"1","language":"en","languages":["ja","en"],
             "operator":{"name":"Test Shop"},
             "ui":{"title":"Cookies on this shop","body":"We use cookies for statistics and ads only with your consent. You can change your choice at any time under Privacy choices.",
                   "acceptAll":"Accept all","rejectAll":"Reject all","choose":"Choose","save":"Save choices","close":"Close",
                   "alwaysOn":"Always on","gpcHonoured":"Opt-out request honoured (Global Privacy Control)",
                   "disclosureLink":"What is sent to whom","preferencesTitle":"Privacy choices","trackers":"Trackers","recipients":"Recipients"},
             "categories":[
              {"id":"necessary","title":"Necessary","description":"Cart and sign-in.","choosable":false,"cookies":["JSESSIONID"],"storage":[],"consentModeTypes":["security_storage"],"trackers":[]},
              {"id":"analytics","title":"Statistics","description":"Counting visits.","choosable":true,"cookies":["_stub_ga","_shop_fpa"],
               "storage":[{"name":"stub_analytics_*","kind":"localStorage"}],"consentModeTypes":["analytics_storage"],
               "trackers":[{"id":"stats","service":"Stub Stats","recipient":"Stub Analytics Inc.","hosts":["127.0.0.1"]}]},
              {"id":"advertising","title":"Advertising","description":"Ads on other sites.","choosable":true,"cookies":["_stub_ads"],"storage":[],
               "consentModeTypes":["ad_storage","ad_user_data","ad_personalization"],
               "trackers":[{"id":"ads","service":"Stub Ads","recipient":"Stub Ads LLC","hosts":["127.0.0.1"]}]}],
             "purposes":[{"id":"targeted-ads","title":"Targeted advertising","description":"Ads based on your visits.","choosable":true,"saleOrSharing":true,
               "recipients":[{"id":"ad-network","name":"Stub Ads LLC","relation":"third-party","country":"US"}]}],
             "consentMode":{"defaults":[{"region":[],"granted":["security_storage"]}]},
             "links":{"state":"/consent/state","choices":"/consent/choices","disclosure":"/consent/disclosure"}}
            """;

    private static final String[] TOPICS = {"analytics", "advertising", "targeted-ads"};

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path.startsWith("/assets/")) {
            try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/consent4j/" + path.substring(8))) {
                if (in == null) {
                    response.sendError(404);
                    return;
                }
                response.setContentType(path.endsWith(".js") ? "text/javascript" : "text/css");
                in.transferTo(response.getOutputStream());
            }
        } else if (path.equals("/policy")) {
            json(response, POLICY);
        } else if (path.equals("/state")) {
            json(response, state(read(request)));
        } else {
            response.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), UTF_8);
        Map<String, Boolean> s = new LinkedHashMap<>();
        Matcher all = Pattern.compile("\"all\":\"(\\w+)\"").matcher(body);
        boolean allGrant = all.find() && all.group(1).equals("grant");
        for (String t : TOPICS) {
            Matcher m = Pattern.compile("\"(?:category|purpose):" + t + "\":\"(\\w+)\"").matcher(body);
            s.put(t, m.find() ? m.group(1).equals("grant") : allGrant);
        }
        StringBuilder v = new StringBuilder();
        s.forEach((k, b) -> v.append(k).append(b ? "-1." : "-0."));
        Cookie c = new Cookie("c4j_fake", v.toString());
        c.setPath("/");
        c.setHttpOnly(true);
        response.addCookie(c);
        if (!s.get("analytics")) {
            for (String name : new String[] {"_stub_ga", ShopServer.SERVER_ANALYTICS_COOKIE}) {
                Cookie x = new Cookie(name, "");
                x.setPath("/");
                x.setMaxAge(0);
                response.addCookie(x);
            }
        }
        json(response, state(s));
    }

    static void addServerCookie(HttpServletRequest request, HttpServletResponse response) {
        Map<String, Boolean> s = read(request);
        if (s != null && s.get("analytics")) {
            response.addHeader("Set-Cookie", ShopServer.SERVER_ANALYTICS_COOKIE + "=fp1; Path=/; HttpOnly; Max-Age=3600");
        }
    }

    private static Map<String, Boolean> read(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie c : request.getCookies()) {
            if (c.getName().equals("c4j_fake")) {
                Map<String, Boolean> s = new LinkedHashMap<>();
                for (String t : TOPICS) {
                    s.put(t, c.getValue().contains(t + "-1"));
                }
                return s;
            }
        }
        return null;
    }

    private static String state(Map<String, Boolean> s) {
        boolean none = s == null;
        Map<String, Boolean> v = none ? Map.of("analytics", false, "advertising", false, "targeted-ads", false) : s;
        String reason = none ? "NO_CONSENT" : null;
        StringBuilder d = new StringBuilder();
        for (String t : TOPICS) {
            String topic = (t.equals("targeted-ads") ? "purpose:" : "category:") + t;
            d.append(d.length() == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"allowed\":").append(v.get(t))
                    .append(",\"reason\":\"").append(reason != null ? reason : v.get(t) ? "GRANTED" : "DENIED").append("\"}");
        }
        return "{\"policyVersion\":\"1\",\"jurisdiction\":\"DE\",\"needsChoice\":" + none
                + ",\"gpc\":{\"signal\":false,\"honoured\":false},\"categories\":{\"necessary\":true,\"analytics\":"
                + v.get("analytics") + ",\"advertising\":" + v.get("advertising") + "},\"purposes\":{\"targeted-ads\":"
                + v.get("targeted-ads") + "},\"decisions\":[" + d + "]}";
    }

    private static void json(HttpServletResponse response, String body) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(UTF_8));
    }
}
