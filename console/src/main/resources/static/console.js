'use strict';
// The officials' console: figures from the search API, and new ones pushed as server-sent events once a search finds them.
// The names of provinces, zones, countries and sectors come from the server's reference data (/api/console/names),
// the cuboids and the report months from its rulebook (/api/console/rulebook): none is spelt here.

const TEXTS = {
  vi: {
    title: 'Sổ cái đầu tư KKT, KCN, CCN', licensed: 'Tỉnh khi cấp phép', restated: 'Đơn vị hành chính hiện nay',
    registered: 'Vốn đăng ký', newProjects: 'Dự án cấp mới', realised: 'Vốn thực hiện', monthly: 'Vốn FDI đăng ký theo tháng',
    byCountry: 'FDI theo đối tác', bySector: 'FDI theo ngành', byProvince: 'Theo tỉnh, thành phố', province: 'Tỉnh',
    projects: 'Dự án', search: 'Tìm dự án', find: 'Tìm', export: 'Xuất CSV', exportXlsx: 'Xuất Excel', excel: 'Excel', code: 'Mã', name: 'Tên dự án',
    country: 'Đối tác', status: 'Trạng thái', searchHint: 'Tên dự án, nhà đầu tư, khu, tỉnh (có thể gõ không dấu)',
    asOf: 'Số liệu đến sự kiện lúc', waiting: 'bản ghi chờ lập chỉ mục',
    waitingUnknown: 'chưa biết số bản ghi chờ lập chỉ mục (Kafka chưa trả lời)', found: 'dự án', history: 'Lịch sử sự kiện của',
    language: 'English', none: 'Chưa có số liệu', logout: 'Đăng xuất', report: 'Báo cáo tháng',
    reportMonth: 'Lũy kế từ 1/1 đến ngày chốt của tháng', refused: 'Sự kiện bị từ chối', unit: 'Đơn vị gửi',
    total: 'Tổng', reasons: 'Lý do', afterGap: 'áp dụng khi thiếu lượt trước', year: 'Năm', allYears: 'Tất cả các năm',
    yearTotal: 'Cả năm', chartUnit: 'triệu USD', from: 'từ', to: 'đến',
    'status.valid': 'Còn hiệu lực', 'status.suspended': 'Tạm ngừng hoạt động', 'status.terminated': 'Chấm dứt hoạt động',
    'kind.licensed': 'Cấp mới', 'kind.capital-adjusted': 'Điều chỉnh vốn', 'kind.capital-contributed': 'Góp vốn, mua cổ phần',
    'kind.disbursed': 'Giải ngân', 'kind.suspended': 'Tạm ngừng hoạt động', 'kind.resumed': 'Tiếp tục hoạt động',
    'kind.terminated': 'Chấm dứt hoạt động',
    'facet.province': 'Tỉnh (khi cấp phép)', 'facet.zone': 'Khu', 'facet.country': 'Đối tác', 'facet.sector': 'Ngành (VSIC)',
    'facet.status': 'Trạng thái', behind: 'Các sự kiện tạo nên số liệu', exportEvents: 'Xuất CSV các sự kiện',
    kindHeading: 'Loại sự kiện', effective: 'Ngày hiệu lực', adds: 'Vốn đăng ký thêm', more: 'Xem thêm',
    eventsBehind: 'sự kiện', national: 'Cả nước', operations: 'Vận hành', releases: 'Thông cáo',
    zoneRelease: 'Thông cáo KKT, KCN', validProjects: 'Dự án còn hiệu lực', behindStock: 'Các dự án tạo nên số liệu',
    exportProjects: 'Xuất CSV các dự án', projectsBehind: 'dự án',
    withoutStockCell: 'dự án không có ô lũy kế trong chỉ mục (lập chỉ mục trước khi chỉ mục ghi ô này, hoặc tỉnh của dự án không có trong bảng tỉnh của bộ lập chỉ mục) không được liệt kê ở đây: tổng các dự án có thể nhỏ hơn số liệu',
    withoutFlow: 'sự kiện ghi trước khi sổ cái ghi phần đóng góp của từng sự kiện không được liệt kê ở đây: tổng các sự kiện có thể nhỏ hơn số liệu cho đến khi chạy lại (replay)',
    counting: 'Số liệu đang được tính lại từ sổ cái: chưa hiển thị cho đến khi tính xong, trang sẽ tự tải lại số liệu',
    unreadable: 'Không đọc được bản ghi của bộ xử lý về các bảng đã dùng để tính số liệu: chưa hiển thị số liệu cho đến khi bản ghi được ghi lại'
  },
  en: {
    title: 'Investment ledger of economic zones, industrial zones and clusters', licensed: 'Province as licensed',
    restated: 'Today\'s provinces', registered: 'Registered capital', newProjects: 'New projects',
    realised: 'Realised capital', monthly: 'FDI registered capital by month', byCountry: 'FDI by partner country',
    bySector: 'FDI by sector', byProvince: 'By province', province: 'Province', projects: 'Projects',
    search: 'Find projects', find: 'Find', export: 'Export CSV', exportXlsx: 'Export Excel', excel: 'Excel', code: 'Code', name: 'Project', country: 'Partner',
    status: 'Status', searchHint: 'Project, investor, zone or province (diacritics optional)',
    asOf: 'Figures as of the event at', waiting: 'records waiting to be indexed',
    waitingUnknown: 'records waiting to be indexed unknown (Kafka has not answered)', found: 'projects',
    history: 'Event history of', language: 'Tiếng Việt', none: 'No figures yet', logout: 'Sign out',
    report: 'Monthly report', reportMonth: 'Year to date, to the cut-off day of', refused: 'Refused events',
    unit: 'Sending unit', total: 'Total', reasons: 'Reasons', afterGap: 'applied with an earlier revision missing',
    year: 'Year', allYears: 'All years', yearTotal: 'Whole year', chartUnit: 'US$ million', from: 'from', to: 'to',
    'status.valid': 'Valid', 'status.suspended': 'Suspended', 'status.terminated': 'Terminated',
    'kind.licensed': 'Licensed', 'kind.capital-adjusted': 'Capital adjusted',
    'kind.capital-contributed': 'Capital contribution, share purchase', 'kind.disbursed': 'Disbursed',
    'kind.suspended': 'Suspended', 'kind.resumed': 'Resumed', 'kind.terminated': 'Terminated',
    'facet.province': 'Province as licensed', 'facet.zone': 'Zone', 'facet.country': 'Partner', 'facet.sector': 'Sector (VSIC)',
    'facet.status': 'Status', behind: 'The events behind a figure', exportEvents: 'Export the events as CSV',
    kindHeading: 'Event', effective: 'Effective', adds: 'Registered capital added', more: 'More',
    eventsBehind: 'events', national: 'Whole country', operations: 'Operations', releases: 'Releases',
    zoneRelease: 'Zone boards\' release', validProjects: 'Valid projects', behindStock: 'The projects behind a figure',
    exportProjects: 'Export the projects as CSV', projectsBehind: 'projects',
    withoutStockCell: 'projects without their stock cell in the index (indexed before it recorded one, or of a province the indexer\'s province table lacks) are not listed here: the projects may sum to less than the figure',
    withoutFlow: 'events recorded before the ledger kept each event\'s share are not listed here: the events may sum to less than the figure until a replay',
    counting: 'The figures are being counted again from the ledger: none is shown until they are, then the page reads them anew',
    unreadable: 'The processor\'s record of the tables the figures were counted under cannot be read: none is shown until it is written again'
  }
};

