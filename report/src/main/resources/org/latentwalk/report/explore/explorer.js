// latentwalk explore: decodes latent walks in the browser. Plain JavaScript, no build step, no
// network: the data scripts in data/ call LatentwalkExplore.register(manifest, base64) before the
// page starts (format: docs/explore.md).
'use strict';
(function () {
  const FORMAT = 'latentwalk-explore';
  const VERSION = 1;
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
    '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const bundles = { dataset: null, models: [] };
  const timings = [];

  // ---- data ---------------------------------------------------------------------------------

  function register(manifest, base64) {
    if (manifest.format !== FORMAT || manifest.version !== VERSION) {
      throw new Error('Data script of format ' + manifest.format + ' version ' + manifest.version +
        '; this page reads ' + FORMAT + ' version ' + VERSION + ': write the site again');
    }
    const raw = atob(base64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    const bundle = { manifest: manifest, buffer: bytes.buffer };
    if (manifest.kind === 'dataset') bundles.dataset = bundle; else bundles.models.push(bundle);
  }

  let halfTable = null;
  function halfToFloat(h) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) return sign * mant * Math.pow(2, -24);
    if (exp === 0x1f) return mant ? NaN : sign * Infinity;
    return sign * (1 + mant / 1024) * Math.pow(2, exp - 15);
  }

  // Returns the tensor `ref` of `bundle` as a typed array (float16 widened to Float32Array).
  function tensor(bundle, ref) {
    if (ref.dtype === 'float32') return new Float32Array(bundle.buffer, ref.offset, ref.length);
    if (ref.dtype === 'uint8') return new Uint8Array(bundle.buffer, ref.offset, ref.length);
    if (ref.dtype === 'float16') {
      if (!halfTable) {
        halfTable = new Float32Array(65536);
        for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
      }
      const view = new DataView(bundle.buffer, ref.offset, ref.length * 2);
      const out = new Float32Array(ref.length);
      for (let i = 0; i < ref.length; i++) out[i] = halfTable[view.getUint16(2 * i, true)];
      return out;
    }
    throw new Error('Unknown tensor type ' + ref.dtype);
  }

  function network(bundle, spec) {
    if (!spec) return null;
    return {
      inputs: spec.inputs,
      layers: spec.layers.map(function (l) {
        return {
          in: l.in, out: l.out, activation: l.activation, slope: l.slope,
          weight: tensor(bundle, l.weight), bias: tensor(bundle, l.bias),
          scale: l.scale ? tensor(bundle, l.scale) : null,
          shift: l.shift ? tensor(bundle, l.shift) : null
        };
      })
    };
  }

  // ---- numerics (mirrors DenseNetwork.apply and the Java path strategies) ------------------

  function runNetwork(net, x) {
    let cur = Float64Array.from(x);
    for (const l of net.layers) {
      const y = new Float64Array(l.out);
      for (let o = 0; o < l.out; o++) y[o] = l.bias[o];
      const w = l.weight;
      for (let i = 0; i < l.in; i++) {
        const xi = cur[i];
        if (xi === 0) continue;
        const row = i * l.out;
        for (let o = 0; o < l.out; o++) y[o] += xi * w[row + o];
      }
      activate(l, y);
      if (l.scale) for (let o = 0; o < l.out; o++) y[o] = y[o] * l.scale[o] + l.shift[o];
      cur = y;
    }
    return cur;
  }

  function activate(l, y) {
    const n = y.length;
    switch (l.activation) {
      case 'linear': return;
      case 'relu': for (let o = 0; o < n; o++) y[o] = Math.max(y[o], 0); return;
      case 'leaky-relu': for (let o = 0; o < n; o++) y[o] = y[o] > 0 ? y[o] : l.slope * y[o]; return;
      case 'softplus': for (let o = 0; o < n; o++) y[o] = y[o] > 30 ? y[o] : Math.log1p(Math.exp(y[o])); return;
      case 'sigmoid': for (let o = 0; o < n; o++) y[o] = 1 / (1 + Math.exp(-y[o])); return;
      case 'tanh': for (let o = 0; o < n; o++) y[o] = Math.tanh(y[o]); return;
      case 'softmax': {
        let max = -Infinity;
        for (let o = 0; o < n; o++) max = Math.max(max, y[o]);
        let sum = 0;
        for (let o = 0; o < n; o++) { y[o] = Math.exp(y[o] - max); sum += y[o]; }
        for (let o = 0; o < n; o++) y[o] /= sum;
        return;
      }
      default: throw new Error('Unknown activation ' + l.activation);
    }
  }

  function clamp01(x) {
    for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i]));
    return x;
  }

  function plusScaled(a, alpha, v) {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Math.fround(a[i] + alpha * v[i]);
    return out;
  }

  function norm(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * a[i]; return Math.sqrt(s); }

  function linear(a, b, t) {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Math.fround(a[i] + t * (b[i] - a[i]));
    return out;
  }

  // SlerpPath: the great circle, with its limits for (nearly) parallel, opposite or zero vectors.
  function slerp(a, b, t) {
    if (t === 0) return Float64Array.from(a);
    if (t === 1) return Float64Array.from(b);
    const na = norm(a), nb = norm(b);
    if (na === 0 || nb === 0) return linear(a, b, t);
    let dot = 0;
    for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
    const omega = Math.acos(Math.max(-1, Math.min(1, dot / (na * nb))));
    const eps = 1e-4;
    if (omega < eps) return linear(a, b, t);
    const out = new Float64Array(a.length);
    if (Math.PI - omega < eps) {
      const d = a.length, u = new Float64Array(d);
      let j = 0;
      for (let i = 0; i < d; i++) { u[i] = a[i] / na; if (Math.abs(u[i]) < Math.abs(u[j])) j = i; }
      const p = new Float64Array(d);
      p[j] = 1;
      for (let i = 0; i < d; i++) p[i] -= u[j] * u[i];
      const pn = norm(p), r = (1 - t) * na + t * nb;
      const c = Math.cos(Math.PI * t), s = Math.sin(Math.PI * t);
      for (let i = 0; i < d; i++) out[i] = Math.fround(r * (c * u[i] + s * (pn === 0 ? 0 : p[i] / pn)));
      return out;
    }
    const s = Math.sin(omega), wa = Math.sin((1 - t) * omega) / s, wb = Math.sin(t * omega) / s;
    for (let i = 0; i < a.length; i++) out[i] = Math.fround(wa * a[i] + wb * b[i]);
    return out;
  }

  function pathPoint(path, a, b, t) { return path === 'slerp' ? slerp(a, b, t) : linear(a, b, t); }

  // ---- models -------------------------------------------------------------------------------

  let data = null;
  const models = [];

  function loadDataset(bundle) {
    const m = bundle.manifest;
    const t = m.thumbnails;
    return {
      manifest: m, classNames: m.classNames, k: m.classNames.length,
      width: m.width, height: m.height, size: m.width * m.height,
      alphaMax: m.alphaMax, directions: m.directions, paths: m.paths, seed: m.seed,
      thumbLabels: t.labels, thumbTestIndex: t.testIndex, thumbCount: t.count,
      thumbPixels: tensor(bundle, t.pixels),
      judge: network(bundle, m.judge.network)
    };
  }

  function loadModel(bundle) {
    const m = bundle.manifest;
    const d = m.latentDimension;
    const model = {
      manifest: m, label: m.label, title: m.title, live: m.live, d: d,
      decoder: network(bundle, m.decoder),
      codes: tensor(bundle, m.codes), centroids: tensor(bundle, m.centroids),
      directions: {}, map: null, frames: null
    };
    for (const name of Object.keys(m.directions)) model.directions[name] = tensor(bundle, m.directions[name]);
    if (m.map) {
      model.map = { codes: tensor(bundle, m.map.codes), labels: tensor(bundle, m.map.labels), extent: m.map.extent };
    }
    if (m.frames) {
      const f = m.frames;
      model.frames = {
        alphas: f.alphas, images: f.images,
        walk: tensor(bundle, f.walk), walkProbs: tensor(bundle, f.walkProbs),
        pairs: tensor(bundle, f.pairs),
        map: f.map ? { grid: f.map.grid, frames: tensor(bundle, f.map.frames) } : null
      };
    }
    return model;
  }

  function row(array, index, width) { return array.subarray(index * width, (index + 1) * width); }

  function decode(model, z) { return clamp01(runNetwork(model.decoder, z)); }

  function judge(pixels) { return data.judge ? runNetwork(data.judge, pixels) : null; }

  // The point at α of the walk from z − αmax·v to z + αmax·v (InterpolationEngine.walkLatents).
  function walkPoint(z, v, alpha, path) {
    const A = data.alphaMax;
    return pathPoint(path, plusScaled(z, -A, v), plusScaled(z, A, v), (alpha + A) / (2 * A));
  }

  function direction(model, name, from, to) {
    return row(model.directions[name], from * data.k + to, model.d);
  }

  function nearestStep(alphas, alpha) {
    let best = 0;
    for (let s = 1; s < alphas.length; s++) if (Math.abs(alphas[s] - alpha) < Math.abs(alphas[best] - alpha)) best = s;
    return best;
  }

  // Returns {pixels, probs} of the walk frame the controls describe.
  function walkFrame(model) {
    const dirIndex = data.directions.indexOf(state.direction);
    const pathIndex = data.paths.indexOf(state.path);
    if (model.live) {
      const z = row(model.codes, state.image, model.d);
      const pixels = decode(model, walkPoint(z, direction(model, state.direction, state.from, state.to), state.alpha, state.path));
      return { pixels: pixels, probs: judge(pixels) };
    }
    const f = model.frames, k = data.k, steps = f.alphas.length;
    const cell = ((((state.from * k + state.to) * data.directions.length + dirIndex) * data.paths.length + pathIndex) * steps) +
      nearestStep(f.alphas, state.alpha);
    return { pixels: row(f.walk, cell, data.size), probs: row(f.walkProbs, cell, k), bytes: true };
  }

  // ---- drawing ------------------------------------------------------------------------------

  function draw(canvas, pixels, bytes) {
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(data.width, data.height);
    for (let i = 0; i < data.size; i++) {
      const g = bytes ? pixels[i] : Math.round(255 * pixels[i]);
      img.data[4 * i] = g; img.data[4 * i + 1] = g; img.data[4 * i + 2] = g; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  function showProbs(el, probs) {
    if (!probs) { el.textContent = 'The judge cannot run in the browser (it does not export dense layers).'; return; }
    el.textContent = '';
    for (let c = 0; c < data.k; c++) {
      const name = document.createElement('span');
      name.textContent = data.classNames[c];
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.width = (100 * probs[c]).toFixed(1) + '%';
      track.appendChild(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.dataset.class = String(c);
      value.textContent = probs[c].toFixed(4);
      el.append(name, track, value);
    }
  }

  // ---- state and controls -------------------------------------------------------------------

  const state = { model: 0, image: 0, from: 0, to: 1, direction: '', path: '', alpha: 0, morphTo: 1, morphT: 0.5, pairsAlpha: 0, mapPoint: null };
  let random = null;
  const $ = function (id) { return document.getElementById(id); };

  function current() { return models[state.model]; }

  function option(select, value, text) {
    const o = document.createElement('option');
    o.value = String(value);
    o.textContent = text;
    select.appendChild(o);
  }

  function thumbText(i) { return 'test image ' + data.thumbTestIndex[i] + ' (' + data.classNames[data.thumbLabels[i]] + ')'; }

  function buildControls() {
    models.forEach(function (m, i) { option($('model'), i, m.title + (m.live ? '' : ' (pre-rendered)')); });
    data.classNames.forEach(function (c, i) { option($('from'), i, c); option($('to'), i, c); });
    data.directions.forEach(function (d) { option($('direction'), d, d); });
    data.paths.forEach(function (p) { option($('path'), p, p); });
    for (let i = 0; i < data.thumbCount; i++) option($('morph-to'), i, thumbText(i));
    const thumbs = $('thumbs');
    for (let c = 0; c < data.k; c++) {
      const label = document.createElement('span');
      label.textContent = data.classNames[c];
      const strip = document.createElement('div');
      strip.className = 'row';
      for (let i = 0; i < data.thumbCount; i++) {
        if (data.thumbLabels[i] !== c) continue;
        const b = document.createElement('button');
        b.type = 'button';
        b.dataset.thumb = String(i);
        b.setAttribute('aria-label', thumbText(i));
        b.setAttribute('aria-pressed', 'false');
        const cv = document.createElement('canvas');
        cv.width = data.width; cv.height = data.height;
        draw(cv, row(data.thumbPixels, i, data.size), true);
        b.appendChild(cv);
        b.addEventListener('click', function () { chooseImage(i); });
        strip.appendChild(b);
      }
      thumbs.append(label, strip);
    }
    for (const id of ['frame', 'morph-frame', 'map-frame']) { $(id).width = data.width; $(id).height = data.height; }
    const A = data.alphaMax;
    for (const id of ['alpha', 'pairs-alpha']) { $(id).min = String(-A); $(id).max = String(A); }
    state.direction = data.directions[0];
    state.path = data.paths[0];
    state.to = Math.min(1, data.k - 1);
    state.morphTo = Math.min(1, data.thumbCount - 1);
    // the controls show the state they start from
    $('from').value = String(state.from);
    $('to').value = String(state.to);
    $('direction').value = state.direction;
    $('path').value = state.path;
    $('morph-to').value = String(state.morphTo);

    $('model').addEventListener('change', function () { state.model = Number(this.value); modelChanged(); });
    $('from').addEventListener('change', function () { state.from = Number(this.value); redrawWalks(); });
    $('to').addEventListener('change', function () { state.to = Number(this.value); redrawWalks(); });
    $('direction').addEventListener('change', function () { state.direction = this.value; redrawWalks(); });
    $('path').addEventListener('change', function () { state.path = this.value; redrawWalks(); });
    $('alpha').addEventListener('input', function () { state.alpha = Number(this.value); timed(drawWalk); });
    $('morph-to').addEventListener('change', function () { state.morphTo = Number(this.value); drawMorph(); });
    $('morph-t').addEventListener('input', function () { state.morphT = Number(this.value); drawMorph(); });
    $('pairs-alpha').addEventListener('input', function () { state.pairsAlpha = Number(this.value); drawPairs(); });
    $('random').addEventListener('click', function () {
      const choices = allowedImages();
      chooseImage(choices[Math.floor(random() * choices.length)]);
    });
    const map = $('map');
    function mapAt(e) {
      const r = map.getBoundingClientRect();
      state.mapPoint = fromMap((e.clientX - r.left) * map.width / r.width, (e.clientY - r.top) * map.height / r.height);
      drawMap();
    }
    map.addEventListener('mousemove', mapAt);
    map.addEventListener('mousedown', mapAt);
    map.addEventListener('keydown', function (e) {
      const ex = current().map && current().map.extent;
      if (!ex) return;
      const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
      if (!step) return;
      e.preventDefault();
      const p = state.mapPoint || [(ex[0] + ex[1]) / 2, (ex[2] + ex[3]) / 2];
      state.mapPoint = [Math.min(ex[1], Math.max(ex[0], p[0] + step[0] * (ex[1] - ex[0]) / 40)),
        Math.min(ex[3], Math.max(ex[2], p[1] + step[1] * (ex[3] - ex[2]) / 40))];
      drawMap();
    });
  }

  // A fallback model has frames for one image per class, walked from its own class.
  function allowedImages() {
    const m = current();
    const all = [];
    for (let i = 0; i < data.thumbCount; i++) if (m.live || m.frames.images.indexOf(i) >= 0) all.push(i);
    return all;
  }

  function chooseImage(i) {
    state.image = i;
    if (!current().live) {
      state.from = data.thumbLabels[i];
      $('from').value = String(state.from);
      if (state.to === state.from) { state.to = (state.from + 1) % data.k; $('to').value = String(state.to); }
    }
    document.querySelectorAll('#thumbs button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(Number(b.dataset.thumb) === i));
    });
    redrawWalks();
  }

  function modelChanged() {
    const m = current();
    const A = data.alphaMax;
    const step = m.live ? '0.05' : String(2 * A / (m.frames.alphas.length - 1));
    for (const id of ['alpha', 'pairs-alpha']) $(id).step = step;
    $('mode').textContent = m.live
      ? 'Decoded live in this page (' + m.d + '-d latent).'
      : 'Pre-rendered: this model cannot export its decoder, so the page shows frames rendered in Java for ' +
        m.frames.alphas.length + ' values of α, for one image per class walked from its own class.';
    $('from').disabled = !m.live;
    const allowed = allowedImages();
    document.querySelectorAll('#thumbs button').forEach(function (b) { b.disabled = allowed.indexOf(Number(b.dataset.thumb)) < 0; });
    $('morph-to').disabled = !m.live;
    $('morph-t').disabled = !m.live;
    $('morph-note').textContent = m.live ? '' : 'Morphing needs the decoder in the page; this model is pre-rendered.';
    $('map-section').hidden = !m.map;
    state.mapPoint = null;
    chooseImage(allowed.indexOf(state.image) >= 0 ? state.image : allowed[0]);
  }

  function timed(fn) {
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    timings.push(ms);
    document.body.dataset.redrawMs = ms.toFixed(2);
  }

  function redrawWalks() { drawWalk(); drawMorph(); drawPairs(); drawMap(); }

  function drawWalk() {
    $('alpha-value').textContent = state.alpha.toFixed(2);
    const f = walkFrame(current());
    draw($('frame'), f.pixels, f.bytes);
    showProbs($('probs'), f.probs);
  }

  function drawMorph() {
    const m = current();
    $('morph-t-value').textContent = state.morphT.toFixed(2);
    if (!m.live) { draw($('morph-frame'), new Float64Array(data.size), false); $('morph-probs').textContent = ''; return; }
    const z = pathPoint(state.path, row(m.codes, state.image, m.d), row(m.codes, state.morphTo, m.d), state.morphT);
    const pixels = decode(m, z);
    draw($('morph-frame'), pixels, false);
    showProbs($('morph-probs'), judge(pixels));
  }

  function drawPairs() {
    const m = current(), k = data.k, w = data.width, h = data.height, scale = 2;
    $('pairs-alpha-value').textContent = state.pairsAlpha.toFixed(2);
    const cols = Math.min(9, k * (k - 1) / 2), rows = Math.ceil(k * (k - 1) / 2 / cols);
    const cellW = w * scale + 8, cellH = h * scale + 18;
    const canvas = $('pairs');
    if (canvas.width !== cols * cellW) { canvas.width = cols * cellW; canvas.height = rows * cellH; }
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    const tile = document.createElement('canvas');
    tile.width = w; tile.height = h;
    const dirIndex = data.directions.indexOf(state.direction), pathIndex = data.paths.indexOf(state.path);
    let p = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++, p++) {
        if (m.live) {
          const v = direction(m, state.direction, a, b);
          draw(tile, decode(m, walkPoint(row(m.centroids, a, m.d), v, state.pairsAlpha, state.path)), false);
        } else {
          const f = m.frames, steps = f.alphas.length;
          const cell = ((p * data.directions.length + dirIndex) * data.paths.length + pathIndex) * steps + nearestStep(f.alphas, state.pairsAlpha);
          draw(tile, row(f.pairs, cell, data.size), true);
        }
        const x = (p % cols) * cellW, y = Math.floor(p / cols) * cellH;
        ctx.drawImage(tile, x + 4, y, w * scale, h * scale);
        ctx.fillStyle = '#333';
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText(data.classNames[a] + '→' + data.classNames[b], x + 4, y + h * scale + 12);
      }
    }
  }

  function toMap(x, y) {
    const ex = current().map.extent, c = $('map');
    return [(x - ex[0]) / (ex[1] - ex[0]) * c.width, (ex[3] - y) / (ex[3] - ex[2]) * c.height];
  }

  function fromMap(px, py) {
    const ex = current().map.extent, c = $('map');
    return [ex[0] + px / c.width * (ex[1] - ex[0]), ex[3] - py / c.height * (ex[3] - ex[2])];
  }

  function drawMap() {
    const m = current();
    if (!m.map) return;
    const c = $('map'), ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    const n = m.map.labels.length;
    for (let i = 0; i < n; i++) {
      const p = toMap(m.map.codes[2 * i], m.map.codes[2 * i + 1]);
      ctx.fillStyle = PALETTE[m.map.labels[i] % PALETTE.length];
      ctx.fillRect(p[0] - 1, p[1] - 1, 3, 3);
    }
    const ex = m.map.extent;
    const point = state.mapPoint || [(ex[0] + ex[1]) / 2, (ex[2] + ex[3]) / 2];
    const q = toMap(point[0], point[1]);
    ctx.strokeStyle = '#000';
    ctx.beginPath();
    ctx.arc(q[0], q[1], 6, 0, 2 * Math.PI);
    ctx.stroke();
    $('map-point').textContent = 'z = (' + point[0].toFixed(2) + ', ' + point[1].toFixed(2) + ')';
    if (m.live) {
      draw($('map-frame'), decode(m, Float64Array.from(point)), false);
    } else {
      const g = m.frames.map.grid;
      const col = Math.min(g - 1, Math.max(0, Math.floor((point[0] - ex[0]) / (ex[1] - ex[0]) * g)));
      const r = Math.min(g - 1, Math.max(0, Math.floor((ex[3] - point[1]) / (ex[3] - ex[2]) * g)));
      draw($('map-frame'), row(m.frames.map.frames, r * g + col, data.size), true);
    }
    const legend = $('map-legend');
    if (!legend.childElementCount) {
      data.classNames.forEach(function (name, i) {
        const s = document.createElement('span');
        const sw = document.createElement('i');
        sw.style.background = PALETTE[i % PALETTE.length];
        s.append(sw, document.createTextNode(name));
        legend.appendChild(s);
      });
    }
  }

  // mulberry32: a small seeded generator, so "random image" picks the same sequence for a seed.
  function seeded(seed) {
    let s = seed >>> 0;
    return function () {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function start() {
    if (!bundles.dataset || bundles.models.length === 0) {
      throw new Error('No data scripts were loaded: keep the data/ directory next to index.html');
    }
    data = loadDataset(bundles.dataset);
    for (const b of bundles.models) models.push(loadModel(b));
    random = seeded(data.seed);
    buildControls();
    modelChanged();
    document.body.dataset.ready = 'true';
  }

  window.LatentwalkExplore = {
    register: register,
    timings: timings,
    // for scripts and tests: a copy of what the controls say now
    state: function () { return JSON.parse(JSON.stringify(state)); }
  };
  document.addEventListener('DOMContentLoaded', start);
})();
