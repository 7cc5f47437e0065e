// Optin.Forms conditional fields (ShowWhen): shows a field only while the field its condition reads has one of the
// values that show it. The server is the judge (it drops what a hidden field posts and requires a field only when it is
// shown); this only spares the visitor the questions that do not apply. Without JavaScript every field stays shown,
// its condition stated in its label. A hidden field's inputs are disabled, so that the browser neither checks nor posts
// them; a field read by a hidden field counts as empty, so chains of conditions follow.
(function () {
  "use strict";

  // The values the field `name` would post, or null when the form has no such field (an earlier step's field).
  function valuesOf(form, name) {
    var found = false;
    var values = [];
    for (var i = 0; i < form.elements.length; i++) {
      var element = form.elements[i];
      if (element.name !== name) {
        continue;
      }
      found = true;
      if (element.disabled) {
        continue;
      }
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) {
          values.push(element.value);
        }
      } else if (element.tagName === "SELECT") {
        for (var o = 0; o < element.options.length; o++) {
          if (element.options[o].selected) {
            values.push(element.options[o].value);
          }
        }
      } else if (element.type !== "hidden" || element.value) {
        values.push(element.value.trim());
      }
    }
    return found ? values : null;
  }

  function show(wrapper, shown) {
    wrapper.hidden = !shown;
    var inputs = wrapper.querySelectorAll("input, select, textarea");
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].disabled = !shown;
      if (inputs[i].hasAttribute("data-optin-required")) {
        inputs[i].required = shown;
      }
    }
  }

  function update(form, wrappers) {
    // In form order: a condition reads an earlier field, already shown or hidden in this pass.
    for (var i = 0; i < wrappers.length; i++) {
      var wrapper = wrappers[i];
      var posted = valuesOf(form, wrapper.getAttribute("data-optin-show-field"));
      if (posted === null) {
        continue;
      }
      var values = JSON.parse(wrapper.getAttribute("data-optin-show-values"));
      var shown = false;
      for (var v = 0; v < posted.length; v++) {
        if (values.indexOf(posted[v]) >= 0) {
          shown = true;
        }
      }
      show(wrapper, shown);
    }
  }

  function start(form) {
    var wrappers = form.querySelectorAll("[data-optin-show-field]");
    var controlled = {};
    for (var i = 0; i < wrappers.length; i++) {
      var wrapper = wrappers[i];
      if (!wrapper.id) {
        wrapper.id = form.id + "-when-" + i;
      }
      // The field now appears and disappears as the answers change: its condition in words is no longer news.
      var note = wrapper.querySelector(".optin-condition");
      if (note) {
        note.hidden = true;
      }
      var name = wrapper.getAttribute("data-optin-show-field");
      (controlled[name] = controlled[name] || []).push(wrapper.id);
    }
    // The inputs a condition reads name the fields they show and hide (aria-controls).
    for (var e = 0; e < form.elements.length; e++) {
      var ids = controlled[form.elements[e].name];
      if (ids && form.elements[e].type !== "hidden") {
        form.elements[e].setAttribute("aria-controls", ids.join(" "));
      }
    }
    update(form, wrappers);
    form.addEventListener("change", function () { update(form, wrappers); });
    form.addEventListener("input", function () { update(form, wrappers); });
  }

  var forms = document.querySelectorAll("form");
  for (var f = 0; f < forms.length; f++) {
    if (forms[f].querySelector("[data-optin-show-field]") && !forms[f].hasAttribute("data-optin-conditions")) {
      forms[f].setAttribute("data-optin-conditions", "on");
      start(forms[f]);
    }
  }
})();