// The language chosen here or on the sign-in page, kept in the browser.
const LANGUAGE = 'investledger.language';

// times are shown in Vietnam's, the officials' and the report calendar's, whatever the browser's zone
const VIETNAM = 'Asia/Ho_Chi_Minh';

const state = {
  language: localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi',
  mode: null, charts: {}, chartData: {}, loadedAt: Date.now(), newest: {}, history: null, events: null, drillDownAsked: 0,
  tableAsked: 0, tableDrawn: 0, tableMode: null, stockAsked: 0, reloads: 0,
  signingOut: false,
  names: { provinces: {}, zones: {}, countries: {}, sectors: {} }
};
window.console_loadedAt = state.loadedAt;

function t(key) { return TEXTS[state.language][key] || key; }

function locale() { return state.language === 'vi' ? 'vi-VN' : 'en-GB'; }

function applyTexts() {
  document.documentElement.lang = state.language;
  document.querySelectorAll('[data-text]').forEach((el) => { el.textContent = t(el.dataset.text); });
  document.querySelectorAll('[data-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.placeholder); });
  document.getElementById('language').textContent = t('language');
}

// Money in the units officials report in: FDI in tỷ USD from one billion, in triệu USD below; DDI in tỷ đồng.
// Rounded half-up (away from zero) to 2 decimals in tỷ USD, 1 in triệu USD and tỷ đồng; the exact amount goes in the
// element's title. Amounts are counted in BigInt from the JSON's own digits (see parseJson), so they stay exact
// beyond 2^53 minor units.
const MONEY = {
  vi: {
    group: '.', decimal: ',', usdMillion: (n) => `${n} triệu USD`, usdBillion: (n) => `${n} tỷ USD`,
    vndBillion: (n) => `${n} tỷ đồng`, usd: (n) => `${n} US$`, vnd: (n) => `${n} ₫`
  },
  en: {
    group: ',', decimal: '.', usdMillion: (n) => `US$${n} million`, usdBillion: (n) => `US$${n} billion`,
    vndBillion: (n) => `VND ${n} billion`, usd: (n) => `US$${n}`, vnd: (n) => `VND ${n}`
  }
};

/** A non-negative BigInt of units of 10^-scale, written with the language's separators. */
function decimal(units, scale) {
  const format = MONEY[state.language];
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, format.group);
  return scale > 0 ? whole + format.decimal + digits.slice(digits.length - scale) : whole;
}

/** A non-negative BigInt divided by another, rounded half-up. */
function roundHalfUp(magnitude, divisor) { return (magnitude * 2n + divisor) / (2n * divisor); }

/**
 * An amount ({minorUnits, currency}) as officials read it, and exactly.
 * @returns {{text: string, title: string}}
 */
