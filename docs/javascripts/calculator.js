/* One by One: the calculator page.
 *
 * The formulas mirror snippets/calculator.py (the source of truth); the
 * browser tests run the same table of cases through both. Products use
 * BigInt so large layers stay exact. Inputs live in the page address:
 * layer fields as lh, lw, lc, lk, ls, lp, lf, lb; bottleneck fields as
 * bh, bw, bc, bk, bf, br.
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
    // mirrors snippets.conv.conv_output_size
    if (pad === "same") return (n + s - 1n) / s;
    if (k > n + 2n * pad) return null;
    return (n + 2n * pad - k) / s + 1n;
  }

  function layer(v) {
    var oh = outSize(v.h, v.k, v.s, v.p);
    var ow = outSize(v.w, v.k, v.s, v.p);
    var weights = v.k * v.k * v.c * v.f;
    var positions = oh * ow;
    return {
      out_h: oh, out_w: ow, out_c: v.f, weights: weights,
      params: weights + (v.b ? v.f : 0n),
      positions: positions, mult_adds: positions * weights
    };
  }

  function bottleneck(v) {
    var direct = v.h * v.w * v.f * v.k * v.k * v.c;
    var reduce = v.h * v.w * v.r * v.c;
    var conv = v.h * v.w * v.f * v.k * v.k * v.r;
    return {
      direct: direct, reduce_step: reduce, conv_step: conv,
      with_reduction: reduce + conv,
      ratio: Number(direct) / Number(reduce + conv),
      direct_params: v.k * v.k * v.c * v.f,
      reduced_params: v.c * v.r + v.k * v.k * v.r * v.f
    };
  }

  var LABELS = {
    h: "Height", w: "Width", c: "Channels", k: "Kernel size",
    s: "Stride", f: "Filters", r: "Reduction R"
  };

  function field(form, name) {
    return form.querySelector('[name="' + name + '"]');
  }

  function setError(form, name, message) {
    var input = field(form, name);
    var box = form.querySelector("#" + input.id + "-error");
    box.textContent = message || "";
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function readForm(form) {
    var names = form.dataset.calc === "layer"
      ? ["h", "w", "c", "k", "s", "f"] : ["h", "w", "c", "k", "f", "r"];
    var values = {}, ok = true;
    names.forEach(function (name) {
      var got = readInt(field(form, name).value, LABELS[name], 1);
      setError(form, name, got.error);
      if (got.error) ok = false; else values[name] = got.value;
    });
    if (form.dataset.calc === "layer") {
      var padText = field(form, "p").value.trim().toLowerCase();
      var padError = "";
      if (padText === "valid") values.p = 0n;
      else if (padText === "same") values.p = "same";
      else {
        var pad = readInt(padText, "Padding", 0);
        if (pad.error) padError = pad.error === "Padding must be a whole number"
          ? "Padding must be valid, same or a whole number" : pad.error;
        else values.p = pad.value;
      }
      values.b = field(form, "b").checked;
      if (!padError && ok && values.p !== "same") {
        if (values.k > values.h + 2n * values.p || values.k > values.w + 2n * values.p) {
          setError(form, "k", "Kernel size " + values.k +
            " is larger than the padded input (" +
            (values.h + 2n * values.p) + " x " + (values.w + 2n * values.p) + ")");
          ok = false;
        }
      }
      setError(form, "p", padError);
      if (padError) ok = false;
    }
    return ok ? values : null;
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
      out.ratio = b.ratio.toFixed(2) + " times fewer with the 1x1";
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
        if (input.type === "checkbox") input.checked = params.get(key) !== "0";
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

  // Material's instant navigation swaps pages without reloading: re-run then.
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
