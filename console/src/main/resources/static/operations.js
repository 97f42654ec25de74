'use strict';
// The operations view: the pipeline's five panels and each check's alarm, from /api/console/operations, the same
// values the console's gauges give Prometheus. Asked again every few seconds.

const TEXTS = {
  vi: {
    title: 'Vận hành đường ống dữ liệu', console: 'Bảng số liệu', language: 'English', logout: 'Đăng xuất',
    check: 'Kiểm tra', state: 'Trạng thái', value: 'Giá trị', threshold: 'Ngưỡng', reason: 'Lý do',
    events: 'Sự kiện vào mỗi phút, theo đơn vị', refusals: 'Bản ghi bị từ chối, theo đơn vị và lý do',
    lag: 'Độ trễ của từng nhóm tiêu thụ', processor: 'Bộ xử lý luồng', figures: 'Số liệu mới nhất',
    unit: 'Đơn vị', perMinute: 'Sự kiện trong phút qua', total: 'Tổng', reasons: 'Lý do', group: 'Nhóm',
    records: 'Bản ghi chưa xử lý', groupState: 'Trạng thái nhóm', members: 'Phiên bản đang chạy',
    indexedAt: 'Ghi lúc', age: 'Tuổi', OK: 'Bình thường', ALARM: 'CẢNH BÁO', UNKNOWN: 'Không rõ',
    allOk: 'Mọi kiểm tra đều bình thường', inAlarm: 'CẢNH BÁO', unknown: 'Không rõ', notSampled: 'Chưa đo lần nào',
    sampledAt: 'Đo lúc', noEvents: 'Không đơn vị nào gửi sự kiện trong phút qua', noRefusals: 'Không có bản ghi nào bị từ chối',
    noFigure: 'Chưa có số liệu', seconds: 'giây', unit_events: 'sự kiện/phút', unit_refusals: 'bản ghi',
    unit_lag: 'bản ghi', unit_processor: 'phiên bản', unit_figures: 'giây'
  },
  en: {
    title: 'Pipeline operations', console: 'Figures', language: 'Tiếng Việt', logout: 'Sign out',
    check: 'Check', state: 'State', value: 'Value', threshold: 'Threshold', reason: 'Reason',
    events: 'Events in per minute, by unit', refusals: 'Refused records, by unit and reason',
    lag: 'Each consumer group\'s lag', processor: 'Stream processor', figures: 'Newest figure',
    unit: 'Unit', perMinute: 'Events in the last minute', total: 'Total', reasons: 'Reasons', group: 'Group',
    records: 'Records not yet processed', groupState: 'Group state', members: 'Instances running',
    indexedAt: 'Written at', age: 'Age', OK: 'OK', ALARM: 'ALARM', UNKNOWN: 'UNKNOWN',
    allOk: 'Every check is OK', inAlarm: 'ALARM', unknown: 'Unknown', notSampled: 'Not sampled yet',
    sampledAt: 'Sampled at', noEvents: 'No unit appended an event in the last minute', noRefusals: 'No record refused',
    noFigure: 'No figure yet', seconds: 's', unit_events: 'events/min', unit_refusals: 'records',
    unit_lag: 'records', unit_processor: 'instances', unit_figures: 's'
  }
};

const CHECKS = ['events', 'refusals', 'lag', 'processor', 'figures'];
const POLL_MS = 5000;
const COLOURS = ['#2f7fc1', '#c13a2f', '#2fa35a', '#c18a2f', '#7a3fc1', '#2fb3c1', '#c12f8a', '#5a6b7c'];

// the language the official chose, on this page as on the console and the sign-in page
const LANGUAGE = 'investledger.language';

const state = { language: localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi', view: null, chart: null, signingOut: false };

function t(key) { return TEXTS[state.language][key] || key; }

function locale() { return state.language === 'vi' ? 'vi-VN' : 'en-GB'; }

function count(n) {
  return n === null || n === undefined ? '–' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(n);
}

// what each check's value and threshold count
function measure(check, n) { return n === null || n === undefined ? '–' : `${count(n)} ${t('unit_' + check)}`; }

// times are shown in Vietnam's, whatever the browser's zone
const VIETNAM = 'Asia/Ho_Chi_Minh';

function time(iso) { return iso ? new Date(iso).toLocaleString(locale(), { timeZone: VIETNAM }) : '–'; }

function applyTexts() {
  document.documentElement.lang = state.language;
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(el.dataset.text); });
  document.getElementById('language').textContent = t('language');
}

// The console's own calls say so: an expired session then answers 401 without a Basic challenge.
async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  if (response.status === 401) {
    if (!state.signingOut) window.location.assign('/login');
    throw new Error('signed out');
  }
  if (!response.ok) throw new Error(url + ': ' + response.status);
  return response.json();
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function unitName(view, code) {
  const name = view.panels.events.units[code];
  return name ? `${name} (${code})` : code;
}

function showBanner(view) {
  const banner = document.getElementById('banner');
  const states = CHECKS.map((check) => view.alarms[check].state);
  const inAlarm = CHECKS.filter((check) => view.alarms[check].state === 'ALARM');
  const unknown = CHECKS.filter((check) => view.alarms[check].state === 'UNKNOWN');
  let kind = 'ok';
  let text = t('allOk');
  if (!view.sampledAt) {
    kind = 'unknown';
    text = t('notSampled');
  }
  else if (inAlarm.length) {
    kind = 'alarm';
    text = `${t('inAlarm')}: ${inAlarm.map(t).join(', ')}`;
    if (unknown.length) text += ` · ${t('unknown')}: ${unknown.map(t).join(', ')}`;
  }
  else if (states.includes('UNKNOWN')) {
    kind = 'unknown';
    text = `${t('unknown')}: ${unknown.map(t).join(', ')}`;
  }
  banner.className = `banner ${kind}`;
  banner.textContent = text;
}