function money(amount) {
  if (!amount) return { text: '–', title: '' };
  const format = MONEY[state.language];
  const minor = BigInt(amount.minorUnits);
  const magnitude = minor < 0n ? -minor : minor;
  const sign = minor < 0n ? '-' : '';
  let rounded;
  let words;
  let exact;
  if (amount.currency === 'USD') {
    // cents: 10^7 of them are 0.1 triệu USD, 10^9 are 0.01 tỷ USD
    const tenthsOfMillion = roundHalfUp(magnitude, 10n ** 7n);
    if (tenthsOfMillion >= 10000n) {
      rounded = roundHalfUp(magnitude, 10n ** 9n);
      words = (units) => format.usdBillion(decimal(units, 2));
    }
    else {
      rounded = tenthsOfMillion;
      words = (units) => format.usdMillion(decimal(units, 1));
    }
    exact = format.usd(decimal(magnitude, 2));
  }
  else if (amount.currency === 'VND') {
    // đồng: 10^8 of them are 0.1 tỷ đồng
    rounded = roundHalfUp(magnitude, 10n ** 8n);
    words = (units) => format.vndBillion(decimal(units, 1));
    exact = format.vnd(decimal(magnitude, 0));
  }
  else {
    return { text: `${amount.minorUnits} ${amount.currency}`, title: '' };
  }
  // an amount too small for the unit says so, rather than showing as nothing
  const text = (rounded === 0n && magnitude > 0n) ? (sign ? '> -' : '< ') + words(1n) : sign + words(rounded);
  return { text, title: sign + exact };
}

function showMoney(element, amount) {
  const shown = money(amount);
  element.textContent = shown.text;
  element.title = shown.title;
}

/** An amount in millions of its major unit, for a chart's bars (a chart needs no exactness). */
function millions(amount) {
  if (!amount) return 0;
  return Number(amount.minorUnits) / (amount.currency === 'USD' ? 1e8 : 1e6);
}

function count(n) { return new Intl.NumberFormat(state.language === 'vi' ? 'vi-VN' : 'en-US').format(n || 0); }

/** An ISO date, e.g. 2025-06-30, as 30/06/2025 or 30 Jun 2025. */
function date(iso) {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  const options = state.language === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(Date.UTC(year, month - 1, day)));
}

// Names, from the server's reference data.

function validity(named) {
  if (named.validFrom && named.validTo) return `${date(named.validFrom)}–${date(named.validTo)}`;
  if (named.validFrom) return `${t('from')} ${date(named.validFrom)}`;
  if (named.validTo) return `${t('to')} ${date(named.validTo)}`;
  return '';
}

/** The first and last day of a period's year, or none for all years. */
function daysOf(period) {
  const year = /^(\d{4})/.exec(period || '');
  return year ? [`${year[1]}-01-01`, `${year[1]}-12-31`] : [null, null];
}

function inForceDuring(named, from, to) {
  return (!from || !named.validTo || named.validTo >= from) && (!to || !named.validFrom || named.validFrom <= to);
}

/**
 * A province's name for a figure. Restated, the code is one of today's units: its name. As licensed, a code may have
 * named two units (24: Bắc Giang, then Bắc Ninh): the latest one in force during the figure's period, and every
 * name with its days on hover.
 */
function provinceName(code, restated, period) {
  const units = state.names.provinces[code] || [];
  if (units.length === 0) return { text: code, title: code };
  if (restated) return { text: units[units.length - 1].name, title: code };
  const [from, to] = daysOf(period);
  const during = units.filter((unit) => inForceDuring(unit, from, to));
  const candidates = during.length > 0 ? during : units;
  const shown = candidates[candidates.length - 1];
  const title = units.length > 1 ? `${code} · ${units.map((unit) => `${unit.name} (${validity(unit)})`).join(' · ')}` : code;
  return { text: shown.name, title };
}

function countryName(code) {
  const names = state.names.countries[code];
  return { text: names ? names[state.language] : code, title: code };
}

function zoneName(code) {
  const zone = state.names.zones[code];
  return { text: zone ? zone.name : code, title: zone ? `${code} · ${zone.type}` : code };
}

/**
 * A VSIC section's name. The sector figures are in the newest edition's terms, so a chart names a letter by it; a
 * project keeps the edition it was classified in, so a search facet names each meaning a letter has had.
 */
function sectorName(letter, everyEdition) {
  const editions = state.names.sectors[letter] || [];
  if (editions.length === 0) return { text: letter, title: letter };
  const names = everyEdition ? [...new Set(editions.map((edition) => edition.name))] : [editions[editions.length - 1].name];
  return {
    text: names.join(' / '),
    title: `${letter} · ${editions.map((edition) => `${edition.edition}: ${edition.name}`).join(' · ')}`
  };
}

// Reading the API.

// Amounts keep the digits they were sent with: a minorUnits beyond 2^53 would lose its last digits as a Number.
function parseJson(text) {
  return JSON.parse(text, (key, value, context) => (key === 'minorUnits' && context && context.source !== undefined
    ? context.source : value));
}

// The console's own calls say so: an expired session then answers 401 without a Basic challenge.
async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } });
  if (response.status === 401) {
    // once the official signs out, the calls still under way are refused: the sign-out says where to go
    if (!state.signingOut) window.location.assign('/login');
    throw new Error('signed out');
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(url + ': ' + response.status);
  return parseJson(await response.text());
}

