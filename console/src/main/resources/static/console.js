'use strict';
// The officials' console: figures from the search API, and new ones pushed as server-sent events once a search finds them.

const TEXTS = {
  vi: {
    title: 'Sổ cái đầu tư KKT, KCN, CCN', licensed: 'Tỉnh khi cấp phép', restated: 'Đơn vị hành chính hiện nay',
    registered: 'Vốn đăng ký', newProjects: 'Dự án cấp mới', realised: 'Vốn thực hiện', monthly: 'Vốn FDI đăng ký theo tháng',
    byCountry: 'FDI theo đối tác', bySector: 'FDI theo ngành', byProvince: 'Theo tỉnh, thành phố', province: 'Tỉnh',
    projects: 'Dự án', search: 'Tìm dự án', find: 'Tìm', export: 'Xuất CSV', code: 'Mã', name: 'Tên dự án',
    country: 'Đối tác', status: 'Trạng thái', searchHint: 'Tên dự án, nhà đầu tư, khu, tỉnh (có thể gõ không dấu)',
    asOf: 'Số liệu đến sự kiện lúc', waiting: 'bản ghi chờ lập chỉ mục', found: 'dự án', history: 'Lịch sử sự kiện của',
    language: 'English', none: 'Chưa có số liệu', logout: 'Đăng xuất', report: 'Báo cáo tháng',
    reportMonth: 'Lũy kế từ 1/1 đến ngày chốt của tháng', refused: 'Sự kiện bị từ chối', unit: 'Đơn vị gửi',
    total: 'Tổng', reasons: 'Lý do', afterGap: 'áp dụng khi thiếu lượt trước'
  },
  en: {
    title: 'Investment ledger of economic zones, industrial zones and clusters', licensed: 'Province as licensed',
    restated: 'Today\'s provinces', registered: 'Registered capital', newProjects: 'New projects',
    realised: 'Realised capital', monthly: 'FDI registered capital by month', byCountry: 'FDI by partner country',
    bySector: 'FDI by sector', byProvince: 'By province', province: 'Province', projects: 'Projects',
    search: 'Find projects', find: 'Find', export: 'Export CSV', code: 'Code', name: 'Project', country: 'Partner',
    status: 'Status', searchHint: 'Project, investor, zone or province (diacritics optional)',
    asOf: 'Figures as of the event at', waiting: 'records waiting to be indexed', found: 'projects',
    history: 'Event history of', language: 'Tiếng Việt', none: 'No figures yet', logout: 'Sign out',
    report: 'Monthly report', reportMonth: 'Year to date, to the cut-off day of', refused: 'Refused events',
    unit: 'Sending unit', total: 'Total', reasons: 'Reasons', afterGap: 'applied with an earlier revision missing'
  }
};

const state = { language: 'vi', mode: null, charts: {}, loadedAt: Date.now(), newest: {} };
window.console_loadedAt = state.loadedAt;

function t(key) { return TEXTS[state.language][key] || key; }

function applyTexts() {
  document.documentElement.lang = state.language;
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(el.dataset.text); });
  document.querySelectorAll('[data-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.placeholder); });
  document.getElementById('language').textContent = t('language');
}

function money(amount) {
  if (!amount) return '–';
  const digits = amount.currency === 'USD' ? 2 : 0;
  const value = Number(amount.minorUnits) / Math.pow(10, digits);
  return new Intl.NumberFormat(state.language === 'vi' ? 'vi-VN' : 'en-US',
    { style: 'currency', currency: amount.currency, maximumFractionDigits: digits }).format(value);
}

function count(n) { return new Intl.NumberFormat(state.language === 'vi' ? 'vi-VN' : 'en-US').format(n || 0); }

// The console's own calls say so: an expired session then answers 401 without a Basic challenge.
async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new Error('signed out');
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(url + ': ' + response.status);
  return response.json();
}

function key(cuboid, dimensions, period, type) {
  const dims = Object.keys(dimensions).sort().map((k) => k + '=' + dimensions[k]).join(',');
  return cuboid + '|' + dims + '|' + period + '|' + type;
}

// A search's answer and a pushed figure may cross on the way: keep whichever reflects the newer event.
function newest(figure) {
  const known = state.newest[figure.key];
  if (known && figure.newestEventAt && known.newestEventAt && Date.parse(known.newestEventAt) > Date.parse(figure.newestEventAt)) {
    return known;
  }
  state.newest[figure.key] = figure;
  return figure;
}

function showCard(pushedOrLoaded) {
  const figure = newest(pushedOrLoaded);
  const card = document.querySelector(`.card[data-key="${figure.key}"]`);
  if (!card) return;
  card.querySelector('.registered').textContent = money(figure.registeredCapital);
  card.querySelector('.newProjects').textContent = count(figure.newProjects);
  card.querySelector('.realised').textContent = money(figure.realisedCapital);
}

