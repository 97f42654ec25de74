'use strict';
// Official releases: the national release of a closed report month, current, as first published or as known at an
// instant; its text and tables; the changes since publication with the events that caused them; and, for an admin,
// publishing it. Every number comes from the server written as the release writes it (its display rule); the exact
// amount is on hover.

const TEXTS = {
  vi: {
    title: 'Thông cáo số liệu đầu tư', console: 'Bảng số liệu', language: 'English', logout: 'Đăng xuất',
    month: 'Tháng', type: 'Loại', fdi: 'FDI (vốn nước ngoài)', ddi: 'DDI (vốn trong nước)', vintage: 'Bản',
    knownAt: 'Như đã biết lúc (giờ Việt Nam)', show: 'Xem', publish: 'Công bố thông cáo này',
    current: 'Hiện nay', firstPublished: 'Bản công bố ngày', republished: 'Bản công bố lại ngày',
    asOf: 'Như đã biết lúc…', revisions: 'Thay đổi từ khi công bố', figure: 'Chỉ tiêu', before: 'Khi công bố',
    after: 'Hiện nay', causes: 'Sự kiện gây ra thay đổi', noRevisions: 'Không có thay đổi nào từ khi công bố.',
    revisionsSince: 'Các chỉ tiêu đã thay đổi từ khi công bố lúc', events: 'sự kiện đến sau', figures: 'chỉ tiêu',
    listed: 'liệt kê',
    yearOnYear: 'So với cùng kỳ năm trước', thisYear: 'Từ 01/01 đến', lastYear: 'Cùng kỳ năm trước (đến',
    change: 'Thay đổi', contributions: 'Góp vốn, mua cổ phần', transactions: 'Số lượt', value: 'Giá trị',
    all: 'Tất cả', raising: 'Làm tăng vốn điều lệ', other: 'Không làm tăng vốn điều lệ',
    countries: 'Đối tác có dự án cấp mới', provinces: 'Địa phương có dự án cấp mới', sectors: 'Ngành có dự án cấp mới',
    rank: 'Hạng', name: 'Tên', newProjects: 'Dự án cấp mới', newCapital: 'Vốn đăng ký cấp mới', share: 'Tỷ trọng',
    others: 'Còn lại', stock: 'Lũy kế dự án còn hiệu lực đến', validProjects: 'Dự án còn hiệu lực',
    suspendedProjects: 'Trong đó tạm ngừng', registeredCapital: 'Vốn đăng ký', realisedCapital: 'Vốn thực hiện lũy kế',
    realisedShare: 'Vốn thực hiện / vốn đăng ký', showing: 'Đang xem', currentRelease: 'thông cáo hiện nay (mọi sự kiện đã lập chỉ mục)',
    knownAtShort: 'thông cáo như đã biết lúc', firstShort: 'thông cáo như công bố lần đầu lúc',
    confirmPublish: 'Công bố thông cáo này như đã biết lúc này?', published: 'Đã công bố lúc',
    notPublished: 'Thông cáo này chưa được công bố.', history: 'Lịch sử sự kiện của dự án',
    revision: 'Lượt', effective: 'Ngày hiệu lực', received: 'Nhận lúc', unit: 'Đơn vị gửi', kind: 'Loại sự kiện',
    withoutFlow: 'sự kiện không có luồng số liệu ghi kèm (cần chạy lại sổ cái) không được tính.',
    'kind.licensed': 'Cấp mới', 'kind.capital-adjusted': 'Điều chỉnh vốn', 'kind.capital-contributed': 'Góp vốn, mua cổ phần',
    'kind.disbursed': 'Giải ngân', 'kind.suspended': 'Tạm ngừng hoạt động', 'kind.resumed': 'Tiếp tục hoạt động',
    'kind.terminated': 'Chấm dứt hoạt động'
  },
  en: {
    title: 'Official investment releases', console: 'Figures', language: 'Tiếng Việt', logout: 'Sign out',
    month: 'Month', type: 'Type', fdi: 'FDI (foreign)', ddi: 'DDI (domestic)', vintage: 'Vintage',
    knownAt: 'As known at (Vietnam time)', show: 'Show', publish: 'Publish this release',
    current: 'Current', firstPublished: 'As published on', republished: 'As republished on',
    asOf: 'As known at…', revisions: 'Changes since publication', figure: 'Figure', before: 'As published',
    after: 'Now', causes: 'Events that changed it', noRevisions: 'Nothing has changed since publication.',
    revisionsSince: 'Figures changed since publication at', events: 'late events', figures: 'figures',
    listed: 'listed',
    yearOnYear: 'Year on year', thisYear: '1 January to', lastYear: 'Same period last year (to',
    change: 'Change', contributions: 'Capital contributions and share purchases', transactions: 'Transactions',
    value: 'Value', all: 'All', raising: 'Raising charter capital', other: 'Not raising charter capital',
    countries: 'Partners with new projects', provinces: 'Provinces with new projects', sectors: 'Sectors with new projects',
    rank: 'Rank', name: 'Name', newProjects: 'New projects', newCapital: 'New registered capital', share: 'Share',
    others: 'Others', stock: 'Valid projects, cumulatively to', validProjects: 'Valid projects',
    suspendedProjects: 'Of which suspended', registeredCapital: 'Registered capital',
    realisedCapital: 'Cumulative realised capital', realisedShare: 'Realised / registered', showing: 'Showing',
    currentRelease: 'the current release (every event indexed)', knownAtShort: 'the release as known at',
    firstShort: 'the release as first published at', confirmPublish: 'Publish this release as known now?',
    published: 'Published at', notPublished: 'This release has not been published.', history: 'Event history of project',
    revision: 'Revision', effective: 'Effective', received: 'Received', unit: 'Sending unit', kind: 'Event',
    withoutFlow: 'events carry no recorded flow (replay the ledger) and are not counted.',
    'kind.licensed': 'Licensed', 'kind.capital-adjusted': 'Capital adjusted',
    'kind.capital-contributed': 'Capital contribution, share purchase', 'kind.disbursed': 'Disbursed',
    'kind.suspended': 'Suspended', 'kind.resumed': 'Resumed', 'kind.terminated': 'Terminated'
  }
};

