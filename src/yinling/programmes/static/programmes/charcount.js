/* Live character counter for the application form (申报表).
   Same rule as yinling/programmes/textcount.py: whitespace not counted; each Chinese character and
   punctuation mark 1; each run of Latin letters/digits 1 ("STEM", "2024", "3.5", "K-12").
   Hooks: <textarea data-charcount data-limit="300" data-hard="360" aria-describedby="x">
          <span id="x" data-charcount-for="field-id">…</span>
   Autosave: <form data-autosave-url="…"> posts the form there (HTMX) on change and every 30 s.
   Guide item -> domain: <select data-domain-field="id_domain" data-source-field="source"
          data-source-value="guide"> whose <option data-domain="7"> carries its item's domain;
          picking an item selects that domain (and the 项目指南 source) at once. Without
          JavaScript the service fills the domain in on save. */
(function () {
  "use strict";
  var WORD = /[A-Za-z0-9]+(?:[.'\-_][A-Za-z0-9]+)*/g;
  var SPACE = /\s+/g;

  function countChars(text) {
    if (!text) { return 0; }
    var words = (text.match(WORD) || []).length;
    var rest = text.replace(WORD, "").replace(SPACE, "");
    return words + Array.from(rest).length;
  }
  window.yinlingCountChars = countChars;

  function update(field) {
    var out = document.querySelector('[data-charcount-for="' + field.id + '"]');
    if (!out) { return; }
    var n = countChars(field.value);
    var limit = parseInt(field.dataset.limit, 10);
    var hard = parseInt(field.dataset.hard, 10);
    var state = n > hard ? "refused" : (n > limit ? "over" : "ok");
    out.dataset.state = state;
    out.dataset.count = String(n);
    var text = out.dataset.template || "{n} / {limit} 字";
    text = text.replace("{n}", n).replace("{limit}", limit).replace("{hard}", hard);
    if (state === "over") { text += " " + (out.dataset.over || ""); }
    if (state === "refused") { text += " " + (out.dataset.refused || ""); }
    out.textContent = text;
    field.setAttribute("aria-invalid", state === "refused" ? "true" : "false");
  }

  function fillDomain(select) {
    var option = select.options[select.selectedIndex];
    var domainId = option && option.dataset.domain;
    if (!domainId) { return; }
    var domain = document.getElementById(select.dataset.domainField);
    if (domain && domain.querySelector('option[value="' + domainId + '"]')) {
      domain.value = domainId;
    }
    var source = select.form && select.dataset.sourceField && select.form.querySelector(
      'input[type="radio"][name="' + select.dataset.sourceField + '"][value="' + select.dataset.sourceValue + '"]');
    if (source) { source.checked = true; }
  }

  function setUp(root) {
    root.querySelectorAll("select[data-domain-field]").forEach(function (select) {
      if (select.dataset.domainReady) { return; }
      select.dataset.domainReady = "1";
      // Runs before the form's own change listener, so autosave posts the filled-in domain.
      select.addEventListener("change", function () { fillDomain(select); });
    });
    root.querySelectorAll("[data-charcount]").forEach(function (field) {
      if (field.dataset.charcountReady) { return; }
      field.dataset.charcountReady = "1";
      field.addEventListener("input", function () { update(field); });
      update(field);
    });
    root.querySelectorAll("form[data-autosave-url]").forEach(function (form) {
      if (form.dataset.autosaveReady || !window.htmx) { return; }
      form.dataset.autosaveReady = "1";
      var dirty = false;
      var target = form.dataset.autosaveTarget || "#autosave-status";
      function save() {
        if (!dirty) { return; }
        dirty = false;
        window.htmx.ajax("POST", form.dataset.autosaveUrl, { source: form, target: target, swap: "innerHTML" });
      }
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("change", function () { dirty = true; save(); });
      window.setInterval(save, parseInt(form.dataset.autosaveSeconds || "30", 10) * 1000);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