// A search's answer and a pushed figure may cross on the way: keep whichever version of the figure the indexer wrote
// last. Its indexedAt says so; its newestEventAt does not, since an older event sent again changes the sums and leaves
// the newest event as it was. A figure indexed before indexedAt existed is compared by its newest event.
function newest(figure) {
  const known = state.newest[figure.key];
  if (known && writtenAfter(known, figure)) return known;
  state.newest[figure.key] = figure;
  return figure;
}

function writtenAfter(known, figure) {
  const stamp = known.indexedAt && figure.indexedAt ? 'indexedAt' : 'newestEventAt';
  return Boolean(known[stamp] && figure[stamp]) && nanos(known[stamp]) > nanos(figure[stamp]);
}

// An instant as nanoseconds since 1970, exactly: the indexer stamps to the nanosecond, and Date keeps milliseconds.
function nanos(iso) {
  const parts = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!parts) return BigInt(Date.parse(iso)) * 1000000n;
  return BigInt(Date.parse(parts[1] + parts[3])) * 1000000n + BigInt((parts[2] || '').padEnd(9, '0'));
}

function showCard(pushedOrLoaded) {
  const figure = newest(pushedOrLoaded);
  const card = document.querySelector(`.card[data-key="${figure.key}"]`);
  if (!card) return;
  showMoney(card.querySelector('.registered'), figure.registeredCapital);
  card.querySelector('.newProjects').textContent = count(figure.newProjects);
  showMoney(card.querySelector('.realised'), figure.realisedCapital);
}

function provinceRow(province) {
  const body = document.querySelector('#provinces tbody');
  let row = body.querySelector(`tr[data-province="${province}"]`);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.province = province;
    row.innerHTML = '<td class="name"></td><td class="number fdi registered"></td><td class="number fdi projects"></td>'
      + '<td class="number fdi valid"></td><td class="number ddi registered"></td><td class="number ddi projects"></td>'
      + '<td class="number ddi valid"></td>';
    const name = provinceName(province, (state.tableMode || state.mode) === CUBOID.PROVINCE_RESTATED, 'all');
    row.querySelector('.name').textContent = name.text;
    row.querySelector('.name').title = name.title;
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
  showMoney(registered, figure.registeredCapital);
  registered.dataset.key = figure.key;
  row.querySelector(`.${type}.projects`).textContent = count(figure.newProjects);
  row.querySelector(`.${type}.projects`).dataset.key = figure.key;
  if (highlight) {
    row.classList.add('changed');
    setTimeout(() => row.classList.remove('changed'), 2000);
  }
}

/** The valid projects (the stock) on the cards and in the province table. */
async function loadStock() {
  await loadCardsStock();
  await loadTableStock(state.tableDrawn);
}

/** The cards' valid projects; a failure leaves them as they were and the rest of the page drawn. */
async function loadCardsStock() {
  for (const type of ['FDI', 'DDI']) {
    const valid = document.querySelector(`.card[data-key="${CUBOID.NATIONAL}||all|${type}"] .stock`);
    try {
      const stock = await json(`/api/search/stock?cuboid=${CUBOID.NATIONAL}&type=${type}`);
      valid.textContent = stock ? count(stock.validProjects) : '–';
      valid.removeAttribute('title');
    }
    catch (error) {
      valid.title = error.message;
    }
  }
}

/**
 * Each province's valid projects in the table, each opening the projects behind it ('–' for none). Dropped if the
 * table was drawn again meanwhile (the other provinces chosen) or the stock asked again; a failure leaves the cells as
 * they were, with the error on hover, and asks again 2 s later.
 */
async function loadTableStock(drawn) {
  if (!drawn) return;
  const mode = state.tableMode;
  const asked = ++state.stockAsked;
  for (const type of ['FDI', 'DDI']) {
    const column = type.toLowerCase();
    try {
      const list = await json(`/api/search/stock/list?cuboid=${mode}&type=${type}&size=100`);
      // an answer to any request before the latest is dropped: a later one is on its way
      if (drawn !== state.tableDrawn || asked !== state.stockAsked) return;
      const shown = new Set();
      (list ? list.figures : []).forEach((figure) => {
        const cell = provinceRow(figure.dimensions.province).querySelector(`.${column}.valid`);
        cell.textContent = count(figure.validProjects);
        cell.dataset.key = figure.key;
        cell.removeAttribute('title');
        shown.add(cell);
      });
      document.querySelectorAll(`#provinces td.${column}.valid`).forEach((cell) => {
        if (!shown.has(cell)) {
          cell.textContent = '–';
          delete cell.dataset.key;
        }
      });
    }
    catch (error) {
      document.querySelectorAll(`#provinces td.${column}.valid`).forEach((cell) => { cell.title = error.message; });
      refreshSoon();
    }
  }
}

