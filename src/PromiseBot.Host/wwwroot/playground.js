// PromiseBot playground page. Plain JS, no build step. User text is only ever set with textContent; the only HTML
// inserted is what the server rendered (PlaygroundHtmlRenderer), in which every piece of user text is encoded.
(() => {
  'use strict';
  const api = '/playground/api';
  const $ = (id) => document.getElementById(id);
  const state = {
    people: [], channels: [], person: null, channel: null,
    history: JSON.parse(localStorage.getItem('pb.history') || '[]'), historyIndex: -1, draft: '',
    ephemeral: [], // { channel, person, afterId, html, text }
    lastFeedId: 0,
  };

  function requestId() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let json = null;
    try { json = await response.json(); } catch { json = null; }
    if (!response.ok) {
      throw new Error((json && json.error) || ('The playground answered ' + response.status));
    }
    return json;
  }

  function toast(text) {
    const el = document.createElement('div');
    el.className = 'toast';
    el.textContent = text;
    document.body.appendChild(el);
    setTimeout(() => el.remove(), 3500);
  }

  // Times are shown in the chosen person's zone, as the bot writes due dates in the reader's zone.
  function formatAt(iso, fallback) {
    const p = person();
    if (!iso || !p) { return fallback || ''; }
    try {
      const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
        timeZone: p.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
      }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
      return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
    } catch {
      return fallback || '';
    }
  }

  function setClock(now, nowText) {
    if (now) { state.now = now; state.nowText = nowText; }
    $('clock').textContent = formatAt(state.now, state.nowText);
  }

  function person() { return state.people.find((p) => p.id === state.person); }

  function messageElement(author, atText, html, extraClass) {
    const msg = document.createElement('div');
    msg.className = 'msg' + (extraClass ? ' ' + extraClass : '');
    const meta = document.createElement('div');
    meta.className = 'meta';
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = author;
    const at = document.createElement('span');
    at.className = 'at';
    at.textContent = atText || '';
    meta.append(who, at);
    const body = document.createElement('div');
    body.className = 'body';
    body.innerHTML = html; // server-rendered, every user string HTML-encoded there
    msg.append(meta, body);
    return msg;
  }

  function scrollToEnd(el) { el.scrollTop = el.scrollHeight; }

  async function loadChannel() {
    const feed = await call('GET', '/channels/' + encodeURIComponent(state.channel) + '/feed');
    setClock(feed.now, feed.nowText);
    const timeline = $('timeline');
    timeline.replaceChildren();
    const mine = state.ephemeral.filter((e) => e.channel === state.channel && e.person === state.person);
    let lastId = 0;
    const flushEphemeral = (upTo) => {
      for (const e of mine.filter((x) => x.afterId >= lastId && x.afterId < upTo && !x.shown)) {
        timeline.appendChild(messageElement('PromiseBot', formatAt(e.at, e.atText), e.html, 'ephemeral'));
        e.shown = true;
      }
    };
    mine.forEach((e) => { e.shown = false; });
    for (const item of feed.items) {
      flushEphemeral(item.id);
      const fromPerson = item.source === 'command';
      timeline.appendChild(messageElement(item.author, formatAt(item.at, item.atText), item.html, fromPerson ? 'from-person' : 'from-bot'));
      lastId = item.id;
    }
    flushEphemeral(Number.MAX_SAFE_INTEGER);
    if (!timeline.children.length) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'Nothing in #' + state.channel + ' yet. Make a promise below.';
      timeline.appendChild(empty);
    }
    state.lastFeedId = lastId;
    scrollToEnd(timeline);
  }

  async function loadDms() {
    const feed = await call('GET', '/people/' + encodeURIComponent(state.person) + '/dms');
    const dms = $('dms');
    dms.replaceChildren();
    for (const item of feed.items) {
      dms.appendChild(messageElement('PromiseBot', formatAt(item.at, item.atText), item.html, 'from-bot'));
    }
    if (!feed.items.length) {
      const empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'No direct messages yet. Reminders and escalations for ' + (person() ? person().name : '') + ' arrive here.';
      dms.appendChild(empty);
    }
    scrollToEnd(dms);
  }

  async function refresh() {
    try {
      await Promise.all([loadChannel(), loadDms()]);
    } catch (e) {
      toast(e.message);
    }
  }

  function showReply(reply, text) {
    setClock(reply.now, reply.nowText);
    if (reply.visibility !== 'channel') {
      state.ephemeral.push({ channel: state.channel, person: state.person, afterId: state.lastFeedId, html: reply.html, at: reply.now, atText: reply.nowText, text });
    }
  }

  async function send(text) {
    const trimmed = text.trim();
    if (!trimmed) { return; }
    if (state.history[state.history.length - 1] !== trimmed) {
      state.history.push(trimmed);
      state.history = state.history.slice(-100);
      localStorage.setItem('pb.history', JSON.stringify(state.history));
    }
    state.historyIndex = -1;
    try {
      const reply = await call('POST', '/command', { person: state.person, channel: state.channel, text: trimmed, requestId: requestId() });
      showReply(reply, trimmed);
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  async function act(action, number, version, when) {
    try {
      const reply = await call('POST', '/action', { person: state.person, channel: state.channel, action, number, version, when, requestId: requestId() });
      showReply(reply, action + ' ' + number);
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  function showExtendForm(button) {
    const actions = button.closest('.r-actions');
    const number = Number(button.dataset.number);
    const version = Number(button.dataset.version);
    const form = document.createElement('form');
    form.className = 'extend-form';
    const input = document.createElement('input');
    input.value = 'tomorrow 5pm';
    input.setAttribute('aria-label', 'New due date');
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.textContent = 'Extend';
    form.append(input, ok);
    form.addEventListener('submit', (ev) => { ev.preventDefault(); act('extend', number, version, input.value); });
    input.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { refresh(); } });
    actions.replaceChildren(form);
    input.focus();
    input.select();
  }

  // The recovery-note form ("Write recovery note" under a breach DM or the reminder): the same rules as Slack's modal
  // and the Teams card, checked on the server; each problem under its field, nothing stored until all are fixed.
  function showRecoverForm(number) {
    const form = $('recover-form');
    form.reset();
    showRecoverProblems(null);
    form.dataset.number = String(number);
    $('recover-number').textContent = '#' + number;
    form.hidden = false;
    form.elements.cause.focus();
  }

  function showRecoverProblems(problems) {
    for (const p of document.querySelectorAll('#recover-form .field-error')) {
      p.textContent = (problems && problems[p.dataset.for]) || '';
    }
  }

  async function submitRecoverForm(ev) {
    ev.preventDefault();
    const form = $('recover-form');
    const f = form.elements;
    const body = {
      person: state.person, channel: state.channel, number: Number(form.dataset.number), cause: f.cause.value, causeText: f.causeText.value,
      fix: f.fix.value, prevention: f.prevention.value, customerTold: f.customerTold.value, apologyGiven: f.apologyGiven.value, requestId: requestId(),
    };
    try {
      const response = await fetch(api + '/recovery', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      let json = null;
      try { json = await response.json(); } catch { json = null; }
      if (response.status === 400 && json && json.problems) {
        showRecoverProblems(json.problems);
        return;
      }
      if (!response.ok) {
        throw new Error((json && json.error) || ('The playground answered ' + response.status));
      }
      form.hidden = true;
      showReply(json, 'recover ' + body.number);
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  async function runOffer(text) {
    try {
      const reply = await call('POST', '/command', { person: state.person, channel: state.channel, text, requestId: requestId() });
      showReply(reply, text);
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  function onFeedClick(ev) {
    const offer = ev.target.closest('button[data-command]');
    if (offer && offer.dataset.confirm && !window.confirm(offer.dataset.confirm)) {
      return;
    }
    if (offer) {
      runOffer(offer.dataset.command);
      return;
    }
    const button = ev.target.closest('button[data-action]');
    if (button) {
      if (button.dataset.action === 'recover') {
        showRecoverForm(Number(button.dataset.number));
      } else if (button.dataset.action === 'extend') {
        showExtendForm(button);
      } else {
        act(button.dataset.action, Number(button.dataset.number), Number(button.dataset.version));
      }
      return;
    }
    const code = ev.target.closest('code.cmd');
    if (code) {
      const composer = $('composer');
      composer.value = code.textContent.replace(/\s+/g, ' ').trim();
      composer.focus();
    }
  }

  async function advance(body, label) {
    try {
      const result = await call('POST', '/clock/advance', body);
      setClock(result.now, result.nowText);
      const parts = [];
      if (result.escalations) { parts.push(result.escalations + ' escalation step(s)'); }
      if (result.digests) { parts.push(result.digests + ' digest(s)'); }
      toast('Clock moved ' + label + '. ' + (parts.length ? parts.join(', ') + '.' : 'Nothing was due.'));
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  // Sets the clock to a local date and time in the zone of the person you are, forward or back.
  async function jump(at) {
    try {
      const result = await call('POST', '/clock/set', { person: state.person, at });
      setClock(result.now, result.nowText);
      const parts = [];
      if (result.escalations) { parts.push(result.escalations + ' escalation step(s)'); }
      if (result.digests) { parts.push(result.digests + ' digest(s)'); }
      toast('Clock set to ' + formatAt(result.now, result.nowText) + '. ' + (parts.length ? parts.join(', ') + '.' : 'Nothing was due.'));
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  function onComposerKey(ev) {
    const composer = ev.target;
    if (ev.key === 'ArrowUp') {
      if (!state.history.length) { return; }
      ev.preventDefault();
      if (state.historyIndex === -1) { state.draft = composer.value; state.historyIndex = state.history.length; }
      state.historyIndex = Math.max(0, state.historyIndex - 1);
      composer.value = state.history[state.historyIndex];
    } else if (ev.key === 'ArrowDown') {
      if (state.historyIndex === -1) { return; }
      ev.preventDefault();
      state.historyIndex += 1;
      if (state.historyIndex >= state.history.length) {
        state.historyIndex = -1;
        composer.value = state.draft;
      } else {
        composer.value = state.history[state.historyIndex];
      }
    }
  }

  function describePerson() {
    const p = person();
    $('person-info').textContent = p ? p.role + ' · ' + p.timeZone : '';
    setClock();
    $('dm-title').textContent = 'Direct messages to ' + (p ? p.name : '');
  }

  function toggleHelp(show) {
    const help = $('help');
    const visible = show ?? help.hidden;
    help.hidden = !visible;
    $('help-button').setAttribute('aria-expanded', String(visible));
    if (visible && !$('help-commands').dataset.loaded) {
      call('POST', '/command', { person: state.person, channel: state.channel, text: 'help' })
        .then((reply) => { $('help-commands').innerHTML = reply.html; $('help-commands').dataset.loaded = '1'; })
        .catch((e) => toast(e.message));
    }
  }

  // The new-promise form: the same rules as Slack's modal and the Teams card (checked on the server); each problem
  // is shown under its field and nothing is stored until all are fixed.
  function toggleNewForm(show) {
    const form = $('new-form');
    const visible = show ?? form.hidden;
    form.hidden = !visible;
    $('new-button').setAttribute('aria-expanded', String(visible));
    if (visible) {
      form.elements.owner.value = state.person;
      form.elements.title.focus();
    }
  }

  function showFormProblems(problems) {
    for (const p of document.querySelectorAll('#new-form .field-error')) {
      p.textContent = (problems && problems[p.dataset.for]) || '';
    }
  }

  async function submitNewForm(ev) {
    ev.preventDefault();
    const f = $('new-form').elements;
    const body = {
      person: state.person, channel: state.channel, title: f.title.value, due: f.due.value, aim: f.aim.value, customer: f.customer.value,
      owner: f.owner.value, backup: f.backup.value, category: f.category.value,
      risk: Array.from(document.querySelectorAll('#new-form input[name="risk"]:checked')).map(c => c.value).join(','),
      requestId: requestId(),
    };
    try {
      const response = await fetch(api + '/form', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      let json = null;
      try { json = await response.json(); } catch { json = null; }
      if (response.status === 400 && json && json.problems) {
        showFormProblems(json.problems);
        return;
      }
      if (!response.ok) {
        throw new Error((json && json.error) || ('The playground answered ' + response.status));
      }
      showFormProblems(null);
      $('new-form').reset();
      toggleNewForm(false);
      showReply(json, 'new promise');
    } catch (e) {
      toast(e.message);
    }
    await refresh();
  }

  async function init() {
    const s = await call('GET', '/state');
    state.people = s.people;
    state.channels = s.channels;
    setClock(s.now, s.nowText);
    for (const p of s.people) {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.name + (p.isManager ? ' (manager)' : '');
      $('person').appendChild(option);
    }
    for (const c of s.channels) {
      const option = document.createElement('option');
      option.value = c.id;
      option.textContent = '# ' + c.name;
      $('channel').appendChild(option);
    }
    const newForm = $('new-form').elements;
    for (const p of s.people) {
      for (const select of [newForm.owner, newForm.backup]) {
        const option = document.createElement('option');
        option.value = p.id;
        option.textContent = p.name;
        select.appendChild(option);
      }
    }
    $('new-button').addEventListener('click', () => toggleNewForm());
    $('new-cancel').addEventListener('click', () => { showFormProblems(null); toggleNewForm(false); });
    $('new-form').addEventListener('submit', submitNewForm);
    $('recover-form').addEventListener('submit', submitRecoverForm);
    $('recover-cancel').addEventListener('click', () => { $('recover-form').hidden = true; });
    state.person = s.people.some((p) => p.id === localStorage.getItem('pb.person')) ? localStorage.getItem('pb.person') : s.people[0].id;
    state.channel = s.channels.some((c) => c.id === localStorage.getItem('pb.channel')) ? localStorage.getItem('pb.channel') : s.channels[0].id;
    $('person').value = state.person;
    $('channel').value = state.channel;
    $('channel-title').textContent = '# ' + state.channel;
    describePerson();

    $('person').addEventListener('change', (ev) => { state.person = ev.target.value; localStorage.setItem('pb.person', state.person); describePerson(); refresh(); });
    $('channel').addEventListener('change', (ev) => {
      state.channel = ev.target.value; localStorage.setItem('pb.channel', state.channel);
      $('channel-title').textContent = '# ' + state.channel; refresh();
    });
    $('composer-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const composer = $('composer');
      const text = composer.value;
      composer.value = '';
      send(text);
    });
    $('composer').addEventListener('keydown', onComposerKey);
    $('timeline').addEventListener('click', onFeedClick);
    $('dms').addEventListener('click', onFeedClick);
    $('examples').addEventListener('click', onFeedClick);
    $('help-commands').addEventListener('click', (ev) => { onFeedClick(ev); });
    $('plus-hour').addEventListener('click', () => advance({ hours: 1 }, 'forward 1 hour'));
    $('plus-day').addEventListener('click', () => advance({ days: 1 }, 'forward 1 day'));
    $('jump-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const at = $('jump-at').value;
      if (at) { jump(at); }
    });
    $('help-button').addEventListener('click', () => toggleHelp());
    $('help-close').addEventListener('click', () => toggleHelp(false));
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !$('help').hidden) { toggleHelp(false); $('composer').focus(); }
      if (ev.key === '?' && document.activeElement !== $('composer')) { ev.preventDefault(); toggleHelp(); }
    });
    await refresh();
    $('composer').focus();
    // Messages the background dispatcher delivers later (a real Quartz fire, a deferred row) show up too.
    setInterval(() => {
      if (document.visibilityState === 'visible' && !document.querySelector('.extend-form')) { refresh(); }
    }, 5000);
  }

  init().catch((e) => toast(e.message));
})();
