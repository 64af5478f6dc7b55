/*! consent4j banner and preference centre. Apache-2.0. No dependencies; see docs/banner.md.
 * Load it synchronously in <head>, before any Google tag:
 * <script src="/consent/assets/consent.js" data-base="/consent"></script> */
(() => {
  'use strict';
  const doc = document, win = window, me = doc.currentScript || {dataset: {}};
  const opt = me.dataset;
  const base = opt.base || (/(.*)\/assets\/consent\.js/.exec(me.src ? new URL(me.src).pathname : '') || [])[1] || '/consent';
  const nonce = opt.nonce || me.nonce;
  const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
    'functionality_storage', 'personalization_storage', 'security_storage'];
  const CM_KEY = 'consent4j.consentMode', CLOSED_KEY = 'consent4j.closed';
  let policy, state, ui, root, bar, prefs, opener, chain = Promise.resolve(), ids = 0;

  // Storage access throws where the shopper blocks it; the banner works without it.
  const storage = kind => { try { return win[kind]; } catch (e) { return null; } };
  const read = (kind, key) => { try { return storage(kind).getItem(key); } catch (e) { return null; } };
  const write = (kind, key, value) => { try { storage(kind).setItem(key, value); } catch (e) { /* ignore */ } };

  // Google Consent Mode v2. gtag.js reads Arguments objects, so push those rather than arrays.
  function gtag() { (win.dataLayer = win.dataLayer || []).push(arguments); }
  const consentTypes = granted => {
    const types = {};
    for (const t of TYPES) types[t] = granted.includes(t) ? 'granted' : 'denied';
    return types;
  };
  // The default goes first, synchronously: all denied, then the per-region defaults of the policy
  // as cached from an earlier page (the first page has only the global one).
  let defaults;
  try { defaults = JSON.parse(read('localStorage', CM_KEY)); } catch (e) { /* no cache */ }
  for (const d of Array.isArray(defaults) ? defaults : [{region: [], granted: []}]) {
    const types = consentTypes(d.granted || []);
    if (d.region && d.region.length) types.region = d.region;
    types.wait_for_update = +opt.waitForUpdate || 500;
    gtag('consent', 'default', types);
  }
  if ('adsDataRedaction' in opt) gtag('set', 'ads_data_redaction', true);
  if ('urlPassthrough' in opt) gtag('set', 'url_passthrough', true);

  const lang = (opt.lang || doc.documentElement.lang || '').split('-')[0].toLowerCase();
  const request = (path, body) => fetch(base + path, body ? {
    method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'}, body: JSON.stringify(body)
  } : {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(r => r.ok ? r.json() : Promise.reject(new Error(path + ': HTTP ' + r.status)));
  const domReady = new Promise(r => doc.readyState == 'loading' ? doc.addEventListener('DOMContentLoaded', r) : r());

  const loaded = Promise.all([request('/policy' + (lang ? '?lang=' + lang : '')), request('/state'), domReady])
    .then(([p, s]) => {
      policy = p;
      ui = p.ui;
      write('localStorage', CM_KEY, JSON.stringify(p.consentMode.defaults));
      apply(s, false);
      if (s.needsChoice && read('sessionStorage', CLOSED_KEY) != p.version) showBar();
    });
  loaded.catch(e => console.error('consent4j:', e));

  const allowed = (kind, id) => state[kind][id] === true;
  const items = () => policy.categories.map(c => ['categories', c]).concat(policy.purposes.map(p => ['purposes', p]));
  const gpcShown = () => state.gpc.honoured || !!navigator.globalPrivacyControl && /^US/.test(state.jurisdiction);

  // Takes a state from the server: Consent Mode update, scripts, web storage, event.
  function apply(s, chosen) {
    state = s;
    const granted = TYPES.filter(t => {
      const mapped = items().filter(([kind, x]) => (x.consentModeTypes || []).includes(t));
      return mapped.length && mapped.every(([kind, x]) => allowed(kind, x.id));
    });
    if (chosen || !s.needsChoice || granted.length) gtag('consent', 'update', consentTypes(granted));
    activate();
    for (const c of policy.categories) if (!allowed('categories', c.id)) (c.storage || []).forEach(clear);
    doc.dispatchEvent(new CustomEvent('consent4j:state', {detail: s}));
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
    if (key.kind == 'indexedDB') { try { indexedDB.deleteDatabase(key.name); } catch (e) { /* ignore */ } return; }
    const store = storage(key.kind);
    const re = new RegExp('^' + key.name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    try { for (let i = store.length; i--;) if (re.test(store.key(i))) store.removeItem(store.key(i)); } catch (e) { /* ignore */ }
  }

  // Tiny DOM helper: texts always go through textContent, classes through className.
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
  const gpcStatus = () => gpcShown() && el('p', 'gpc', ui.gpcHonoured, {role: 'status'});

  function ensureRoot() {
    if (!doc.querySelector('link[href*="consent.css"]') && me.src) {
      doc.head.append(el('link', '', null, {rel: 'stylesheet', href: me.src.replace(/\.js(\?|$)/, '.css$1')}));
    }
    if (!root) doc.body.append(root = el('div', 'root', null, {lang: policy.language}));
  }

  // A dialog: labelled by its heading; Tab and Shift+Tab stay inside; Escape closes.
  function dialog(cls, title, onEscape, modal) {
    const id = 'c4j-' + ++ids, d = el('section', cls, null,
      {role: 'dialog', 'aria-modal': modal, 'aria-labelledby': id, tabindex: '-1'});
    const head = el('div', 'head');
    head.append(el('h2', 'title', title, {id}), button('close', '×', onEscape, {'aria-label': ui.close}));
    d.append(head);
    d.onkeydown = e => {
      if (e.key == 'Escape') { e.preventDefault(); onEscape(); }
      if (e.key != 'Tab') return;
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
    opener = opener || doc.activeElement;
    bar = dialog('bar', ui.title, closeBar, 'false');
    const body = el('p', 'body', ui.body + ' ');
    body.append(disclosure());
    const actions = el('div', 'actions');
    actions.append(
      button('btn', ui.acceptAll, () => choose({all: 'grant'}, 'banner')),
      button('btn', ui.rejectAll, () => choose({all: 'deny'}, 'banner')),
      button('btn', ui.choose, openPrefs, {'aria-haspopup': 'dialog'}));
    bar.append(body, gpcStatus() || '', actions);
    root.append(bar);
    bar.focus();
  }

  function closeBar() {
    write('sessionStorage', CLOSED_KEY, policy.version);
    finish();
  }

  function finish() {
    for (const e of [bar, prefs]) if (e) e.remove();
    bar = prefs = null;
    root.classList.remove('c4j-modal');
    if (opener && opener.isConnected && opener.focus) opener.focus();
    opener = null;
  }

  // Second layer: every category and banner purpose with its description, trackers or
  // recipients and a switch; necessary ones are shown on and locked.
  function openPrefs() {
    ensureRoot();
    const back = !!bar;
    if (bar) bar.hidden = true;
    if (prefs) prefs.remove();
    opener = opener || doc.activeElement;
    prefs = dialog('prefs', ui.preferencesTitle, () => {
      prefs.remove();
      prefs = null;
      root.classList.remove('c4j-modal');
      if (back && bar) { bar.hidden = false; bar.lastChild.lastChild.focus(); } else finish();
    }, 'true');
    const list = el('ul', 'list'), switches = [];
    for (const [kind, x] of items()) {
      const topic = (kind == 'categories' ? 'category:' : 'purpose:') + x.id, id = 'c4j-' + ++ids;
      const off = x.saleOrSharing && gpcShown();
      const on = x.choosable ? !off && allowed(kind, x.id) : true;
      const sw = button('switch', null, () => sw.setAttribute('aria-checked', sw.getAttribute('aria-checked') != 'true'),
        {role: 'switch', 'aria-checked': on, 'aria-labelledby': id, 'data-topic': topic});
      if (!x.choosable) { sw.disabled = true; sw.setAttribute('aria-describedby', id + 'a'); } else switches.push([sw, kind, x]);
      const row = el('div', 'row'), li = el('li', 'item');
      row.append(el('h3', 'name', x.title, {id}), x.choosable ? '' : el('span', 'always', ui.alwaysOn, {id: id + 'a'}), sw);
      li.append(row, el('p', 'desc', x.description));
      const who = kind == 'categories'
        ? [ui.trackers, (x.trackers || []).map(t => t.service + (t.recipient ? ' (' + t.recipient + ')' : ''))]
        : [ui.recipients, (x.recipients || []).map(r => r.name + (r.country ? ' (' + r.country + ')' : ''))];
      if (who[1].length) li.append(el('p', 'who', who[0] + ': ' + who[1].join(', ')));
      list.append(li);
    }
    const foot = el('div', 'foot');
    foot.append(disclosure(), button('btn', ui.save, () => {
      const choices = {};
      for (const [sw, kind, x] of switches) {
        const reason = (state.decisions.find(d => d.topic == sw.dataset.topic) || {}).reason;
        choices[sw.dataset.topic] = sw.getAttribute('aria-checked') == 'true' ? 'grant'
          : reason == 'GRANTED' ? 'withdraw' : reason == 'DEFAULT_OPT_OUT' ? 'object' : 'deny';
      }
      choose({choices}, 'preference-centre');
    }));
    prefs.append(gpcStatus() || '', list, foot);
    root.classList.add('c4j-modal');
    root.append(prefs);
    prefs.focus();
  }

  function choose(body, source) {
    body.source = source;
    body.language = policy.language;
    request('/choices', body).then(s => { apply(s, true); finish(); })
      .catch(e => console.error('consent4j:', e));
  }

  // Any element with data-consent-open re-opens the preference centre.
  doc.addEventListener('click', e => {
    const t = e.target.closest && e.target.closest('[data-consent-open]');
    if (!t) return;
    e.preventDefault();
    opener = t;
    loaded.then(openPrefs);
  });

  win.consent4j = {open: () => loaded.then(openPrefs), state: () => state};
})();