function showAlarms(view) {
  const body = document.querySelector('#alarms tbody');
  body.replaceChildren();
  for (const check of CHECKS) {
    const alarm = view.alarms[check];
    const row = document.createElement('tr');
    row.className = alarm.state.toLowerCase();
    row.dataset.check = check;
    row.append(cell(t(check)), cell(t(alarm.state), 'state'), cell(measure(check, alarm.value), 'number'),
      cell(measure(check, alarm.threshold), 'number'), cell(alarm.reason[state.language]));
    body.append(row);
    const panel = document.querySelector(`.panel[data-check="${check}"]`);
    panel.className = `panel ${alarm.state.toLowerCase()}`;
    panel.querySelector('.badge').textContent = t(alarm.state);
    panel.querySelector('.reason').textContent = alarm.reason[state.language];
  }
}

function showEvents(view) {
  const events = view.panels.events;
  const threshold = view.alarms.events.threshold;
  const body = document.querySelector('#events tbody');
  body.replaceChildren();
  const busy = Object.entries(events.perMinute || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  busy.forEach(([code, n]) => {
    const row = document.createElement('tr');
    if (n > threshold) row.className = 'over';
    row.append(cell(unitName(view, code)), cell(count(n), 'number'));
    body.append(row);
  });
  if (!busy.length) {
    const row = document.createElement('tr');
    row.append(cell(events.perMinute ? t('noEvents') : t('UNKNOWN')));
    body.append(row);
  }
  // one line per unit that appended any in the window, the busiest first
  const totals = {};
  events.series.forEach((point) => Object.entries(point.perMinute).forEach(([code, n]) => {
    totals[code] = Math.max(totals[code] || 0, n);
  }));
  const units = Object.keys(totals).sort((a, b) => totals[b] - totals[a]).slice(0, COLOURS.length);
  const labels = events.series.map((point) => new Date(point.at).toLocaleTimeString(locale(), { timeZone: VIETNAM }));
  const datasets = units.map((code, i) => ({
    label: unitName(view, code), data: events.series.map((point) => point.perMinute[code] || 0),
    borderColor: COLOURS[i], backgroundColor: COLOURS[i], pointRadius: 0, tension: 0.2
  }));
  if (state.chart) {
    state.chart.data.labels = labels;
    state.chart.data.datasets = datasets;
    state.chart.update();
  }
  else if (window.Chart) {
    state.chart = new Chart(document.getElementById('eventsChart'), {
      type: 'line', data: { labels, datasets },
      options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
}

function showRefusals(view) {
  const refusals = view.panels.refusals;
  const threshold = view.alarms.refusals.threshold;
  const body = document.querySelector('#refusals tbody');
  body.replaceChildren();
  (refusals.units || []).forEach((unit) => {
    const row = document.createElement('tr');
    if (unit.total > threshold) row.className = 'over';
    row.append(cell(unit.name ? `${unit.name} (${unit.unit})` : unit.unit), cell(count(unit.total), 'number'),
      cell(Object.entries(unit.reasons).map(([reason, n]) => `${reason} ${count(n)}`).join(' · ')));
    body.append(row);
  });
  if (!refusals.units || !refusals.units.length) {
    const row = document.createElement('tr');
    row.append(cell(refusals.units ? t('noRefusals') : t('UNKNOWN')));
    body.append(row);
  }
}

function showLag(view) {
  const behind = new Set(view.alarms.lag.subjects);
  const body = document.querySelector('#lag tbody');
  body.replaceChildren();
  Object.entries(view.panels.lag).forEach(([group, lag]) => {
    const row = document.createElement('tr');
    if (behind.has(group)) row.className = 'over';
    row.append(cell(group), cell(count(lag), 'number'));
    body.append(row);
  });
}

function showProcessor(view) {
  const processor = view.panels.processor;
  document.getElementById('processorGroup').textContent = processor.group;
  document.getElementById('processorState').textContent = processor.state || '–';
  document.getElementById('processorMembers').textContent = count(processor.members);
}

function showFigures(view) {
  const figures = view.panels.figures;
  document.getElementById('figureIndexedAt').textContent = figures.indexedAt ? time(figures.indexedAt) : t('noFigure');
  document.getElementById('figureAge').textContent =
    figures.ageSeconds === null ? '–' : `${count(Math.round(figures.ageSeconds))} ${t('seconds')}`;
}

function show() {
  const view = state.view;
  if (!view) return;
  document.getElementById('sampled').textContent = view.sampledAt ? `${t('sampledAt')} ${time(view.sampledAt)}` : t('notSampled');
  showBanner(view);
  showAlarms(view);
  showEvents(view);
  showRefusals(view);
  showLag(view);
  showProcessor(view);
  showFigures(view);
}

async function poll() {
  try {
    state.view = await json('/api/console/operations');
    show();
  }
  catch (error) {
    const banner = document.getElementById('banner');
    banner.className = 'banner unknown';
    banner.textContent = error.message;
  }
}

async function signedIn() {
  const me = await json('/api/console/me');
  document.getElementById('user').textContent = `${me.name} (${me.roles.join(', ')})`;
}

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

applyTexts();
signedIn();
poll();
setInterval(poll, POLL_MS);