const LANGUAGE = 'investledger.language';

const state = {
  language: localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi',
  admin: false, publications: [], release: null, revisions: null, signingOut: false
};

function t(key) { return TEXTS[state.language][key] || key; }

function applyTexts() {
  document.documentElement.lang = state.language;
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(el.dataset.text); });
  document.getElementById('language').textContent = t('language');
}

// Amounts keep the digits they were sent with: a minorUnits beyond 2^53 would lose its last digits as a Number.
function parseJson(text) {
  return JSON.parse(text, (key, value, context) => (key === 'minorUnits' && context && context.source !== undefined
    ? context.source : value));
}

async function call(url, options) {
  const response = await fetch(url, Object.assign({ headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } }, options));
  if (response.status === 401) {
    if (!state.signingOut) window.location.assign('/login');
    throw new Error('signed out');
  }
  const text = await response.text();
  const body = text ? parseJson(text) : null;
  if (!response.ok) {
    const problem = new Error((body && body.detail) || `${url}: ${response.status}`);
    problem.status = response.status;
    throw problem;
  }
  return body;
}

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

function instant(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(state.language === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh'
  }).format(new Date(iso));
}

function count(number) {
  return Number(number).toLocaleString(state.language === 'vi' ? 'vi-VN' : 'en-GB');
}

function day(iso) {
  if (!iso) return '';
  const [year, month, date] = iso.split('-');
  return `${date}/${month}/${year}`;
}

/** An exact amount or count, for the hover: every digit, in major units. */
function exact(shown) {
  if (!shown) return '';
  if (shown.minorUnits === undefined) return String(shown.value);
  const minor = BigInt(shown.minorUnits);
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString();
  const scale = shown.currency === 'USD' ? 2 : 0;
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, state.language === 'vi' ? '.' : ',');
  const fraction = scale > 0 ? (state.language === 'vi' ? ',' : '.') + padded.slice(padded.length - scale) : '';
  return `${sign}${whole}${fraction} ${shown.currency}`;
}