function provinceRow(province) {
  const body = document.querySelector('#provinces tbody');
  let row = body.querySelector(`tr[data-province="${province}"]`);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.province = province;
    row.innerHTML = '<td class="name"></td><td class="number fdi registered"></td><td class="number fdi projects"></td>'
      + '<td class="number ddi registered"></td><td class="number ddi projects"></td>';
    row.querySelector('.name').textContent = province;
    body.appendChild(row);
  }
  return row;
}

function showProvince(pushedOrLoaded, highlight) {
  const figure = newest(pushedOrLoaded);
  const province = figure.dimensions.province;
  const row = provinceRow(province);
  const type = figure.investmentType.toLowerCase();
  row.dataset['key' + type.toUpperCase()] = figure.key;
  const registered = row.querySelector(`.${type}.registered`);
  registered.textContent = money(figure.registeredCapital);
  registered.dataset.key = figure.key;
  row.querySelector(`.${type}.projects`).textContent = count(figure.newProjects);
  if (highlight) {
    row.classList.add('changed');
    setTimeout(() => row.classList.remove('changed'), 2000);
  }
}

async function loadFigures() {
  for (const type of ['FDI', 'DDI']) {
    const national = await json(`/api/search/totals?cuboid=${CUBOID.NATIONAL}&period=all&type=${type}`);
    if (national) showCard(national);
  }
  document.querySelector('#provinces tbody').innerHTML = '';
  for (const type of ['FDI', 'DDI']) {
    const list = await json(`/api/search/totals/list?cuboid=${state.mode}&period=all&type=${type}&size=100`);
    (list ? list.figures : []).forEach((figure) => showProvince(figure, false));
  }
  await loadCharts();
}

function chart(id, type, labels, values, label) {
  const existing = state.charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets[0].data = values;
    existing.data.datasets[0].label = label;
    existing.update();
    return;
  }
  state.charts[id] = new Chart(document.getElementById(id), {
    type,
    data: { labels, datasets: [{ label, data: values, backgroundColor: '#2f7fc1' }] },
    options: { animation: false, indexAxis: type === 'bar' && id !== 'monthly' ? 'y' : 'x', plugins: { legend: { display: type === 'doughnut' } } }
  });
}

function major(amount) { return amount ? Number(amount.minorUnits) / (amount.currency === 'USD' ? 100 : 1) : 0; }

async function loadCharts() {
  const year = new Date().getFullYear();
  const series = await json(`/api/search/totals/series?cuboid=${CUBOID.NATIONAL}&type=FDI&year=${year}`);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const byMonth = Object.fromEntries((series ? series.figures : []).map((f) => [f.period, major(f.registeredCapital)]));
  chart('monthly', 'bar', months.map((m) => m.slice(5)), months.map((m) => byMonth[m] || 0), 'US$');
  for (const [id, cuboid, dimension] of [['countries', CUBOID.COUNTRY, 'country'], ['sectors', CUBOID.SECTOR, 'sector']]) {
    const list = await json(`/api/search/totals/list?cuboid=${cuboid}&period=all&type=FDI&size=10`);
    const figures = list ? list.figures : [];
    chart(id, id === 'sectors' ? 'doughnut' : 'bar', figures.map((f) => f.dimensions[dimension]),
      figures.map((f) => major(f.registeredCapital)), 'US$');
  }
}

let chartsDue = null;

function listen() {
  const events = new EventSource('/api/console/figures');
  events.addEventListener('figures', (message) => {
    const figures = JSON.parse(message.data);
    figures.forEach((figure) => {
      if (figure.period !== 'all') return;
      if (figure.cuboid === CUBOID.NATIONAL) showCard(figure);
      if (figure.cuboid === state.mode) showProvince(figure, true);
    });
    clearTimeout(chartsDue);
    chartsDue = setTimeout(loadCharts, 2000);
  });
}

async function freshness() {
  try {
    const answer = await json('/api/console/freshness');
    const lag = Object.values(answer.lag).filter((n) => n > 0).reduce((a, b) => a + b, 0);
    const asOf = answer.asOf ? new Date(answer.asOf).toLocaleString(state.language === 'vi' ? 'vi-VN' : 'en-GB') : t('none');
    const element = document.getElementById('freshness');
    element.textContent = `${t('asOf')} ${asOf} · ${count(lag)} ${t('waiting')}`;
    element.classList.toggle('stale', lag > 1000);
  }
  catch (error) {
    document.getElementById('freshness').textContent = error.message;
  }
}

