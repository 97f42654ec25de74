'use strict';
// The zone-board release of a province's zones or one zone (/api/releases/{month}/zone-board): its text and tables as the
// console serves them, every number already written by the release's display rule in both languages, so this page
// rounds nothing; the exact amount on hover. Printable: the browser's print leaves out the controls.

const TEXTS = {
  vi: {
    title: 'Thông cáo của Ban Quản lý các KKT, KCN', console: 'Bảng số liệu', language: 'English', logout: 'Đăng xuất',
    byProvince: 'Các khu của tỉnh, thành phố', byZone: 'Một khu', month: 'Tháng báo cáo (lũy kế từ 1/1 đến ngày chốt)',
    asOf: 'Như đã biết lúc (không bắt buộc)', show: 'Xem thông cáo', print: 'In',
    firstPublished: 'Bản công bố đầu tiên', publish: 'Công bố thông cáo này', published: 'Đã công bố lúc',
    confirmPublish: 'Công bố thông cáo này như đã biết lúc này?', publishedVintage: 'Bản công bố lúc',
    sideBySide: 'FDI và DDI, lũy kế từ đầu năm so với cùng kỳ năm trước', figure: 'Chỉ tiêu', ddiUsd: 'DDI quy đổi USD',
    together: 'FDI và DDI', current: 'Năm nay', previous: 'Cùng kỳ', change: 'So sánh',
    targets: 'Tiến độ so với kế hoạch năm', target: 'Kế hoạch', achieved: 'Đạt', progress: '% kế hoạch năm',
    occupancy: 'Tỷ lệ lấp đầy', zone: 'Khu', leased: 'Đất của dự án còn hiệu lực', valid: 'Dự án còn hiệu lực',
    industrialLand: 'Đất công nghiệp của khu', rate: 'Tỷ lệ lấp đầy', totalArea: 'Tổng diện tích khu (không dùng làm mẫu số)',
    byZoneTable: 'Theo khu', fdiNew: 'Dự án FDI cấp mới', fdiRegistered: 'Vốn đăng ký FDI', ddiNew: 'Dự án DDI cấp mới',
    ddiRegistered: 'Vốn đăng ký DDI', stock: 'Dự án còn hiệu lực tại ngày chốt số liệu', type: 'Loại',
    suspended: 'Trong đó tạm ngừng', registered: 'Vốn đăng ký', realised: 'Vốn thực hiện lũy kế',
    noArea: 'chưa có diện tích công bố', noTarget: 'không có kế hoạch', fdiTarget: 'FDI', ddiTarget: 'DDI',
    totalTarget: 'FDI và DDI quy đổi USD', now: 'Số liệu hiện nay', knownAt: 'Như đã biết lúc',
    newest: 'sự kiện mới nhất nhận lúc', noEvents: 'chưa có sự kiện', numerator: 'Tử số', denominator: 'mẫu số',
    releaseOf: 'Thông cáo tháng', newThisYear: 'cùng kỳ không có', notComparable: 'không so sánh được'
  },
  en: {
    title: 'Release of the zone management board', console: 'Figures', language: 'Tiếng Việt', logout: 'Sign out',
    byProvince: 'A province\'s zones', byZone: 'One zone', month: 'Report month (from 1 January to its cut-off)',
    asOf: 'As known at (optional)', show: 'Show the release', print: 'Print',
    firstPublished: 'As first published', publish: 'Publish this release', published: 'Published at',
    confirmPublish: 'Publish this release as known now?', publishedVintage: 'As published at',
    sideBySide: 'FDI and DDI, year to date against the same period last year', figure: 'Figure', ddiUsd: 'DDI in USD',
    together: 'FDI and DDI', current: 'This year', previous: 'A year earlier', change: 'Change',
    targets: 'Progress against the year\'s target', target: 'Target', achieved: 'Achieved', progress: '% of target',
    occupancy: 'Occupancy', zone: 'Zone', leased: 'Land of valid projects', valid: 'Valid projects',
    industrialLand: 'The zone\'s industrial land', rate: 'Occupancy rate', totalArea: 'Zone\'s total area (not a denominator)',
    byZoneTable: 'By zone', fdiNew: 'New FDI projects', fdiRegistered: 'FDI registered capital', ddiNew: 'New DDI projects',
    ddiRegistered: 'DDI registered capital', stock: 'Valid projects at the cut-off', type: 'Type',
    suspended: 'Of which suspended', registered: 'Registered capital', realised: 'Cumulative realised capital',
    noArea: 'no published area', noTarget: 'no target', fdiTarget: 'FDI', ddiTarget: 'DDI',
    totalTarget: 'FDI and DDI in USD', now: 'Figures as of now', knownAt: 'As known at',
    newest: 'newest event received at', noEvents: 'no event yet', numerator: 'Numerator', denominator: 'denominator',
    releaseOf: 'Release of', newThisYear: 'none a year earlier', notComparable: 'not comparable'
  }
};

