"use strict";
/* convene review: keys, evidence highlighting and keeping the list in view. Pages are built on the server. */
(function () {
  let recordScroll = null;

  function click(selector) {
    const element = document.querySelector(selector);
    if (element) element.click();
    return Boolean(element);
  }

  function toggleKeys() {
    const dialog = document.getElementById("keys");
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  function highlight(fields) {
    const wanted = fields.split(" ");
    document.querySelectorAll("mark.ev.hl").forEach((mark) => mark.classList.remove("hl"));
    document.querySelectorAll(".evidence-chip.on").forEach((chip) => chip.classList.remove("on"));
    const marks = Array.from(document.querySelectorAll("mark.ev")).filter((m) => wanted.includes(m.dataset.field));
    marks.forEach((mark) => mark.classList.add("hl"));
    document.querySelectorAll(".evidence-chip").forEach((chip) => {
      if (chip.dataset.evidence === fields) chip.classList.add("on");
    });
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  function showCurrentRow() {
    const row = document.querySelector("#records tr.current");
    if (row) row.scrollIntoView({ block: "nearest" });
  }

  function followInPlace(event) {
    const link = event.target.closest("#app a[href^='/']");
    if (!link || link.target || event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    htmx.ajax("GET", link.getAttribute("href"), { target: "#app", swap: "outerHTML" });
  }

  document.addEventListener("click", (event) => {
    followInPlace(event);
    const chip = event.target.closest(".evidence-chip");
    if (chip) highlight(chip.dataset.evidence);
    if (event.target.closest("#keys-button")) toggleKeys();
  });

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (event.key === "Escape") {
      if (typing) event.target.blur();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const keys = {
      j: () => click("#next-link") || (!document.querySelector("article.record") && click("#records tbody tr a")),
      k: () => click("#prev-link"),
      a: () => click("#accept"),
      r: () => click("#reject"),
      u: () => click("#undo"),
      "?": toggleKeys,
      "/": () => document.getElementById("filter-q").focus(),
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  document.addEventListener("htmx:beforeSwap", (event) => {
    const pane = document.getElementById("record-pane");
    const app = document.getElementById("app");
    recordScroll = pane && app ? { id: app.dataset.record, top: pane.scrollTop } : null;
    if (event.detail.target && event.detail.target.id === "flash") recordScroll = null;
  });

  document.addEventListener("htmx:afterSettle", () => {
    const pane = document.getElementById("record-pane");
    const app = document.getElementById("app");
    if (pane && app && recordScroll && recordScroll.id && recordScroll.id === app.dataset.record) {
      pane.scrollTop = recordScroll.top;
    }
    showCurrentRow();
  });

  document.addEventListener("DOMContentLoaded", showCurrentRow);
})();
