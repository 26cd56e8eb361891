/* One by One: the calculator page.
 *
 * The formulas mirror snippets/costs.py (the source of truth); the
 * browser tests run a grid of hundreds of inputs through both, calling
 * the functions exposed on window.oboCalc. Products use BigInt so large
 * layers stay exact. The forms are written by snippets/calculator.py from
 * one field list; every input lives in the page address as the form's
 * prefix and the field's name: lh, lw, lc, lk, ls, lp, lf, lg, lb for the
 * layer, bh, bw, bc, bk, bf, br for the bottleneck.
 */
(function () {
  "use strict";

  var INT = /^\s*\d+\s*$/;

  function fmt(big) {
    // 120422400n -> "120,422,400", as Python's f"{n:,}"
    var s = big.toString();
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function readInt(value, name, min) {
    var text = String(value).trim();
    if (text === "") return { error: name + " is missing" };
    if (/^\s*-/.test(text)) return { error: name + " cannot be negative" };
    if (!INT.test(text)) return { error: name + " must be a whole number" };
    var n = BigInt(text);
    if (n < BigInt(min)) return { error: name + " must be at least " + min };
    if (n > 1000000000n) return { error: name + " is too large (max 1,000,000,000)" };
    return { value: n };
  }

  function outSize(n, k, s, pad) {
    // mirrors snippets.costs.conv_output_size
    if (pad === "same") return (n + s - 1n) / s;
    if (k > n + 2n * pad) return null;
    return (n + 2n * pad - k) / s + 1n;
  }

  function layer(v) {
    // mirrors snippets.costs.conv_cost
    var oh = outSize(v.h, v.k, v.s, v.p);
    var ow = outSize(v.w, v.k, v.s, v.p);
    var weights = v.k * v.k * (v.c / v.g) * v.f;
    var positions = oh * ow;
    return {
      out_h: oh, out_w: ow, out_c: v.f, weights: weights,
      params: weights + (v.b ? v.f : 0n),
      positions: positions, mult_adds: positions * weights
    };
  }

  function bottleneck(v) {
    // mirrors snippets.costs.Bottleneck: two layers, each through layer()
    var same = { h: v.h, w: v.w, s: 1n, p: "same", g: 1n, b: false };
    function conv(c, f, k) {
      return layer(Object.assign({}, same, { c: c, f: f, k: k }));
    }
    var direct = conv(v.c, v.f, v.k);
    var reduce = conv(v.c, v.r, 1n);
    var step = conv(v.r, v.f, v.k);
    var both = reduce.mult_adds + step.mult_adds;
    return {
      direct: direct.mult_adds, reduce_step: reduce.mult_adds,
      conv_step: step.mult_adds, with_reduction: both,
      ratio: Number(direct.mult_adds) / Number(both),
      direct_params: direct.weights,
      reduced_params: reduce.weights + step.weights
    };
  }

  var LABELS = {
    h: "Height", w: "Width", c: "Channels", k: "Kernel size",
    s: "Stride", f: "Filters", r: "Reduction R", g: "Groups"
  };

  function readInts(raw, names, values, errors) {
    names.forEach(function (name) {
      var got = readInt(raw[name], LABELS[name], 1);
      if (got.error) errors[name] = got.error; else values[name] = got.value;
    });
  }

  // raw: the fields' text by name (b: true or false); returns the values
  // as BigInt and an error message by field name.
  function parseLayer(raw) {
    var values = {}, errors = {};
    readInts(raw, ["h", "w", "c", "k", "s", "f", "g"], values, errors);
    var padText = String(raw.p).trim().toLowerCase();
    if (padText === "valid") values.p = 0n;
    else if (padText === "same") values.p = "same";
    else {
      var pad = readInt(padText, "Padding", 0);
      if (pad.error) errors.p = pad.error === "Padding must be a whole number"
        ? "Padding must be valid, same or a whole number" : pad.error;
      else values.p = pad.value;
    }
    values.b = Boolean(raw.b);
    var fits = ["h", "w", "k", "p"].every(function (n) { return !errors[n]; });
    if (fits && values.p !== "same" &&
        (values.k > values.h + 2n * values.p ||
         values.k > values.w + 2n * values.p)) {
      errors.k = "Kernel size " + values.k +
        " is larger than the padded input (" + (values.h + 2n * values.p) +
        " x " + (values.w + 2n * values.p) + ")";
    }
    if (!errors.g && !errors.c && values.c % values.g !== 0n) {
      errors.g = "Groups must divide the input channels (" + values.c + ")";
    } else if (!errors.g && !errors.f && values.f % values.g !== 0n) {
      errors.g = "Groups must divide the filters (" + values.f + ")";
    }
    return { values: values, errors: errors };
  }

  function parseBottleneck(raw) {
    var values = {}, errors = {};
    readInts(raw, ["h", "w", "c", "k", "f", "r"], values, errors);
    return { values: values, errors: errors };
  }

  var PARSE = { layer: parseLayer, bottleneck: parseBottleneck };

  function readForm(form) {
    var raw = {};
    form.querySelectorAll("input").forEach(function (input) {
      raw[input.name] = input.type === "checkbox" ? input.checked
        : input.value;
    });
    var got = PARSE[form.dataset.calc](raw);
    form.querySelectorAll("input").forEach(function (input) {
      if (input.type === "checkbox") return;
      var message = got.errors[input.name] || "";
      form.querySelector("#" + input.id + "-error").textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
    return Object.keys(got.errors).length ? null : got.values;
  }

  function show(form, values) {
    var out = {};
    var status = form.querySelector('[data-out="status"]');
    if (!values) {
      form.querySelectorAll("dd[data-out]").forEach(function (dd) {
        dd.textContent = "–";
      });
      status.textContent = "Fix the fields marked above to see the results.";
      return;
    }
    status.textContent = "";
    if (form.dataset.calc === "layer") {
      var r = layer(values);
      out.shape = r.out_h + " x " + r.out_w + " x " + r.out_c;
      out.params = fmt(r.params);
      out.mult_adds = fmt(r.mult_adds);
      out.positions = fmt(r.positions);
    } else {
      var b = bottleneck(values);
      out.direct = fmt(b.direct);
      out.reduce_step = fmt(b.reduce_step);
      out.conv_step = fmt(b.conv_step);
      out.with_reduction = fmt(b.with_reduction);
      // below 1 the "reduction" has as many channels as the input or more:
      // the 1x1 then adds work, and the page says so
      out.ratio = b.ratio >= 1
        ? b.ratio.toFixed(2) + " times fewer with the 1x1"
        : (1 / b.ratio).toFixed(2) + " times more with the 1x1 (the reduction is not smaller than the input)";
      out.weights = fmt(b.direct_params) + " / " + fmt(b.reduced_params);
    }
    Object.keys(out).forEach(function (key) {
      form.querySelector('[data-out="' + key + '"]').textContent = out[key];
    });
  }

  function prefix(form) {
    return form.dataset.calc === "layer" ? "l" : "b";
  }

  function writeUrl(forms) {
    var params = new URLSearchParams();
    forms.forEach(function (form) {
      form.querySelectorAll("input").forEach(function (input) {
        var key = prefix(form) + input.name;
        params.set(key, input.type === "checkbox"
          ? (input.checked ? "1" : "0") : input.value.trim());
      });
    });
    var url = location.pathname + "?" + params.toString() + location.hash;
    history.replaceState(null, "", url);
  }

  function readUrl(forms) {
    var params = new URLSearchParams(location.search);
    forms.forEach(function (form) {
      form.querySelectorAll("input").forEach(function (input) {
        var key = prefix(form) + input.name;
        if (!params.has(key)) return;
        // the page writes 1 or 0; a hand-typed false, no or off also clears
        if (input.type === "checkbox") {
          input.checked = !/^\s*(0|false|no|off)\s*$/i.test(params.get(key));
        }
        else input.value = params.get(key);
      });
    });
  }

  function init() {
    var forms = Array.prototype.slice.call(
      document.querySelectorAll("form.obo-calc"));
    if (!forms.length) return;
    readUrl(forms);
    forms.forEach(function (form) {
      var update = function () {
        show(form, readForm(form));
        writeUrl(forms);
      };
      form.addEventListener("input", update);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      show(form, readForm(form));
    });
    var copy = document.getElementById("calc-copy");
    if (copy) {
      copy.addEventListener("click", function () {
        var done = document.getElementById("calc-copied");
        var write = navigator.clipboard && navigator.clipboard.writeText
          ? navigator.clipboard.writeText(location.href)
          : Promise.reject(new Error("no clipboard"));
        write.then(function () { done.textContent = "Link copied."; },
          function () { done.textContent = "Copy this address: " + location.href; });
      });
    }
  }

  // For the tests, which compare these with snippets/costs.py over a grid.
  window.oboCalc = {
    layer: layer, bottleneck: bottleneck, parseLayer: parseLayer,
    parseBottleneck: parseBottleneck, fmt: fmt
  };

  // Material's instant navigation swaps pages without reloading: re-run then.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
