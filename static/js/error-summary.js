/* The error summary (templates/includes/error_summary.html): after a form comes back with
   errors, focus goes to the summary, so a screen reader reads it and a phone shows it; its links
   move focus to the field and show the field's label above it. Without this file the summary is
   still the first thing on the page and its links still lead to the fields. */
(function () {
  "use strict";
  function labelFor(field) {
    var fieldset = field.closest("fieldset");
    if ((field.type === "radio" || field.type === "checkbox") && fieldset) {
      var legend = fieldset.querySelector("legend");
      if (legend) { return legend; }
    }
    return document.querySelector('label[for="' + field.id + '"]') || field;
  }
  function start() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-field]");
      if (!link) { return; }
      var field = document.getElementById(link.getAttribute("data-field"));
      if (!field) { return; }
      event.preventDefault();
      labelFor(field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
