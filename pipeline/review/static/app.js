"use strict";
/* convene review: renders meetings, people and their evidence. All data is put in the page as text
   (textContent, createTextNode), never parsed as HTML. */
(function () {
  const config = JSON.parse(document.getElementById("convene-config").textContent);
  const live = config.mode === "live";
  const TYPES = {
    meetings: { type: "meeting", route: "meeting", key: "meetings", label: "meetings" },
    people: { type: "person", route: "person", key: "people", label: "people" },
  };
  const state = {
    bundle: null,
    list: "meetings",
    selected: { meetings: 0, people: 0 },
    filters: {
      meetings: { search: "", kind: "", from: "", to: "", source: "", reviewed: "", conflicts: false },
      people: { search: "", source: "", reviewed: "" },
    },
    record: null,
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "className") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function message(text, isError) {
    const box = document.getElementById("message");
    box.textContent = text || "";
    box.className = isError ? "error" : "";
  }

  /* ---------- data and review state ---------- */

  function records(listName) {
    return state.bundle[TYPES[listName].key];
  }

  function findRecord(type, id) {
    const list = type === "meeting" ? state.bundle.meetings : state.bundle.people;
    return list.find((record) => record.id === id) || null;
  }

  function decisionsFor(type, id) {
    return state.bundle.reviews.filter((d) => d.record_type === type && d.record_id === id);
  }

  function verdict(type, id) {
    let last = null;
    for (const d of decisionsFor(type, id)) {
      if (!d.field && (d.action === "accept" || d.action === "reject")) last = d;
    }
    return last;
  }

  function isReviewed(type, record) {
    return Boolean(record.reviewed || verdict(type, record.id));
  }

  function pendingValue(type, id, field) {
    let last = null;
    for (const d of decisionsFor(type, id)) {
      if (d.field === field && (d.action === "correct" || d.action === "reject")) last = d;
    }
    return last;
  }

  function meetingTitle(meeting) {
    if (meeting.name) return meeting.name;
    if (meeting.series) return (meeting.ordinal ? "#" + meeting.ordinal + " " : "") + meeting.series;
    return "(unnamed " + meeting.kind + ")";
  }

  function recordTitle(type, record) {
    return type === "meeting" ? meetingTitle(record) : record.name;
  }

  function sourcePaths(record) {
    return record.sources.map((s) => (state.bundle.articles[s.article_id] || {}).source).filter(Boolean);
  }

  function searchText(type, record) {
    const parts = [record.id, recordTitle(type, record)];
    if (type === "meeting") {
      parts.push(record.series, record.date_text, ...Object.values(record.location || {}), ...record.hosts);
      parts.push(...record.participants.map((p) => p.name));
    } else {
      parts.push(...record.aliases, ...record.roles.map((r) => [r.title, r.organization, r.country].join(" ")));
    }
    return parts.filter(Boolean).join(" ").toLowerCase();
  }

  function filtered(listName) {
    const f = state.filters[listName];
    const type = TYPES[listName].type;
    const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
    return records(listName).filter((record) => {
      const text = searchText(type, record);
      if (!words.every((w) => text.includes(w))) return false;
      if (f.source && !sourcePaths(record).includes(f.source)) return false;
      if (f.reviewed === "yes" && !isReviewed(type, record)) return false;
      if (f.reviewed === "no" && isReviewed(type, record)) return false;
      if (type === "meeting") {
        if (f.kind && record.kind !== f.kind) return false;
        const last = record.end_date || record.start_date;
        if (f.from && !(last && last >= f.from)) return false;
        if (f.to && !(record.start_date && record.start_date <= f.to)) return false;
        if (f.conflicts && !record.conflicts.length) return false;
      }
      return true;
    });
  }

  /* ---------- list pages ---------- */

  function filterControl(listName, name, label, control) {
    const f = state.filters[listName];
    control.id = "filter-" + name;
    if (control.type === "checkbox") control.checked = f[name];
    else control.value = f[name];
    control.addEventListener("input", () => {
      f[name] = control.type === "checkbox" ? control.checked : control.value;
      state.selected[listName] = 0;
      renderRows(listName);
    });
    return el("label", { className: control.type === "checkbox" ? "inline" : "", for: control.id }, label, control);
  }

  function select(options) {
    const node = el("select");
    for (const [value, text] of options) node.appendChild(el("option", { value: value }, text));
    return node;
  }

  function renderList(listName) {
    state.list = listName;
    state.record = null;
    const app = document.getElementById("app");
    const sources = [...new Set(records(listName).flatMap(sourcePaths))].sort();
    const controls = [
      filterControl(listName, "search", "Search", el("input", { type: "search", placeholder: "name, place, role…" })),
    ];
    if (listName === "meetings") {
      const kinds = [...new Set(records(listName).map((m) => m.kind))].sort();
      controls.push(filterControl(listName, "kind", "Kind", select([["", "any"], ...kinds.map((k) => [k, k])])));
      controls.push(filterControl(listName, "from", "From", el("input", { type: "date" })));
      controls.push(filterControl(listName, "to", "To", el("input", { type: "date" })));
    }
    controls.push(filterControl(listName, "source", "Source", select([["", "any"], ...sources.map((s) => [s, s])])));
    controls.push(filterControl(listName, "reviewed", "Reviewed",
      select([["", "any"], ["yes", "reviewed"], ["no", "not reviewed"]])));
    if (listName === "meetings") {
      controls.push(filterControl(listName, "conflicts", "has conflicts", el("input", { type: "checkbox" })));
    }
    const head = listName === "meetings"
      ? ["Meeting", "Kind", "Dates", "Location", "Participants", "Sources", "Status"]
      : ["Person", "Roles", "Meetings", "Sources", "Status"];
    app.replaceChildren(
      el("div", { className: "filters" }, controls),
      el("p", { id: "list-count" }),
      el("table", { id: "records" }, el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody"))
    );
    renderRows(listName);
  }

  function statusBadges(type, record) {
    const badges = [];
    const v = verdict(type, record.id);
    if (v) badges.push(el("span", { className: "badge " + v.action }, v.action === "accept" ? "accepted" : "rejected"));
    else if (record.reviewed) badges.push(el("span", { className: "badge accept" }, "reviewed"));
    if (record.conflicts && record.conflicts.length) {
      badges.push(el("span", { className: "badge conflict" }, record.conflicts.length + " conflict(s)"));
    }
    return badges;
  }

  function renderRows(listName) {
    const type = TYPES[listName].type;
    const shown = filtered(listName);
    const total = records(listName).length;
    document.getElementById("list-count").textContent =
      "Showing " + shown.length + " of " + total + " " + TYPES[listName].label;
    const selected = Math.min(state.selected[listName], Math.max(shown.length - 1, 0));
    state.selected[listName] = selected;
    const rows = shown.map((record, index) => {
      const open = () => { location.hash = "#/" + type + "/" + encodeURIComponent(record.id); };
      const cells = type === "meeting"
        ? [meetingTitle(record), record.kind, dateRange(record),
          [record.location.venue, record.location.city, record.location.country].filter(Boolean).join(", "),
          String(record.participants.length), String(record.sources.length)]
        : [record.name, record.roles.map(roleText).join("; "),
          String(record.meeting_ids.length), String(record.sources.length)];
      return el("tr", { className: "row" + (index === selected ? " selected" : ""), "data-id": record.id, onclick: open },
        cells.map((c) => el("td", {}, c || "—")), el("td", {}, statusBadges(type, record)));
    });
    document.querySelector("#records tbody").replaceChildren(...rows);
  }

  function dateRange(meeting) {
    if (!meeting.start_date) return "";
    return meeting.end_date && meeting.end_date !== meeting.start_date
      ? meeting.start_date + " – " + meeting.end_date : meeting.start_date;
  }

  function roleText(role) {
    return [role.title, role.organization, role.country].filter(Boolean).join(", ");
  }

  /* ---------- record page ---------- */

  function recordLink(type, id) {
    const record = findRecord(type, id);
    const text = record ? recordTitle(type, record) : id;
    return el("a", { href: "#/" + type + "/" + encodeURIComponent(id), className: "record-link" }, text);
  }

  function displayValue(type, field, value) {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) {
      return el("span", { className: "empty" }, "—");
    }
    if (field === "participants") {
      return el("ul", {}, value.map((p) => el("li", {},
        p.person_id ? recordLink("person", p.person_id) : p.name, " (" + p.role + ")")));
    }
    if (field === "meeting_ids") return el("ul", {}, value.map((id) => el("li", {}, recordLink("meeting", id))));
    if (field === "roles") return el("ul", {}, value.map((r) => el("li", {}, roleText(r) || "—")));
    if (field === "conflicts") {
      return el("ul", {}, value.map((c) => el("li", {}, c.field + ": " +
        c.values.map((v) => JSON.stringify(v.value) + " (" + v.article_ids.length + " article(s))").join(" vs "))));
    }
    if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? value.join("; ") : JSON.stringify(value);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function fieldRows(record) {
    const rows = [];
    for (const [name, value] of Object.entries(record)) {
      if (name === "id" || name === "sources") continue;
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [inner, innerValue] of Object.entries(value)) rows.push([name + "." + inner, innerValue]);
      } else {
        rows.push([name, value]);
      }
    }
    return rows;
  }

  function parseCorrection(original, text) {
    if (Array.isArray(original) || (original && typeof original === "object")) return JSON.parse(text);
    if (typeof original === "number" || text.trim() === "") return text.trim() === "" ? null : Number(text);
    return text;
  }

  function correctionForm(type, record, field, value) {
    const complex = value !== null && typeof value === "object";
    const input = complex
      ? el("textarea", { className: "correct-input" })
      : el("input", { className: "correct-input", type: "text" });
    input.value = complex ? JSON.stringify(value, null, 1) : value === null ? "" : String(value);
    const form = el("form", { className: "inline-form" }, input,
      el("button", { type: "submit", className: "save" }, "Save"),
      el("button", { type: "button", onclick: () => form.remove() }, "Cancel"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      let parsed;
      try {
        parsed = parseCorrection(value, input.value);
      } catch (error) {
        message("Not valid JSON: " + error.message, true);
        return;
      }
      decide({ record_type: type, record_id: record.id, field: field, action: "correct", value: parsed });
    });
    return form;
  }

  function renderRecord(type, id) {
    const record = findRecord(type, id);
    const app = document.getElementById("app");
    const listName = type === "meeting" ? "meetings" : "people";
    state.list = listName;
    if (!record) {
      state.record = null;
      app.replaceChildren(el("p", {}, "No " + type + " with id " + id + ". "), el("a", { href: "#/" + listName }, "Back to the list"));
      return;
    }
    state.record = { type: type, id: id };
    const conflicted = new Set((record.conflicts || []).map((c) => c.field));
    const actions = live ? [
      el("button", { id: "accept", onclick: () => decide({ record_type: type, record_id: id, action: "accept" }) }, "Accept (a)"),
      el("button", { id: "reject", onclick: () => decide({ record_type: type, record_id: id, action: "reject" }) }, "Reject (r)"),
    ] : [];
    const neighbours = neighbourLinks(listName, id);
    const rows = fieldRows(record).map(([field, value]) => {
      const pending = pendingValue(type, id, field);
      const cell = el("td", { className: "value" }, displayValue(type, field.split(".").pop(), value));
      if (pending) {
        cell.appendChild(el("div", { className: "pending" }, pending.action === "correct"
          ? "corrected to " + JSON.stringify(pending.value) + " by " + pending.reviewer
          : "value rejected by " + pending.reviewer));
      }
      const buttons = live && field !== "reviewed" ? [
        el("button", { className: "correct", onclick: () => {
          if (!cell.querySelector("form")) cell.appendChild(correctionForm(type, record, field, value));
        } }, "Correct"),
        el("button", { className: "reject-field",
          onclick: () => decide({ record_type: type, record_id: id, field: field, action: "reject" }) }, "Reject value"),
      ] : [];
      return el("tr", { "data-field": field, className: conflicted.has(field) ? "conflict" : "" },
        el("th", {}, field), cell, el("td", {}, buttons));
    });
    const sections = [
      el("div", { className: "record-head" },
        el("h2", { id: "record-title" }, recordTitle(type, record)),
        el("span", { className: "record-id" }, type + " " + id),
        el("span", { id: "status" }, statusBadges(type, record)),
        actions, neighbours),
      el("table", { id: "fields" }, el("tbody", {}, rows)),
    ];
    if (live) sections.push(mergeForm(type, record));
    sections.push(el("h3", {}, "Sources (" + record.sources.length + ")"));
    for (const source of record.sources) sections.push(sourceBlock(type, record, source));
    const history = decisionsFor(type, id);
    if (history.length) {
      sections.push(el("h3", {}, "Decisions"), el("ul", { className: "history" }, history.map((d) =>
        el("li", {}, d.at + " " + d.reviewer + ": " + d.action + (d.field ? " " + d.field : "") +
          (d.value !== null && d.value !== undefined ? " → " + JSON.stringify(d.value) : "")))));
    }
    app.replaceChildren(...sections);
  }

  function neighbourLinks(listName, id) {
    const shown = filtered(listName);
    const index = shown.findIndex((r) => r.id === id);
    const type = TYPES[listName].type;
    const links = [el("a", { href: "#/" + listName }, "list")];
    if (index > 0) links.unshift(recordLinkText(type, shown[index - 1].id, "← previous (k)"));
    if (index >= 0 && index < shown.length - 1) links.push(recordLinkText(type, shown[index + 1].id, "next (j) →"));
    return el("span", { className: "neighbours" }, links.flatMap((l) => [l, " "]));
  }

  function recordLinkText(type, id, text) {
    return el("a", { href: "#/" + type + "/" + encodeURIComponent(id) }, text);
  }

  function mergeForm(type, record) {
    const others = (type === "meeting" ? state.bundle.meetings : state.bundle.people).filter((r) => r.id !== record.id);
    const listId = "merge-candidates";
    const input = el("input", { id: "merge-input", list: listId, placeholder: "id of the record to merge into this one" });
    const form = el("form", { className: "inline-form", id: "merge-form" },
      el("label", { for: "merge-input" }, "Merge another " + type + " into this one:"), input,
      el("datalist", { id: listId }, others.map((r) => el("option", { value: r.id }, recordTitle(type, r)))),
      el("button", { type: "submit" }, "Merge"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value.trim()) decide({ record_type: type, record_id: record.id, action: "merge", value: input.value.trim() });
    });
    return form;
  }

  function sourceBlock(type, record, source) {
    const article = state.bundle.articles[source.article_id];
    const splittable = live && new Set(record.sources.map((s) => s.article_id)).size > 1;
    const head = el("h4", {}, article ? (article.title || article.source) : "article " + source.article_id);
    const meta = el("div", { className: "article-meta" },
      article ? [article.source, article.published ? " · " + article.published : "", " · id " + article.id] : "");
    if (article && article.url && /^https?:\/\//i.test(article.url)) {
      meta.append(" · ", el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, article.url));
    }
    const block = el("section", { className: "source", "data-article": source.article_id }, head, meta);
    if (splittable) {
      block.appendChild(el("button", { className: "split", onclick: () => decide({
        record_type: type, record_id: record.id, action: "split", value: source.article_id }) },
        "Split this article off into its own " + type));
    }
    block.appendChild(article
      ? el("div", { className: "article-text" }, highlighted(article.text, spansFor(type, record, source.article_id)))
      : el("p", { className: "empty" }, "article not in articles.jsonl"));
    return block;
  }

  function spansFor(type, record, articleId) {
    const spans = [];
    const add = (owner, label, kind) => {
      for (const s of owner.sources.filter((s) => s.article_id === articleId)) {
        for (const e of s.evidence) spans.push({ start: e.start, end: e.end, text: e.text, label: label, kind: kind });
      }
    };
    if (type === "meeting") {
      add(record, record.kind, "own");
      for (const p of record.participants) {
        const person = p.person_id && findRecord("person", p.person_id);
        if (person) add(person, p.role, "linked-person");
      }
    } else {
      add(record, "person", "own");
      for (const meetingId of record.meeting_ids) {
        const meeting = findRecord("meeting", meetingId);
        if (meeting) add(meeting, meeting.kind, "linked-meeting");
      }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === "own" ? -1 : 1));
    return spans;
  }

  function highlighted(text, spans) {
    // Offsets count Unicode code points (as Python does), so slice an array of code points.
    const chars = Array.from(text);
    const nodes = [];
    let at = 0;
    for (const span of spans) {
      if (span.start < at || span.end > chars.length || span.end <= span.start) continue;
      nodes.push(document.createTextNode(chars.slice(at, span.start).join("")));
      const covered = chars.slice(span.start, span.end).join("");
      const mismatch = covered !== span.text;
      const mark = el("mark", { className: "ent " + span.kind + (mismatch ? " mismatch" : ""), "data-label": span.label,
        title: mismatch ? "evidence text differs: " + span.text : span.label }, covered);
      mark.appendChild(el("span", { className: "label" }, span.label));
      nodes.push(mark);
      at = span.end;
    }
    nodes.push(document.createTextNode(chars.slice(at).join("")));
    return nodes;
  }

  /* ---------- decisions ---------- */

  async function decide(decision) {
    if (!live) return;
    const body = Object.assign({ field: null, value: null }, decision);
    let answer;
    try {
      const response = await fetch("/api/decisions", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Convene-Token": config.token },
        body: JSON.stringify(body),
      });
      answer = await response.json();
      if (!response.ok) {
        message("Not recorded: " + (answer.error || response.status), true);
        return;
      }
    } catch (error) {
      message("Not recorded: " + error.message, true);
      return;
    }
    state.bundle.reviews.push(answer.decision);
    const d = answer.decision;
    message("Recorded: " + d.action + " " + d.record_type + " " + d.record_id + (d.field ? " " + d.field : ""));
    render();
  }

  /* ---------- navigation ---------- */

  function render() {
    const hash = decodeURIComponent(location.hash || "#/meetings");
    const match = /^#\/(meeting|person)\/(.+)$/.exec(hash);
    const listName = match ? (match[1] === "meeting" ? "meetings" : "people") : hash === "#/people" ? "people" : "meetings";
    document.getElementById("nav-meetings").className = listName === "meetings" ? "active" : "";
    document.getElementById("nav-people").className = listName === "people" ? "active" : "";
    if (match) renderRecord(match[1], match[2]);
    else renderList(listName);
  }

  function moveSelection(step) {
    const listName = state.list;
    const shown = filtered(listName);
    if (!shown.length) return;
    if (state.record) {
      const index = shown.findIndex((r) => r.id === state.record.id);
      const next = shown[Math.min(Math.max(index + step, 0), shown.length - 1)];
      state.selected[listName] = shown.indexOf(next);
      location.hash = "#/" + TYPES[listName].type + "/" + encodeURIComponent(next.id);
      return;
    }
    state.selected[listName] = Math.min(Math.max(state.selected[listName] + step, 0), shown.length - 1);
    renderRows(listName);
    const row = document.querySelector("#records tr.selected");
    if (row) row.scrollIntoView({ block: "nearest" });
  }

  function currentTarget() {
    if (state.record) return state.record;
    const shown = filtered(state.list);
    const record = shown[state.selected[state.list]];
    return record ? { type: TYPES[state.list].type, id: record.id } : null;
  }

  function onKey(event) {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "Escape") {
      if (typing) event.target.blur();
      else if (state.record) location.hash = "#/" + state.list;
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = currentTarget();
    if (event.key === "j") moveSelection(1);
    else if (event.key === "k") moveSelection(-1);
    else if (event.key === "Enter" && !state.record && target) location.hash = "#/" + target.type + "/" + encodeURIComponent(target.id);
    else if (event.key === "/" && !state.record) {
      event.preventDefault();
      document.getElementById("filter-search").focus();
    } else if ((event.key === "a" || event.key === "r") && target && live) {
      decide({ record_type: target.type, record_id: target.id, action: event.key === "a" ? "accept" : "reject" });
    }
  }

  async function start() {
    const embedded = JSON.parse(document.getElementById("convene-data").textContent);
    if (embedded) {
      state.bundle = embedded;
    } else {
      const response = await fetch("/api/bundle");
      state.bundle = await response.json();
    }
    document.getElementById("folder").textContent = state.bundle.folder;
    document.getElementById("count-meetings").textContent = "(" + state.bundle.meetings.length + ")";
    document.getElementById("count-people").textContent = "(" + state.bundle.people.length + ")";
    document.getElementById("mode-note").textContent = live
      ? "reviewing as " + config.reviewer : "read-only export";
    window.addEventListener("hashchange", render);
    document.addEventListener("keydown", onKey);
    render();
  }

  start().catch((error) => message("Could not load the records: " + error.message, true));
})();