function cell(row, content, className) {
  const td = document.createElement('td');
  if (content && typeof content === 'object') {
    td.textContent = content[state.language] || '';
    td.title = exact(content);
  }
  else {
    td.textContent = content === undefined || content === null ? '' : content;
  }
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function table(caption, headings, rows) {
  const heading = document.createElement('h2');
  heading.textContent = caption;
  const element = document.createElement('table');
  const head = element.createTHead().insertRow();
  headings.forEach((text) => { const th = document.createElement('th'); th.textContent = text; head.appendChild(th); });
  const body = element.createTBody();
  rows.forEach((fill) => fill(body.insertRow()));
  const tables = document.getElementById('tables');
  tables.appendChild(heading);
  tables.appendChild(element);
}

// What is asked for: the month, the type and the vintage, also in the page's address so that it can be shared.

function choice() {
  const vintage = document.getElementById('vintage').value;
  const chosen = { month: document.getElementById('month').value, type: document.getElementById('type').value };
  if (vintage === 'first') chosen.vintage = 'first-published';
  else if (vintage.startsWith('at:')) chosen.asOf = vintage.slice(3);
  else if (vintage === 'asOf' && document.getElementById('asOf').value) {
    const local = document.getElementById('asOf').value;
    chosen.asOf = (local.length === 16 ? local + ':00' : local) + '+07:00';
  }
  return chosen;
}

function query(chosen, extra) {
  const parameters = new URLSearchParams({ type: chosen.type });
  if (chosen.vintage) parameters.set('vintage', chosen.vintage);
  if (chosen.asOf) parameters.set('asOf', chosen.asOf);
  Object.entries(extra || {}).forEach(([key, value]) => parameters.set(key, value));
  return parameters.toString();
}

function vintageOptions(selected) {
  const select = document.getElementById('vintage');
  select.replaceChildren();
  const option = (value, text) => { const o = document.createElement('option'); o.value = value; o.textContent = text; select.appendChild(o); };
  option('current', t('current'));
  state.publications.forEach((publication, index) => {
    if (index === 0) option('first', `${t('firstPublished')} ${instant(publication.publishedAt)}`);
    else option(`at:${publication.publishedAt}`, `${t('republished')} ${instant(publication.publishedAt)}`);
  });
  option('asOf', t('asOf'));
  const values = Array.from(select.options).map((o) => o.value);
  select.value = values.includes(selected) ? selected : 'current';
  document.getElementById('asOfLabel').hidden = select.value !== 'asOf';
}

async function loadPublications(selected) {
  const { month, type } = choice();
  state.publications = month ? await call(`/api/releases/${month}/publications?type=${type}`) : [];
  vintageOptions(selected);
}

// A release asked for before the latest (another month or vintage chosen meanwhile) must not replace it when its
// answer arrives later.
let asked = 0;

async function show() {
  const mine = ++asked;
  const chosen = choice();
  const status = document.getElementById('status');
  status.classList.remove('problem');
  if (!chosen.month) return;
  history.replaceState(null, '', `?month=${chosen.month}&${query(chosen)}`);
  try {
    const release = await call(`/api/releases/${chosen.month}?${query(chosen)}`);
    if (mine !== asked) return;
    state.release = release;
  }
  catch (problem) {
    if (mine !== asked) return;
    state.release = null;
    status.textContent = problem.message;
    status.classList.add('problem');
    document.getElementById('text').replaceChildren();
    document.getElementById('tables').replaceChildren();
    document.getElementById('downloads').replaceChildren();
    return;
  }
  render();
  downloads(chosen);
  revisions();
}

function render() {
  const release = state.release;
  if (!release) return;
  const header = release.header;
  const status = document.getElementById('status');
  const what = choice().vintage ? `${t('firstShort')} ${instant(header.asOf)}`
    : header.asOf ? `${t('knownAtShort')} ${instant(header.asOf)}` : t('currentRelease');
  status.textContent = `${t('showing')}: ${what}.` + (header.eventsWithoutFlow > 0 ? ` ${header.eventsWithoutFlow} ${t('withoutFlow')}` : '');
  const text = document.getElementById('text');
  text.replaceChildren(...release.text.map((paragraph) => {
    const p = document.createElement('p');
    p.textContent = paragraph[state.language];
    p.dataset.key = paragraph.key;
    return p;
  }));
  document.getElementById('tables').replaceChildren();
  const tables = release.tables;
  table(t('yearOnYear'), [t('figure'), `${t('thisYear')} ${day(header.cutOff)}`, `${t('lastYear')} ${day(header.comparisonCutOff)})`, t('change')],
    tables.yearOnYear.map((row) => (tr) => {
      cell(tr, row[state.language]);
      cell(tr, row.current, 'number');
      cell(tr, row.previous, 'number');
      cell(tr, row.change[state.language]);
    }));
  const split = tables.contributions;
  table(t('contributions'), ['', t('transactions'), t('value')], [
    [t('all'), split.transactions, split.value], [t('raising'), split.raising, split.raisingValue],
    [t('other'), split.other, split.otherValue]
  ].map(([label, count, value]) => (tr) => { cell(tr, label); cell(tr, count, 'number'); cell(tr, value, 'number'); }));
  for (const name of ['countries', 'provinces', 'sectors']) {
    const ranking = tables[name];
    const rows = ranking.rows.map((line) => (tr) => {
      cell(tr, line.rank);
      cell(tr, line[state.language]).title = line.code;
      cell(tr, line.newProjects, 'number');
      cell(tr, line.newCapital, 'number');
      cell(tr, line.share, 'number');
    });
    if (ranking.others) {
      rows.push((tr) => {
        cell(tr, '');
        cell(tr, `${t('others')} (${ranking.others.lines[state.language]})`);
        cell(tr, '');
        cell(tr, ranking.others.newCapital, 'number');
        cell(tr, ranking.others.share, 'number');
      });
    }
    table(`${t(name)}: ${ranking.lines[state.language]}`, [t('rank'), t('name'), t('newProjects'), t('newCapital'), t('share')], rows);
  }
  const stock = tables.stock;
  table(`${t('stock')} ${day(stock.at)}`, [t('validProjects'), t('suspendedProjects'), t('registeredCapital'), t('realisedCapital'), t('realisedShare')],
    [(tr) => {
      cell(tr, stock.validProjects, 'number');
      cell(tr, stock.suspendedProjects, 'number');
      cell(tr, stock.registeredCapital, 'number');
      cell(tr, stock.realisedCapital, 'number');
      cell(tr, stock.realisedShare, 'number');
    }]);
}

function downloads(chosen) {
  const links = document.getElementById('downloads');
  links.replaceChildren(...['json', 'csv', 'xlsx'].map((format) => {
    const a = document.createElement('a');
    a.href = `/api/releases/${chosen.month}?${query(chosen, { format })}`;
    a.textContent = format === 'xlsx' ? 'Excel' : format.toUpperCase();
    return a;
  }));
}

// What changed since the first publication, and the events that changed it.

let revisionsAsked = 0;

async function revisions() {
  const mine = ++revisionsAsked;
  const section = document.getElementById('revisionsSection');
  const { month, type } = choice();
  if (state.publications.length === 0) {
    section.hidden = true;
    return;
  }
  try {
    const answer = await call(`/api/releases/${month}/revisions?type=${type}`);
    if (mine !== revisionsAsked) return;
    state.revisions = answer;
  }
  catch (problem) {
    if (mine !== revisionsAsked) return;
    state.revisions = null;
    if (problem.status !== 409) {
      section.hidden = true;
      return;
    }
    // the published side no longer regenerates as published: say why, compare nothing
    section.hidden = false;
    document.getElementById('revisionsSummary').textContent = problem.message;
    document.querySelector('#revisions tbody').replaceChildren();
    document.getElementById('history').replaceChildren();
    return;
  }
  section.hidden = false;
  renderRevisions();
}

function renderRevisions() {
  const revised = state.revisions;
  if (!revised) return;
  document.getElementById('revisionsSummary').textContent = revised.figures.length === 0 ? t('noRevisions')
    : `${t('revisionsSince')} ${instant(revised.from)}: ${revised.figures.length} ${t('figures')} · ${count(revised.eventsTotal)} ${t('events')}`
      + (revised.eventsTotal > revised.events.length ? ` (${t('listed')} ${count(revised.events.length)})` : '');
  const body = document.querySelector('#revisions tbody');
  body.replaceChildren(...revised.figures.map((figure) => {
    const tr = document.createElement('tr');
    cell(tr, figure[state.language]).title = figure.figure;
    cell(tr, figure.before, 'number');
    cell(tr, figure.after, 'number');
    const causes = cell(tr, '');
    const list = document.createElement('ul');
    figure.events.forEach((event) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.textContent = `${event.projectCode} #${event.revision}`;
      link.href = '#history';
      link.addEventListener('click', (e) => { e.preventDefault(); projectHistory(event); });
      item.appendChild(link);
      item.appendChild(document.createTextNode(` ${t('kind.' + event.kind)}, ${day(event.effectiveDate)}, ${t('received')} ${instant(event.receivedAt)}`));
      list.appendChild(item);
    });
    causes.appendChild(list);
    if (figure.eventsTotal > figure.events.length) {
      causes.appendChild(document.createTextNode(`${t('listed')} ${count(figure.events.length)} / ${count(figure.eventsTotal)}`));
    }
    return tr;
  }));
}