async function loadFigures() {
  for (const type of ['FDI', 'DDI']) {
    const national = await json(`/api/search/totals?cuboid=${CUBOID.NATIONAL}&period=all&type=${type}`);
    if (national) showCard(national);
  }
  await loadCardsStock();
  const asked = ++state.tableAsked;
  const mode = state.mode;
  const lists = [];
  for (const type of ['FDI', 'DDI']) {
    lists.push(await json(`/api/search/totals/list?cuboid=${mode}&period=all&type=${type}&size=100`));
  }
  // an answer to a request before the latest (the other provinces chosen meanwhile) is dropped
  if (asked !== state.tableAsked) return;
  // the table is drawn anew at once, never shown empty while the lists are on their way
  document.querySelector('#provinces tbody').replaceChildren();
  state.tableDrawn = asked;
  state.tableMode = mode;
  lists.forEach((list) => (list ? list.figures : []).forEach((figure) => showProvince(figure, false)));
  await loadTableStock(asked);
  await loadYears();
  await loadCharts();
}

// Charts: bars in millions of US dollars, the official's units and each bar's full name on hover.

/** A chart's label: long VSIC names are cut in the legend, and shown whole on hover. */
function shortLabel(text) { return text.length > 42 ? text.slice(0, 40) + '…' : text; }

function chart(id, type, names, amounts) {
  state.chartData[id] = { names, amounts };
  const labels = names.map(shortLabel);
  const values = amounts.map(millions);
  const existing = state.charts[id];
  if (existing) {
    existing.data.labels = labels;
    existing.data.datasets[0].data = values;
    existing.data.datasets[0].label = t('chartUnit');
    existing.update();
    return;
  }
  state.charts[id] = new Chart(document.getElementById(id), {
    type,
    data: { labels, datasets: [{ label: t('chartUnit'), data: values, backgroundColor: '#2f7fc1' }] },
    options: {
      animation: false,
      // as wide as high would make the doughnut twice as tall as the bars beside it
      aspectRatio: 2,
      indexAxis: type === 'bar' && id !== 'monthly' ? 'y' : 'x',
      plugins: {
        legend: { display: type === 'doughnut' },
        tooltip: {
          callbacks: {
            title: (items) => (items.length ? state.chartData[id].names[items[0].dataIndex] : ''),
            label: (item) => money(state.chartData[id].amounts[item.dataIndex]).text
          }
        }
      }
    }
  });
}

/** Fills a year selector with the years that have figures, newest first, keeping the official's choice. */
function offerYears(select, years) {
  const offered = years.length > 0 ? years.map(String) : [String(new Date().getFullYear())];
  const options = offered.map((year) => new Option(year, year));
  if (select.hasAttribute('data-all-years')) {
    const all = new Option(t('allYears'), 'all');
    all.dataset.text = 'allYears';
    options.push(all);
  }
  const chosen = select.dataset.chosen;
  select.replaceChildren(...options);
  select.value = chosen && [...select.options].some((option) => option.value === chosen) ? chosen : offered[0];
}

async function loadYears() {
  const answer = await json('/api/console/years?type=FDI');
  document.querySelectorAll('select.year').forEach((select) => offerYears(select, answer ? answer.years : []));
}