// The records the ledger refused, per sending unit and reason, so an official sees which unit's system needs fixing.
async function refusals() {
  try {
    const answer = await json('/api/console/rejections');
    const body = document.querySelector('#refusals tbody');
    body.replaceChildren();
    (answer ? answer.units : []).forEach((unit) => {
      const row = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = unit.name || unit.unit;
      name.title = unit.unit;
      const total = document.createElement('td');
      total.textContent = count(unit.total);
      const reasons = document.createElement('td');
      reasons.textContent = Object.entries(unit.reasons).map(([reason, n]) => `${reason} ${count(n)}`).join(' · ');
      row.append(name, total, reasons);
      body.append(row);
    });
  }
  catch (error) {
    document.querySelector('#refusals tbody').textContent = error.message;
  }
}

function searchParameters() {
  const params = new URLSearchParams();
  const q = document.getElementById('q').value.trim();
  const type = document.getElementById('type').value;
  if (q) params.set('q', q);
  if (type) params.set('type', type);
  return params;
}

async function search(event) {
  if (event) event.preventDefault();
  const params = searchParameters();
  document.getElementById('export').href = '/api/search/projects/export?' + params;
  params.set('size', '50');
  const page = await json('/api/search/projects?' + params);
  document.getElementById('found').textContent = `${count(page.total)} ${t('found')}`;
  const body = document.querySelector('#projects tbody');
  body.innerHTML = '';
  page.projects.forEach((p) => {
    const row = document.createElement('tr');
    [p.projectCode, p.projectName, p.provinceName || p.provinceCode, p.partnerCountry, money(p.registeredCapital), p.status]
      .forEach((value) => { const cell = document.createElement('td'); cell.textContent = value || ''; row.appendChild(cell); });
    row.addEventListener('click', () => history(p.projectCode));
    body.appendChild(row);
  });
  const facets = document.getElementById('facets');
  facets.innerHTML = '';
  for (const name of ['province', 'country', 'sector', 'status']) {
    const heading = document.createElement('h3');
    heading.textContent = name;
    const list = document.createElement('ul');
    (page.facets[name] || []).slice(0, 10).forEach((f) => {
      const item = document.createElement('li');
      item.textContent = `${f.value}: ${count(f.count)}`;
      list.appendChild(item);
    });
    facets.append(heading, list);
  }
}

async function history(code) {
  const answer = await json(`/api/search/projects/by-code/history?code=${encodeURIComponent(code)}`);
  const element = document.getElementById('history');
  element.innerHTML = '';
  const heading = document.createElement('h3');
  heading.textContent = `${t('history')} ${code}`;
  const list = document.createElement('ol');
  (answer ? answer.events : []).forEach((e) => {
    const item = document.createElement('li');
    item.textContent = `r${e.revision} ${e.kind} ${e.effectiveDate} ${money(e.amount)}${e.afterGap ? ' ⚠' : ''}`;
    if (e.afterGap) item.title = t('afterGap');
    list.appendChild(item);
  });
  element.append(heading, list);
}

document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'vi' ? 'en' : 'vi';
  applyTexts();
  loadFigures();
  freshness();
});
document.querySelectorAll('input[name="mode"]').forEach((input) => input.addEventListener('change', () => {
  state.mode = input.value;
  loadFigures();
}));
document.getElementById('search').addEventListener('submit', search);

function reportLinks() {
  const [year, month] = (document.getElementById('reportMonth').value || '').split('-');
  if (!year) return;
  const base = `/api/reports/monthly?year=${year}&month=${Number(month)}&provinces=${state.mode === CUBOID.PROVINCE ? 'licensed' : 'restated'}`;
  document.getElementById('reportXlsx').href = base + '&format=xlsx';
  document.getElementById('reportCsv').href = base + '&format=csv';
}

async function signedIn() {
  const me = await json('/api/console/me');
  document.getElementById('user').textContent = `${me.name} (${me.roles.join(', ')})`;
}

// the cuboids' names come from the rulebook the figures follow, never spelt here
const CUBOID = {};

async function loadRulebook() {
  const rulebook = await json('/api/console/rulebook');
  for (const [constant, cuboid] of Object.entries(rulebook.cuboids)) CUBOID[constant] = cuboid.id;
  document.querySelectorAll('input[name="mode"]').forEach((input) => {
    input.value = CUBOID[input.dataset.cuboid];
    if (input.checked) state.mode = input.value;
  });
}

const today = new Date();
document.getElementById('reportMonth').value = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
document.getElementById('reportMonth').addEventListener('change', reportLinks);
document.querySelectorAll('input[name="mode"]').forEach((input) => input.addEventListener('change', reportLinks));

async function start() {
  applyTexts();
  signedIn();
  await loadRulebook();
  reportLinks();
  // listen first: a figure indexed while the page loads is pushed rather than missed
  listen();
  loadFigures();
  freshness();
  setInterval(freshness, 5000);
  refusals();
  setInterval(refusals, 15000);
  search();
}

start();