// the language the official chose, on this page as on the console and the sign-in page
const LANGUAGE = 'investledger.language';

const state = { language: localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi', release: null, signingOut: false };

function t(key) { return TEXTS[state.language][key] || key; }

function locale() { return state.language === 'vi' ? 'vi-VN' : 'en-GB'; }

function applyTexts() {
  document.documentElement.lang = state.language;
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(el.dataset.text); });
  document.getElementById('language').textContent = t('language');
}

// The console's own calls say so: an expired session then answers 401 without a Basic challenge.
async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  if (response.status === 401) {
    if (!state.signingOut) window.location.assign('/login');
    throw new Error('signed out');
  }
  return response;
}

// Amounts keep the digits they were sent with: a minorUnits beyond 2^53 would lose its last digits as a Number.
function parseJson(text) {
  return JSON.parse(text, (key, value, context) => (key === 'minorUnits' && context && context.source !== undefined
    ? context.source : value));
}

async function json(url) {
  const response = await fetchJson(url);
  if (!response.ok) throw new Error(url + ': ' + response.status);
  return parseJson(await response.text());
}

// the written form in the page's language of a number the release states ({vi, en}); the exact value on hover
function shown(value) {
  if (!value) return '–';
  return state.language === 'vi' ? value.vi : value.en;
}

// the exact amount, from its integer digits: minor units never pass through a floating-point number
function exact(value) {
  if (!value || value.minorUnits === undefined) return value && value.value !== undefined ? String(value.value) : '';
  const digits = String(value.minorUnits).replace('-', '');
  const sign = String(value.minorUnits).startsWith('-') ? '-' : '';
  if (value.currency === 'USD') {
    const padded = digits.padStart(3, '0');
    return `${sign}${padded.slice(0, -2)}.${padded.slice(-2)} US$`;
  }
  return `${sign}${digits} ₫`;
}

function cell(text, className, title) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  if (title) td.title = title;
  return td;
}

function number(value) { return cell(shown(value), 'number', exact(value)); }

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((c) => tr.appendChild(c));
  return tr;
}

function fill(id, rows) {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...rows);
}

// a change on a year earlier, short for a table cell; the release's whole clause on hover
function change(value) {
  const decimal = (n) => {
    const text = Math.abs(Number(n)).toFixed(1);
    return state.language === 'vi' ? text.replace('.', ',') : text;
  };
  const short = {
    up: () => `+${decimal(value.percent)}%`,
    down: () => `−${decimal(value.percent)}%`,
    times: () => (state.language === 'vi' ? `gấp ${decimal(value.times)} lần` : `${decimal(value.times)}×`),
    same: () => '=',
    none: () => '–',
    'none-before': () => t('newThisYear'),
    'not-comparable': () => t('notComparable')
  }[value.kind];
  return cell(short ? short() : '', 'change', words(value));
}

function words(item) { return state.language === 'vi' ? item.vi : item.en; }