function monthLabel(month) {
  return state.language === 'vi' ? `T${month}`
    : new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

// A chart drawn by an earlier call, whose answers arrive late, must not replace the year chosen since.
let chartsDrawn = 0;

async function loadCharts() {
  const drawing = ++chartsDrawn;
  const year = document.getElementById('monthlyYear').value;
  const series = await json(`/api/search/totals/series?cuboid=${CUBOID.NATIONAL}&type=FDI&year=${year}`);
  const whole = await json(`/api/search/totals?cuboid=${CUBOID.NATIONAL}&period=${year}&type=FDI`);
  if (drawing !== chartsDrawn) return;
  const byMonth = Object.fromEntries((series ? series.figures : []).map((f) => [f.period, f.registeredCapital]));
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  chart('monthly', 'bar', months.map(monthLabel),
    months.map((m) => byMonth[`${year}-${String(m).padStart(2, '0')}`] || { minorUnits: '0', currency: 'USD' }));
  document.getElementById('monthlyYearShown').textContent = year;
  showMoney(document.getElementById('monthlyTotal'), whole ? whole.registeredCapital : null);
  for (const [id, cuboid, dimension] of [['countries', CUBOID.COUNTRY, 'country'], ['sectors', CUBOID.SECTOR, 'sector']]) {
    const period = document.getElementById(id + 'Year').value;
    const list = await json(`/api/search/totals/list?cuboid=${cuboid}&period=${period}&type=FDI&size=10`);
    if (drawing !== chartsDrawn) return;
    const figures = list ? list.figures : [];
    const name = dimension === 'country' ? (f) => countryName(f.dimensions.country).text
      : (f) => sectorName(f.dimensions.sector, false).text;
    chart(id, id === 'sectors' ? 'doughnut' : 'bar', figures.map(name), figures.map((f) => f.registeredCapital));
  }
}

let chartsDue = null;
let chartsAgain = false;

function listen() {
  const events = new EventSource('/api/console/figures');
  state.events = events;
  let opened = false;
  events.addEventListener('open', () => {
    // connected again after the stream ended (a timeout, a console that fell behind, a recount or replay that has
    // counted every figure): the figures written meanwhile were pushed to no one, so every figure is read anew rather
    // than some shown older than the others; a counting still under way says so again at once
    if (opened) reloadFigures(++state.reloads);
    opened = true;
  });
  // a recount or a replay retired every figure and counts them again: the figures shown are put away, since those
  // pushed meanwhile would be partial; the stream ends once every figure is counted, and the page connects again
  events.addEventListener('counting', (message) => {
    state.reloads++;
    const notice = document.getElementById('counting');
    // "unreadable": a record of the processor's is not one it writes, and whether a counting runs cannot be told
    let by = null;
    try { by = JSON.parse(message.data).by; } catch (e) { by = null; }
    notice.dataset.text = (by === 'unreadable') ? 'unreadable' : 'counting';
    notice.textContent = t(notice.dataset.text);
    notice.hidden = false;
    document.body.classList.add('figures-away');
    state.newest = {};
    document.querySelectorAll('.cards strong').forEach((element) => {
      element.textContent = '–';
      element.title = '';
    });
    document.querySelector('#provinces tbody').replaceChildren();
  });
  events.addEventListener('figures', (message) => {
    const figures = parseJson(message.data);
    figures.forEach((figure) => {
      if (figure.period !== 'all') return;
      if (figure.cuboid === CUBOID.NATIONAL) showCard(figure);
      if (state.tableDrawn && figure.cuboid === state.tableMode) showProvince(figure, true);
      // a figure of the table being drawn is kept, so that the lists on their way cannot replace it with an older one
      else if (figure.cuboid === state.mode) newest(figure);
    });
    refreshSoon();
  });
}

/**
 * Every figure read anew, as the stream connects again: the notice of a counting stays until they are read, and a
 * read that fails (a console that has not seen the counting end yet answers 503) is tried again 5 s later, unless a
 * newer reload or a counting came meanwhile.
 */
async function reloadFigures(reload) {
  if (reload !== state.reloads) return;
  try {
    await loadFigures();
    if (reload !== state.reloads) return;
    document.getElementById('counting').hidden = true;
    document.body.classList.remove('figures-away');
  }
  catch (error) {
    setTimeout(() => reloadFigures(reload), 5000);
  }
}

/**
 * The stock and the charts again 2 s after figures arrived: at most once every 2 s while they keep arriving, and
 * once more after the last (the stock is indexed from a topic of its own, and may be searchable a little later).
 */
function refreshSoon() {
  if (chartsDue) {
    chartsAgain = true;
    return;
  }
  chartsAgain = false;
  chartsDue = setTimeout(async () => {
    await loadStock();
    await loadYears();
    await loadCharts();
    chartsDue = null;
    if (chartsAgain) refreshSoon();
  }, 2000);
}

async function freshness() {
  try {
    const answer = await json('/api/console/freshness');
    const lags = Object.values(answer.lag);
    // −1: not sampled yet, or Kafka did not answer; never shown as nothing waiting
    const unknown = lags.length === 0 || lags.some((n) => n < 0);
    const lag = lags.filter((n) => n > 0).reduce((a, b) => a + b, 0);
    const asOf = answer.asOf ? new Date(answer.asOf).toLocaleString(locale(), { timeZone: VIETNAM }) : t('none');
    const element = document.getElementById('freshness');
    element.textContent = `${t('asOf')} ${asOf} · ${unknown ? t('waitingUnknown') : `${count(lag)} ${t('waiting')}`}`;
    element.classList.toggle('stale', unknown || lag > 1000);
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

/** A copy of an export's parameters asking for another format of file. */
function withFormat(params, format) {
  const copy = new URLSearchParams(params);
  copy.set('format', format);
  return copy;
}

function searchParameters() {
  const params = new URLSearchParams();
  const q = document.getElementById('q').value.trim();
  const type = document.getElementById('type').value;
  if (q) params.set('q', q);
  if (type) params.set('type', type);
  return params;
}

function cell(shown, className) {
  const element = document.createElement('td');
  element.textContent = shown.text || '';
  if (shown.title) element.title = shown.title;
  if (className) element.className = className;
  return element;
}

function statusName(status) { return { text: t('status.' + status), title: status }; }

const FACETS = {
  province: (value) => provinceName(value, false, 'all'),
  zone: zoneName,
  country: countryName,
  sector: (value) => sectorName(value, true),
  status: statusName
};

async function search(event) {
  if (event) event.preventDefault();
  const params = searchParameters();
  document.getElementById('export').href = '/api/search/projects/export?' + params;
  document.getElementById('exportXlsx').href = '/api/search/projects/export?' + withFormat(params, 'xlsx');
  params.set('size', '50');
  const page = await json('/api/search/projects?' + params);
  document.getElementById('found').textContent = `${count(page.total)} ${t('found')}`;
  const body = document.querySelector('#projects tbody');
  body.innerHTML = '';
  page.projects.forEach((p) => {
    const row = document.createElement('tr');
    row.append(cell({ text: p.projectCode }), cell({ text: p.projectName }),
      cell({ text: p.provinceName || p.provinceCode, title: p.provinceCode }),
      cell(p.partnerCountry ? countryName(p.partnerCountry) : {}), cell(money(p.registeredCapital), 'number'),
      cell(statusName(p.status), 'status'));
    row.addEventListener('click', () => history(p.projectCode));
    body.appendChild(row);
  });
  const facets = document.getElementById('facets');
  facets.innerHTML = '';
  for (const [name, named] of Object.entries(FACETS)) {
    const heading = document.createElement('h3');
    heading.textContent = t('facet.' + name);
    const list = document.createElement('ul');
    list.dataset.facet = name;
    (page.facets[name] || []).slice(0, 10).forEach((f) => {
      const shown = named(f.value);
      const item = document.createElement('li');
      item.textContent = `${shown.text}: ${count(f.count)}`;
      item.title = shown.title;
      list.appendChild(item);
    });
    facets.append(heading, list);
  }
}

async function history(code) {
  state.history = code;
  const answer = await json(`/api/search/projects/by-code/history?code=${encodeURIComponent(code)}`);
  const element = document.getElementById('history');
  element.innerHTML = '';
  const heading = document.createElement('h3');
  heading.textContent = `${t('history')} ${code}`;
  const list = document.createElement('ol');
  (answer ? answer.events : []).forEach((e) => {
    const item = document.createElement('li');
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = t('kind.' + e.kind);
    kind.title = e.kind;
    const amount = document.createElement('span');
    amount.className = 'amount';
    if (e.amount) showMoney(amount, e.amount);
    item.append(`r${e.revision} `, kind, ` ${date(e.effectiveDate)} `, amount, e.afterGap ? ' ⚠' : '');
    if (e.afterGap) item.title = t('afterGap');
    list.appendChild(item);
  });
  element.append(heading, list);
}

// Drill-down: from a figure to the events behind it (their amounts sum exactly to it), each linked to its project's history.

/** A figure's coordinates from its key, cuboid|name=value,…|period|type, as query parameters. */
function figureQuery(key) {
  const [cuboid, dimensions, period, type] = key.split('|');
  const params = new URLSearchParams({ cuboid, period, type });
  if (dimensions) dimensions.split(',').forEach((pair) => { const at = pair.indexOf('='); params.set(pair.slice(0, at), pair.slice(at + 1)); });
  return params;
}

function figureName(key) {
  const [cuboid, dimensions, period, type] = key.split('|');
  const named = (dimensions ? dimensions.split(',') : []).map((pair) => {
    const [name, value] = pair.split('=');
    if (name === 'province') return provinceName(value, cuboid === CUBOID.PROVINCE_RESTATED, period).text;
    if (name === 'country') return countryName(value).text || value;
    if (name === 'zone') return zoneName(value).text || value;
    if (name === 'sector') return sectorName(value).text || value;
    return value;
  });
  const when = period === 'all' ? t('allYears') : period === 'stock' ? t('validProjects') : period;
  return [type, ...(named.length ? named : [t('national')]), when].join(' · ');
}

/** The drill-down section shows a flow figure's events or a stock figure's projects. */
function drillDownOf(stock) {
  const section = document.getElementById('drilldown');
  section.querySelector('h2').dataset.text = stock ? 'behindStock' : 'behind';
  document.getElementById('drilldownExport').dataset.text = stock ? 'exportProjects' : 'exportEvents';
  applyTexts();
  document.getElementById('drilldownEvents').hidden = stock;
  document.getElementById('drilldownProjects').hidden = !stock;
  section.hidden = false;
  return section;
}

function projectLink(code) {
  const element = document.createElement('td');
  const link = document.createElement('a');
  link.href = '#history';
  link.className = 'project';
  link.textContent = code;
  link.addEventListener('click', () => history(code));
  element.append(link);
  return element;
}

// The projects behind a stock figure (their number and capital sum exactly to it), each linked to its history.
async function stockDrillDown(key, cursor) {
  state.drillDown = key;
  const asked = ++state.drillDownAsked;
  const params = figureQuery(key);
  params.delete('period');
  params.set('size', '50');
  if (cursor) params.set('cursor', cursor);
  const page = await json('/api/search/stock/projects?' + params);
  // an answer to any request before the latest (another figure, or the same one asked again) is dropped
  if (asked !== state.drillDownAsked) return;
  const section = drillDownOf(true);
  if (!cursor) {
    document.getElementById('drilldownFigure').textContent = `${figureName(key)}: ${count(page.total)} ${t('projectsBehind')}`;
    const missing = document.getElementById('drilldownMissing');
    missing.hidden = !(page.projectsWithoutStockCell > 0);
    missing.textContent = page.projectsWithoutStockCell > 0 ? `${count(page.projectsWithoutStockCell)} ${t('withoutStockCell')}` : '';
  }
  const exported = figureQuery(key);
  exported.delete('period');
  document.getElementById('drilldownExport').href = '/api/search/stock/projects/export?' + exported;
  document.getElementById('drilldownExportXlsx').href = '/api/search/stock/projects/export?' + withFormat(exported, 'xlsx');
  const body = document.querySelector('#drilldownProjects tbody');
  if (!cursor) body.replaceChildren();
  page.projects.forEach((p) => {
    const row = document.createElement('tr');
    row.append(projectLink(p.projectCode), cell({ text: p.projectName }),
      cell({ text: p.provinceName || p.provinceCode, title: p.provinceCode }), cell(statusName(p.status), 'status'),
      cell(money(p.registeredCapital), 'number'), cell(p.realisedCapital ? money(p.realisedCapital) : {}, 'number'));
    body.append(row);
  });
  const more = document.getElementById('drilldownMore');
  more.hidden = !page.next;
  more.onclick = page.next ? () => stockDrillDown(key, page.next) : null;
  if (!cursor) section.scrollIntoView();
}

async function drillDown(key, cursor) {
  if (key.split('|')[2] === 'stock') {
    stockDrillDown(key, cursor);
    return;
  }
  state.drillDown = key;
  const asked = ++state.drillDownAsked;
  const params = figureQuery(key);
  params.set('size', '50');
  if (cursor) params.set('cursor', cursor);
  const page = await json('/api/search/totals/events?' + params);
  // an answer to any request before the latest (another figure, or the same one asked again) is dropped
  if (asked !== state.drillDownAsked) return;
  const section = drillDownOf(false);
  // only the first page counts the events; the pages after it keep that count
  if (!cursor) {
    document.getElementById('drilldownFigure').textContent = `${figureName(key)}: ${count(page.total)} ${t('eventsBehind')}`;
    const missing = document.getElementById('drilldownMissing');
    missing.hidden = !(page.entriesWithoutFlow > 0);
    missing.textContent = page.entriesWithoutFlow > 0 ? `${count(page.entriesWithoutFlow)} ${t('withoutFlow')}` : '';
  }
  document.getElementById('drilldownExport').href = '/api/search/totals/events/export?' + figureQuery(key);
  document.getElementById('drilldownExportXlsx').href = '/api/search/totals/events/export?' + withFormat(figureQuery(key), 'xlsx');
  const body = document.querySelector('#drilldownEvents tbody');
  if (!cursor) body.replaceChildren();
  page.events.forEach((e) => {
    const row = document.createElement('tr');
    const code = projectLink(e.projectCode);
    const added = money(e.flow.registeredCapital);
    const realised = money(e.flow.realisedCapital);
    row.append(code, cell({ text: t('kind.' + e.kind), title: e.kind }), cell({ text: date(e.effectiveDate) }),
      cell(added, 'number'), cell(realised, 'number'), cell({ text: e.unit }));
    body.append(row);
  });
  const more = document.getElementById('drilldownMore');
  more.hidden = !page.next;
  more.onclick = page.next ? () => drillDown(key, page.next) : null;
  if (!cursor) section.scrollIntoView();
}

/** Every figure on the page opens its events: the cards' and the province table's amounts. */
document.addEventListener('click', (event) => {
  const figure = event.target.closest('.card[data-key] strong, #provinces td[data-key]');
  if (!figure) return;
  const key = figure.dataset.stock || figure.dataset.key || figure.closest('.card').dataset.key;
  drillDown(key);
});

document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANGUAGE, state.language);
  applyTexts();
  loadFigures();
  freshness();
  search();
  if (state.history) history(state.history);
  if (state.drillDown) drillDown(state.drillDown);
});
document.querySelectorAll('input[name="mode"]').forEach((input) => input.addEventListener('change', () => {
  state.mode = input.value;
  loadFigures();
}));
document.querySelectorAll('select.year').forEach((select) => select.addEventListener('change', () => {
  select.dataset.chosen = select.value;
  loadCharts();
}));
document.getElementById('search').addEventListener('submit', search);