async function projectHistory(event) {
  const entries = await call(event.history);
  const box = document.getElementById('history');
  const heading = document.createElement('h2');
  heading.textContent = `${t('history')} ${event.projectCode}`;
  const element = document.createElement('table');
  const head = element.createTHead().insertRow();
  [t('revision'), t('kind'), t('effective'), t('received'), t('unit')].forEach((text) => {
    const th = document.createElement('th'); th.textContent = text; head.appendChild(th);
  });
  const body = element.createTBody();
  (entries.events || entries).forEach((entry) => {
    const tr = body.insertRow();
    if (entry.eventId === event.eventId) tr.className = 'changed';
    cell(tr, entry.revision);
    cell(tr, t('kind.' + entry.kind));
    cell(tr, day(entry.effectiveDate));
    cell(tr, instant(entry.receivedAt));
    cell(tr, entry.unit);
  });
  box.replaceChildren(heading, element);
}

// Publishing changes state: an admin's POST with the CSRF token, the XSRF-TOKEN cookie sent back as a header.

async function publish() {
  const { month, type } = choice();
  if (!window.confirm(t('confirmPublish'))) return;
  const status = document.getElementById('status');
  try {
    const publication = await call(`/api/admin/releases/${month}/publications?type=${type}`,
      { method: 'POST', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') } });
    await loadPublications('first');
    await show();
    status.textContent += ` ${t('published')} ${instant(publication.publishedAt)}.`;
  }
  catch (problem) {
    status.textContent = problem.message;
    status.classList.add('problem');
  }
}

async function start() {
  applyTexts();
  const me = await call('/api/console/me');
  document.getElementById('user').textContent = `${me.name} (${me.roles.join(', ')})`;
  state.admin = me.roles.includes('ADMIN');
  document.getElementById('publish').hidden = !state.admin;
  const rulebook = await call('/api/console/rulebook');
  const month = document.getElementById('month');
  month.max = rulebook.lastClosedMonth;
  const asked = new URLSearchParams(window.location.search);
  month.value = asked.get('month') || rulebook.lastClosedMonth;
  if (asked.get('type')) document.getElementById('type').value = asked.get('type');
  await loadPublications(asked.get('vintage') === 'first-published' ? 'first' : 'current');
  if (asked.get('asOf') && !asked.get('vintage')) {
    const select = document.getElementById('vintage');
    const option = document.createElement('option');
    option.value = `at:${asked.get('asOf')}`;
    option.textContent = `${t('asOf').replace('…', '')} ${instant(asked.get('asOf'))}`;
    select.insertBefore(option, select.lastChild);
    select.value = option.value;
  }
  await show();
}

document.getElementById('choice').addEventListener('submit', (e) => { e.preventDefault(); show(); });
document.getElementById('vintage').addEventListener('change', () => {
  document.getElementById('asOfLabel').hidden = document.getElementById('vintage').value !== 'asOf';
});
for (const id of ['month', 'type']) {
  document.getElementById(id).addEventListener('change', async () => { await loadPublications('current'); show(); });
}
document.getElementById('publish').addEventListener('click', publish);
document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE, state.language);
  applyTexts();
  vintageOptions(document.getElementById('vintage').value);
  render();
  renderRevisions();
});
document.getElementById('logout').addEventListener('click', async () => {
  state.signingOut = true;
  const response = await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') } });
  if (response.ok) window.location.assign('/login?logout');
  else state.signingOut = false;
});

start();