function dateTime(iso) { return new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Ho_Chi_Minh' }); }

function show() {
  const release = state.release;
  if (!release) return;
  const header = release.header;
  document.getElementById('heading').textContent = `${t('releaseOf')} ${header.month}: ${words(header.scope)}`;
  document.getElementById('known').textContent =
    `${header.asOf ? `${t(state.firstPublished ? 'publishedVintage' : 'knownAt')} ${dateTime(header.asOf)}` : t('now')}; ${t('newest')} `
    + (header.newestEventReceivedAt ? dateTime(header.newestEventReceivedAt) : t('noEvents'));
  document.getElementById('text').replaceChildren(...release.text.map((paragraph) => {
    const p = document.createElement('p');
    p.textContent = words(paragraph);
    p.dataset.key = paragraph.key;
    return p;
  }));
  const tables = release.tables;
  fill('yearOnYear', tables.yearOnYear.map((r) => row([
    cell(words(r)),
    number(r.fdi.current), number(r.fdi.previous), change(r.fdi.change),
    number(r.ddi.current), number(r.ddi.previous), change(r.ddi.change),
    r.ddiUsd ? number(r.ddiUsd.current) : cell(''), r.ddiUsd ? number(r.ddiUsd.previous) : cell(''),
    number(r.together.current), number(r.together.previous), change(r.together.change)
  ])));
  document.getElementById('rates').textContent = words(tables.usd);
  const targets = tables.targets;
  document.getElementById('targetsText').textContent = words(targets);
  document.getElementById('targets').hidden = targets.status !== 'set';
  if (targets.status === 'set') {
    fill('targets', [['fdiTarget', targets.fdi], ['ddiTarget', targets.ddi], ['totalTarget', targets.total]].map(([key, target]) => row([
      cell(t(key)),
      target.target ? number(target.target) : cell(t('noTarget'), 'none'),
      number(target.achieved),
      target.progress ? cell(shown(target.progress), 'number') : cell('–', 'none')
    ])));
  }
  const occupancy = tables.occupancy;
  document.getElementById('occupancyWhat').textContent = state.language === 'vi'
    ? `${t('numerator')}: ${occupancy.numeratorVi}; ${t('denominator')}: ${occupancy.denominatorVi}.`
    : `${t('numerator')}: ${occupancy.numeratorEn}; ${t('denominator')}: ${occupancy.denominatorEn}.`;
  fill('occupancy', occupancy.zones.map((zone) => row([
    cell(zone.name, null, zone.zone),
    cell(shown(zone.leased), 'number', zone.leased.exact + ' ha'),
    cell(new Intl.NumberFormat(locale()).format(zone.validProjects), 'number'),
    zone.denominator ? cell(shown(zone.denominator.hectares), 'number', zone.denominator.source) : cell(t('noArea'), 'none'),
    zone.rate ? cell(shown(zone.rate), 'number') : cell('–', 'none'),
    zone.totalArea ? cell(shown(zone.totalArea), 'number') : cell('–')
  ])));
  document.getElementById('occupancyTotal').textContent = occupancy.total ? words(occupancy.total) : '';
  fill('zones', tables.zones.map((zone) => row([
    cell(zone.name, null, zone.zone), number(zone.fdiNewProjects), number(zone.fdiRegistered), number(zone.ddiNewProjects),
    number(zone.ddiRegistered), number(zone.ddiUsd), number(zone.totalUsd), number(zone.validProjects)
  ])));
  fill('stock', tables.stock.map((line) => row([
    cell(line.type), number(line.validProjects), number(line.suspendedProjects), number(line.registeredCapital),
    number(line.realisedCapital)
  ])));
  document.getElementById('release').hidden = false;
}

function scope() { return document.querySelector('input[name="scope"]:checked').value; }

function query(format) {
  const params = new URLSearchParams();
  const which = scope();
  params.set(which, document.getElementById(which).value);
  const asOf = document.getElementById('asOf').value;
  if (document.getElementById('firstPublished').checked) params.set('vintage', 'first-published');
  // the time typed is Vietnam's, whatever the browser's time zone
  else if (asOf) params.set('asOf', (asOf.length === 16 ? asOf + ':00' : asOf) + '+07:00');
  if (format) params.set('format', format);
  const month = encodeURIComponent(document.getElementById('month').value);
  return `/api/releases/${month}/zone-board?` + params.toString();
}

function links() {
  document.getElementById('csv').href = query('csv');
  document.getElementById('xlsx').href = query('xlsx');
}

// A release asked for before the latest (the page's first, while another month is chosen) must not replace it when
// its answer arrives later.
let asked = 0;

async function load(event) {
  if (event) event.preventDefault();
  const mine = ++asked;
  links();
  const problem = document.getElementById('problem');
  const response = await fetchJson(query());
  if (mine !== asked) return;
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    problem.textContent = body.detail || body.title || String(response.status);
    problem.hidden = false;
    document.getElementById('release').hidden = true;
    return;
  }
  const release = parseJson(await response.text());
  if (mine !== asked) return;
  problem.hidden = true;
  state.firstPublished = response.headers.get('X-Vintage') === 'first-published';
  state.release = release;
  show();
}

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}

