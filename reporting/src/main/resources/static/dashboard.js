// hotpath reporting dashboard: polls the JSON endpoints of the reporting process; no other network use.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let instrument = 0;
  let ohlcPlot = null;
  let latencyPlot = null;

  async function getJson(url, headers) {
    const res = await fetch(url, {headers: headers || {}, cache: 'no-store'});
    if (!res.ok) { const e = new Error(res.status + ' ' + url); e.status = res.status; throw e; }
    return res.json();
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
  }

  function fill(tbody, rows, render) {
    const fragment = document.createDocumentFragment();
    rows.forEach((r) => { const tr = document.createElement('tr'); render(tr, r); fragment.appendChild(tr); });
    tbody.replaceChildren(fragment);
  }

  async function refreshBook() {
    const book = await getJson('/api/book?depth=10&instrument=' + instrument);
    fill($('book-asks'), book.asks.slice().reverse(), (tr, l) => {
      tr.className = 'level ask-level';
      cell(tr, ''); cell(tr, ''); cell(tr, l.price, 'ask price'); cell(tr, l.quantity, 'ask'); cell(tr, l.orders);
    });
    fill($('book-bids'), book.bids, (tr, l) => {
      tr.className = 'level bid-level';
      cell(tr, l.orders); cell(tr, l.quantity, 'bid'); cell(tr, l.price, 'bid price'); cell(tr, ''); cell(tr, '');
    });
    $('book-empty').classList.toggle('hidden', book.asks.length + book.bids.length > 0);
  }

  function timeOf(ns) {
    const ms = Number(BigInt(ns) / 1000000n);
    return new Date(ms).toISOString().substring(11, 23);
  }

  async function refreshTape() {
    const trades = await getJson('/api/trades?limit=30&instrument=' + instrument);
    fill($('tape-rows'), trades, (tr, t) => {
      tr.className = 'trade';
      const cls = t.aggressor === 'BUY' ? 'bid' : 'ask';
      cell(tr, timeOf(t.timestampNs)); cell(tr, t.tradeId); cell(tr, t.price, cls + ' price');
      cell(tr, t.quantity); cell(tr, t.aggressor, cls);
    });
  }

  // Candles drawn on uPlot's canvas: a wick from low to high and a body from open to close.
  function candlePlugin() {
    return {
      hooks: {
        draw: (u) => {
          const ctx = u.ctx;
          const [xs, opens, highs, lows, closes] = u.data;
          const width = Math.max(1, Math.min(12, (u.bbox.width / Math.max(1, xs.length)) * 0.6));
          ctx.save();
          for (let i = 0; i < xs.length; i++) {
            const x = u.valToPos(xs[i], 'x', true);
            const up = closes[i] >= opens[i];
            ctx.strokeStyle = ctx.fillStyle = up ? '#4cc38a' : '#f06a6a';
            ctx.beginPath();
            ctx.moveTo(x, u.valToPos(highs[i], 'y', true));
            ctx.lineTo(x, u.valToPos(lows[i], 'y', true));
            ctx.stroke();
            const top = u.valToPos(Math.max(opens[i], closes[i]), 'y', true);
            const bottom = u.valToPos(Math.min(opens[i], closes[i]), 'y', true);
            ctx.fillRect(x - width / 2, top, width, Math.max(1, bottom - top));
          }
          ctx.restore();
        }
      }
    };
  }

  async function refreshBars() {
    const interval = $('interval').value;
    const bars = await getJson('/api/bars?limit=120&interval=' + interval + '&instrument=' + instrument);
    const data = [bars.map((b) => b.startSec), bars.map((b) => b.open), bars.map((b) => b.high),
      bars.map((b) => b.low), bars.map((b) => b.close), bars.map((b) => Number(b.vwap))];
    $('vwap').textContent = bars.length ? 'last VWAP ' + bars[bars.length - 1].vwap : '';
    if (!ohlcPlot) {
      const hidden = {show: false};
      ohlcPlot = new uPlot({
        width: Math.max(400, $('ohlc').clientWidth || 600), height: 320, plugins: [candlePlugin()],
        scales: {x: {time: true}},
        axes: [{stroke: '#8a96a3'}, {stroke: '#8a96a3'}],
        series: [{}, Object.assign({label: 'open'}, hidden), Object.assign({label: 'high'}, hidden),
          Object.assign({label: 'low'}, hidden), {label: 'close', stroke: 'transparent'},
          {label: 'vwap', stroke: '#e0b84c', width: 1}]
      }, data, $('ohlc'));
    } else {
      ohlcPlot.setData(data);
    }
  }

  async function refreshPositions() {
    const key = $('api-key').value;
    if (!key) { fill($('positions-rows'), [], () => {}); $('positions-note').classList.remove('hidden'); return; }
    try {
      const body = await getJson('/api/positions', {'X-Api-Key': key});
      $('positions-note').textContent = 'account ' + body.account + ' (' + body.name + ')';
      fill($('positions-rows'), body.positions, (tr, p) => {
        tr.className = 'position';
        cell(tr, p.instrument); cell(tr, p.quantity, p.quantity >= 0 ? 'bid' : 'ask'); cell(tr, p.averagePrice);
        cell(tr, p.realizedPnl); cell(tr, p.unrealizedPnl); cell(tr, p.lastPrice);
      });
    } catch (e) {
      $('positions-note').textContent = e.status === 401 ? 'unknown API key' : 'positions unavailable';
      fill($('positions-rows'), [], () => {});
    }
  }

  const PERCENTILES = ['p50_us', 'p90_us', 'p99_us', 'p999_us', 'p9999_us', 'max_us'];

  async function refreshLatency() {
    const report = await getJson('/api/latency');
    const runs = report.runs || [];
    $('latency-empty').classList.toggle('hidden', runs.length > 0);
    if (!runs.length) { $('latency-empty').textContent = report.message || 'no run yet'; return; }
    const head = document.createElement('tr');
    ['mode', 'workload', 'offered_rate', 'achieved_rate', 'count', 'errors'].concat(PERCENTILES)
      .forEach((f) => { const th = document.createElement('th'); th.textContent = f; head.appendChild(th); });
    $('latency-table').tHead.replaceChildren(head);
    fill($('latency-table').tBodies[0], runs, (tr, r) => {
      ['mode', 'workload', 'offered_rate', 'achieved_rate', 'count', 'errors'].concat(PERCENTILES)
        .forEach((f) => cell(tr, r[f] === undefined ? '' : r[f]));
    });
    const data = [PERCENTILES.map((_, i) => i)].concat(runs.map((r) => PERCENTILES.map((p) => r[p] || null)));
    const colors = ['#4cc38a', '#f06a6a', '#e0b84c', '#6aa8f0', '#c38ae0', '#8a96a3'];
    if (latencyPlot) { latencyPlot.destroy(); }
    latencyPlot = new uPlot({
      width: Math.max(400, $('latency').clientWidth || 800), height: 260,
      scales: {x: {time: false}, y: {distr: 3}},
      axes: [{stroke: '#8a96a3', values: (u, ticks) => ticks.map((t) => (PERCENTILES[t] || '').replace('_us', ''))},
        {stroke: '#8a96a3', label: 'µs'}],
      series: [{label: 'percentile'}].concat(runs.map((r, i) => ({
        label: r.mode + ' ' + r.workload + ' @' + r.offered_rate, stroke: colors[i % colors.length], width: 2
      })))
    }, data, $('latency'));
  }

  async function refreshInstruments() {
    const list = await getJson('/api/instruments');
    const select = $('instrument');
    const known = Array.from(select.options).map((o) => Number(o.value));
    list.forEach((i) => {
      if (!known.includes(i.instrument)) {
        const o = document.createElement('option'); o.value = i.instrument; o.textContent = i.instrument;
        select.appendChild(o);
      }
    });
    const status = await getJson('/api/status');
    $('status').textContent = 'ingested up to sequence ' + (status.committedSequence || 0);
    $('lag').textContent = 'behind the journal: ' + (status.lagCommands || 0) + ' commands, ' +
      (status.lagMillis || 0) + ' ms';
  }

  function every(ms, fn) {
    const run = () => fn().catch((e) => { $('status').textContent = 'error: ' + e.message; })
      .finally(() => setTimeout(run, ms));
    run();
  }

  $('instrument').addEventListener('change', (e) => { instrument = Number(e.target.value); });
  $('interval').addEventListener('change', () => { if (ohlcPlot) { ohlcPlot.destroy(); ohlcPlot = null; } });
  $('api-key').value = window.localStorage.getItem('hotpath.apiKey') || '';
  $('api-key').addEventListener('change', (e) => window.localStorage.setItem('hotpath.apiKey', e.target.value));

  every(500, refreshBook);
  every(500, refreshTape);
  every(1000, refreshBars);
  every(1000, refreshPositions);
  every(2000, refreshInstruments);
  every(5000, refreshLatency);
}());