// Signing out changes state, so it is a POST with the CSRF token: the XSRF-TOKEN cookie, sent back as a header.
function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

document.getElementById('logout').addEventListener('click', async () => {
  state.signingOut = true;
  if (state.events) state.events.close();
  const response = await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': cookie('XSRF-TOKEN') } });
  if (response.ok) {
    window.location.assign('/login?logout');
  }
  else {
    state.signingOut = false;
    listen();
  }
});

function reportLinks() {
  const input = document.getElementById('reportMonth');
  const [year, month] = (input.value || '').split('-');
  const links = [document.getElementById('reportXlsx'), document.getElementById('reportCsv')];
  if (!year || !input.checkValidity()) {
    links.forEach((link) => link.removeAttribute('href'));
    return;
  }
  const base = `/api/reports/monthly?year=${year}&month=${Number(month)}&provinces=${state.mode === CUBOID.PROVINCE ? 'licensed' : 'restated'}`;
  links[0].href = base + '&format=xlsx';
  links[1].href = base + '&format=csv';
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
  // a report is of a month whose release is closed: its cut-off day in the report calendar has passed
  const reportMonth = document.getElementById('reportMonth');
  reportMonth.max = rulebook.lastClosedMonth;
  reportMonth.value = rulebook.lastClosedMonth;
}

async function loadNames() {
  state.names = await json('/api/console/names');
}

document.getElementById('reportMonth').addEventListener('change', reportLinks);
document.querySelectorAll('input[name="mode"]').forEach((input) => input.addEventListener('change', reportLinks));

async function start() {
  applyTexts();
  signedIn();
  await Promise.all([loadRulebook(), loadNames()]);
  reportLinks();
  // listen first: a figure indexed while the page loads is pushed rather than missed
  listen();
  loadFigures();
  every(freshness, 5000);
  every(refusals, 15000);
  search();
}

// Asks now, then again a while after each answer: a slow answer delays the next question rather than piling them up.
async function every(ask, ms) {
  try {
    await ask();
  }
  finally {
    setTimeout(() => every(ask, ms), ms);
  }
}

start();
