/*! consent4j banner, Apache-2.0. Load it in <head> before any Google tag; see docs/banner.md */
(() => {
  'use strict';
  const doc = document, win = window, me = doc.currentScript || {dataset: {}};
  const opt = me.dataset;
  const base = opt.base || (/(.*)\/assets\/consent\.js/.exec(me.src ? new URL(me.src).pathname : '') || [])[1] || '/consent';
  const nonce = opt.nonce || me.nonce;
  const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
    'functionality_storage', 'personalization_storage', 'security_storage'];
  const CM_KEY = 'consent4j.consentMode', CLOSED_KEY = 'consent4j.closed';
  let policy, state, ui, root, live, bar, prefs, opener, chain = Promise.resolve(), ids = 0;

  // Reads (without a value) or writes web storage; where storage is blocked the banner still works.
  const keep = (kind, key, value) => {
    try { return value == null ? win[kind].getItem(key) : win[kind].setItem(key, value); } catch (e) { return null; }
  };

  // Google Consent Mode v2. gtag.js reads Arguments objects, so push those rather than arrays.
  function gtag() { (win.dataLayer = win.dataLayer || []).push(arguments); }
  const consentTypes = granted => {
    const types = {};
    for (const t of TYPES) types[t] = granted.includes(t) ? 'granted' : 'denied';
    return types;
  };
  // The default goes first, synchronously: all denied, or the defaults an earlier page cached.
  let defaults;
  try { defaults = JSON.parse(keep('localStorage', CM_KEY)); } catch (e) { /* no cache */ }
  for (const d of Array.isArray(defaults) ? defaults : [{region: [], granted: []}]) {
    const types = consentTypes(d.granted || []);
    if (d.region && d.region.length) types.region = d.region;
    types.wait_for_update = +opt.waitForUpdate || 500;
    gtag('consent', 'default', types);
  }
  if ('adsDataRedaction' in opt) gtag('set', 'ads_data_redaction', true);
  if ('urlPassthrough' in opt) gtag('set', 'url_passthrough', true);

  const lang = (opt.lang || doc.documentElement.lang || '').split('-')[0].toLowerCase();
  const q = lang ? '?lang=' + lang : '';
  const request = (path, body) => fetch(base + path + q, body && {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
  }).then(r => r.ok ? r.json() : Promise.reject(new Error(path + ': HTTP ' + r.status)));
  const domReady = new Promise(r => doc.readyState == 'loading' ? doc.addEventListener('DOMContentLoaded', r) : r());

  const loaded = Promise.all([request('/policy'), request('/state'), domReady])
    .then(([p, s]) => {
      policy = p;
      ui = p.ui;
      keep('localStorage', CM_KEY, JSON.stringify(p.consentMode.defaults));
      apply(s, false);
      if (s.banner.ask && keep('sessionStorage', CLOSED_KEY) != p.version) showBar();
    });
  loaded.catch(e => console.error('consent4j:', e));

  const allowed = (kind, id) => state[kind][id] === true;
  const items = () => policy.categories.map(c => ['categories', c]).concat(policy.purposes.map(p => ['purposes', p]));

  // Takes a state from the server: Consent Mode update, scripts, web storage.
  function apply(s, chosen) {
    state = s;
    // The server derives the signals from the same decisions as everything else.
    const granted = TYPES.filter(t => s.consentMode[t] == 'granted');
    if (chosen || !s.needsChoice || granted.length) gtag('consent', 'update', consentTypes(granted));
    activate();
    // The opt-out status also shows beside the shop's own entry to the preference centre.
    for (const e of doc.querySelectorAll('[data-consent-status]')) e.textContent = s.banner.status || '';
    for (const c of policy.categories) if (!allowed('categories', c.id)) (c.storage || []).forEach(clear);
  }

  // Runs <script type="text/plain" data-consent="analytics"> once every category it names is
  // allowed, in document order: each external script loads before the next one starts.
  function activate() {
    for (const old of doc.querySelectorAll('script[type="text/plain"][data-consent]')) {
      if (old.c4j || !old.dataset.consent.split(/\s+/).every(id => allowed('categories', id))) continue;
      old.c4j = 1;
      chain = chain.then(() => new Promise(done => {
        const s = doc.createElement('script');
        for (const a of old.attributes) if (a.name != 'type' && a.name != 'data-consent') s.setAttribute(a.name, a.value);
        if (old.dataset.type) s.type = old.dataset.type;
        s.nonce = nonce || old.nonce;
        s.text = old.text;
        s.onload = s.onerror = done;
        old.replaceWith(s);
        if (!s.src) done();
      }));
    }
  }

  // Web storage cannot reach the server, so the script removes the keys of refused categories.
  function clear(key) {
    const re = new RegExp('^' + key.name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    try {
      if (key.kind == 'indexedDB') indexedDB.deleteDatabase(key.name);
      else for (let s = win[key.kind], i = s.length; i--;) if (re.test(s.key(i))) s.removeItem(s.key(i));
    } catch (e) { /* blocked */ }
  }

  // Texts only ever go through textContent; styling only through classes.
  function el(tag, cls, text, attrs) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls.replace(/\S+/g, 'c4j-$&');
    if (text != null) e.textContent = text;
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  const button = (cls, text, onclick, attrs) => {
    const b = el('button', cls, text, Object.assign({type: 'button'}, attrs));
    b.onclick = onclick;
    return b;
  };
  const disclosure = () => el('a', 'link', ui.disclosureLink,
    {href: (policy.links.disclosure || base + '/disclosure') + '?lang=' + policy.language});
  const status = () => state.banner.status ? el('p', 'gpc', state.banner.status) : '';
  const row = (...b) => { const r = el('div', 'actions'); r.append(...b); return r; };
  // Accept all and reject all, as equal buttons, on both layers.
  const both = (asked, source) => [
    button('btn', ui.acceptAll, () => choose({all: 'grant', outcome: asked ? 'accept-all' : void 0}, source)),
    button('btn', ui.rejectAll, () => choose({all: 'deny', outcome: asked ? 'reject-all' : void 0}, source))];

  function ensureRoot() {
    if (!root) {
      doc.body.append(root = el('div', 'root', null, {lang: policy.language}));
      root.append(live = el('div', 'sr', null, {role: 'status'}));
    }
  }

  // A dialog labelled by its heading; Escape closes; in a modal one Tab and Shift+Tab stay inside.
  function dialog(cls, title, onEscape, modal) {
    const id = 'c4j-' + ++ids, d = el('section', cls, null,
      {role: 'dialog', 'aria-modal': modal, 'aria-labelledby': id, tabindex: -1});
    const head = el('div', 'head');
    head.append(el('h2', 'title', title, {id}), button('close', '\u00d7', onEscape, {'aria-label': ui.close}));
    d.append(head);
    d.onkeydown = e => {
      if (e.key == 'Escape') { e.preventDefault(); onEscape(); }
      if (e.key != 'Tab' || !modal) return;
      const f = d.querySelectorAll('button:not([disabled]),a[href]'), first = f[0], last = f[f.length - 1];
      if (e.shiftKey ? doc.activeElement == first || doc.activeElement == d : doc.activeElement == last) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    };
    return d;
  }

  // First layer: short text, three equal buttons, a link to the notice. Closing is not consent.
  function showBar() {
    ensureRoot();
    if (bar) bar.remove();
    bar = dialog('bar', state.banner.title, closeBar, false);
    const body = el('p', 'body', state.banner.body + ' ');
    body.append(disclosure());
    const list = state.banner.changes.length && el('ul', 'changes');
    state.banner.changes.forEach(c => list.append(el('li', null, c)));
    bar.append(body, list || '', status(), row(...both(1, 'banner'),
      button('btn sec', ui.choose, e => openPrefs(e.currentTarget), {'aria-haspopup': 'dialog'})));
    root.append(bar);
    bar.focus();
  }

  function closeBar() {
    keep('sessionStorage', CLOSED_KEY, policy.version);
    finish();
  }

  // Focus goes back to the opener, else the shop's entry, else <main>; never <body>.
  function finish() {
    for (const e of [bar, prefs]) if (e) e.remove();
    bar = prefs = null;
    root.classList.remove('c4j-modal');
    const to = opener && opener.isConnected && opener.focus ? opener
      : doc.querySelector('[data-consent-open]') || doc.querySelector('main,h1');
    if (to) {
      if (to.tabIndex < 0 && !to.hasAttribute('tabindex')) to.tabIndex = -1;
      to.focus();
    }
  }

  // Second layer: a switch per category and banner purpose; necessary ones locked on.
  function openPrefs(from) {
    ensureRoot();
    if (bar) bar.hidden = true;
    if (prefs) prefs.remove();
    opener = from;
    prefs = dialog('prefs', ui.preferencesTitle, () => {
      prefs.remove();
      prefs = null;
      root.classList.remove('c4j-modal');
      if (bar) bar.hidden = false;
      if (from && from.focus) from.focus();
    }, true);
    const list = el('ul', 'list'), switches = [];
    for (const [kind, x] of items()) {
      const topic = (kind == 'categories' ? 'category:' : 'purpose:') + x.id, id = 'c4j-' + ++ids;
      // Read after the switch's name: its description (and "always on").
      const sw = button('switch', null, () => sw.setAttribute('aria-checked', sw.getAttribute('aria-checked') != 'true'),
        {role: 'switch', 'aria-checked': !x.choosable || allowed(kind, x.id), 'aria-labelledby': id,
          'aria-describedby': (x.choosable ? '' : id + 'a ') + id + 'd', 'data-topic': topic});
      if (!x.choosable) sw.disabled = true; else switches.push(sw);
      const r = el('div', 'row'), li = el('li', 'item');
      r.append(el('h3', 'name', x.title, {id}), x.choosable ? '' : el('span', 'always', ui.alwaysOn, {id: id + 'a'}), sw);
      li.append(r, el('p', 'desc', x.description, {id: id + 'd'}));
      if (x.who) li.append(el('p', 'who', x.who));
      list.append(li);
    }
    const save = button('btn', ui.save, () => {
      const choices = {};
      for (const sw of switches) {
        const reason = (state.decisions.find(d => d.topic == sw.dataset.topic) || {}).reason;
        choices[sw.dataset.topic] = sw.getAttribute('aria-checked') == 'true' ? 'grant'
          : reason == 'GRANTED' ? 'withdraw' : /^(DEFAULT_OPT_OUT|OBJECTED|GPC_SIGNAL)$/.test(reason) ? 'object' : 'deny';
      }
      // Saving while the banner waits for an answer is its third outcome; later visits are none.
      choose(bar ? {choices, outcome: 'custom'} : {choices}, 'preference-centre');
    });
    prefs.append(status(), row(...both(bar, 'preference-centre')), list, disclosure(), row(save));
    root.classList.add('c4j-modal');
    root.append(prefs);
    prefs.focus();
  }

  function choose(body, source) {
    body.source = source;
    body.language = policy.language;
    request('/choices', body).then(s => { apply(s, true); finish(); live.textContent = ui.saved; })
      .catch(e => console.error('consent4j:', e));
  }

  // The open preference centre is modal: focus that wanders out (a click on the backdrop) comes back.
  doc.addEventListener('focusin', e => { if (prefs && !prefs.contains(e.target)) prefs.focus(); });

  // Any element with data-consent-open re-opens the preference centre.
  doc.addEventListener('click', e => {
    const t = e.target.closest && e.target.closest('[data-consent-open]');
    if (!t) return;
    e.preventDefault();
    loaded.then(() => openPrefs(t));
  });

  win.consent4j = {open: () => loaded.then(() => openPrefs(doc.activeElement)), state: () => state};
})();