async function choices() {
  const [names, rulebook] = await Promise.all([json('/api/console/names'), json('/api/console/rulebook')]);
  // today's units: a code whose latest name has no end
  const provinces = Object.entries(names.provinces)
    .filter(([, units]) => units.length > 0 && units[units.length - 1].validTo === null)
    .map(([code, units]) => [code, units[units.length - 1].name])
    .sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  document.getElementById('province').replaceChildren(...provinces.map(([code, name]) => option(code, `${name} (${code})`)));
  document.getElementById('province').value = '31';
  const zones = Object.entries(names.zones).sort((a, b) => a[1].name.localeCompare(b[1].name, 'vi'));
  document.getElementById('zone').replaceChildren(...zones.map(([code, zone]) => option(code, `${zone.name} (${zone.type})`)));
  const month = document.getElementById('month');
  month.max = rulebook.lastClosedMonth;
  month.value = rulebook.lastClosedMonth;
  links();
}

document.querySelectorAll('input[name="scope"]').forEach((radio) => radio.addEventListener('change', () => {
  document.getElementById('province').disabled = scope() !== 'province';
  document.getElementById('zone').disabled = scope() !== 'zone';
  links();
}));
['province', 'zone', 'month', 'asOf', 'firstPublished'].forEach((id) => document.getElementById(id).addEventListener('change', links));
document.getElementById('firstPublished').addEventListener('change', () => {
  document.getElementById('asOf').disabled = document.getElementById('firstPublished').checked;
});
document.getElementById('choose').addEventListener('submit', load);
document.getElementById('print').addEventListener('click', () => window.print());

document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE, state.language);
  applyTexts();
  show();
});

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

// signing out changes state, so it carries the CSRF token as the console's script does
document.getElementById('logout').addEventListener('click', async () => {
  state.signingOut = true;
  const response = await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') } });
  if (response.ok) window.location.assign('/login?logout');
  else state.signingOut = false;
});

async function signedIn() {
  const me = await json('/api/console/me');
  document.getElementById('user').textContent = `${me.name} (${me.roles.join(', ')})`;
  document.getElementById('publish').hidden = !me.roles.includes('ADMIN');
}

// Publishing changes state: an admin's POST with the CSRF token, the XSRF-TOKEN cookie sent back as a header; then
// the release as first published is shown.
async function publish() {
  if (!window.confirm(t('confirmPublish'))) return;
  const which = scope();
  const month = encodeURIComponent(document.getElementById('month').value);
  const params = new URLSearchParams({ [which]: document.getElementById(which).value });
  const response = await fetch(`/api/admin/releases/${month}/zone-board/publications?` + params.toString(), {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') }
  });
  const body = await response.json().catch(() => ({}));
  const problem = document.getElementById('problem');
  if (!response.ok) {
    problem.textContent = body.detail || body.title || String(response.status);
    problem.hidden = false;
    return;
  }
  document.getElementById('firstPublished').checked = true;
  document.getElementById('asOf').disabled = true;
  await load();
}
document.getElementById('publish').addEventListener('click', publish);

applyTexts();
signedIn();
choices().then(() => load());
