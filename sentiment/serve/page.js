"use strict";
// The page of `sentiment serve`: a text scored and explained as it is typed, a file scored and streamed back.
// Everything a user typed or uploaded reaches the page as text (textContent, <bdi>); the explanation's HTML
// comes from the server, escaped and isolated there (sentiment/reports/markup.py).
(function () {
  const $ = (id) => document.getElementById(id);
  const DEBOUNCE_MS = 200;
  const PREVIEW_ROWS = 10;
  let timer = null;
  let latest = 0;

  async function post(path, body) {
    const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
                                        body: JSON.stringify(body)});
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
    return data;
  }

  function problem(element, message) {
    element.textContent = message;
    element.hidden = !message;
  }

  async function update() {
    const mine = ++latest;  // answers to an older text, arriving late, are dropped
    const text = $("text").value;
    if (!text.trim()) {
      $("answer").hidden = true;
      problem($("text-problem"), "");
      return;
    }
    try {
      const [scored, explained] = await Promise.all([
        post("v1/classify", {texts: [text]}), post("v1/explain", {texts: [text], html: true})]);
      if (mine !== latest) return;
      show(scored.rows[0], explained.explanations[0]);
      problem($("text-problem"), "");
    } catch (err) {
      if (mine === latest) problem($("text-problem"), err.message);
    }
  }

  function show(row, explanation) {
    const label = $("label");
    label.textContent = row.label;
    label.dataset.label = row.label;
    $("probability").textContent = `P = ${row.probability.toFixed(3)}`;
    $("score").textContent = row.score === undefined ? "–" : (row.score >= 0 ? "+" : "−") + Math.abs(row.score).toFixed(3);
    const table = $("probabilities");
    table.replaceChildren();
    for (const [name, p] of Object.entries(row)) {
      if (!name.startsWith("p_")) continue;
      const tr = table.insertRow();
      const cells = [tr.insertCell(), tr.insertCell(), tr.insertCell()];
      cells[0].className = "name";
      cells[0].textContent = name;
      cells[1].className = "bar-cell";
      const bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = `${(100 * p).toFixed(1)}%`;
      cells[1].append(bar);
      cells[2].textContent = p.toFixed(3);
    }
    $("explanation").innerHTML = explanation.html;
    $("answer").hidden = false;
  }

  function formatOf(name) {
    const lower = name.toLowerCase();
    if (lower.endsWith(".tsv")) return "tsv";
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
    return "csv";
  }

  // The first rows of a CSV or TSV text (quoted cells, doubled quotes, line breaks inside quotes).
  function delimitedRows(text, delimiter, most) {
    const rows = [];
    let row = [], cell = "", quoted = false;
    for (let i = 0; i < text.length && rows.length < most; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === delimiter) { row.push(cell); cell = ""; }
      else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
      else if (c !== "\r") cell += c;
    }
    return rows;
  }

  function previewRows(text, format) {
    if (format !== "jsonl") return delimitedRows(text, format === "tsv" ? "\t" : ",", PREVIEW_ROWS + 1);
    const records = text.split("\n").slice(0, PREVIEW_ROWS).filter((l) => l.trim()).map((l) => JSON.parse(l));
    const names = records.length ? Object.keys(records[0]) : [];
    return [names, ...records.map((r) => names.map((n) => (r[n] === null ? "" : String(r[n]))))];
  }

  function preview(text, format) {
    const rows = previewRows(text, format);
    const table = document.createElement("table");
    table.className = "preview";
    table.createCaption().textContent = `the first ${Math.max(rows.length - 1, 0)} rows`;
    rows.forEach((cells, i) => {
      const tr = table.insertRow();
      for (const value of cells) {
        const cell = document.createElement(i === 0 ? "th" : "td");
        const isolated = document.createElement("bdi");
        isolated.textContent = value;
        cell.append(isolated);
        tr.append(cell);
      }
    });
    $("preview").replaceChildren(table);
  }

  async function scoreFile() {
    const file = $("file").files[0];
    const status = $("file-status");
    const link = $("download");
    if (!file) { status.textContent = "Choose a file first."; return; }
    const format = formatOf(file.name);
    const query = new URLSearchParams({format, text_column: $("column").value || "text"});
    link.hidden = true;
    $("preview").replaceChildren();
    status.textContent = "Sending the file…";
    try {
      const response = await fetch(`v1/classify/file?${query}`, {method: "POST", body: file});
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        throw new Error(data.error || `the server answered ${response.status}`);
      }
      const rows = response.headers.get("X-Rows");
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parts = [];
      let received = 0, head = "", shown = false;
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        if (!shown) {
          head += decoder.decode(value, {stream: true});
          if (head.split("\n").length > PREVIEW_ROWS + 1) { preview(head, format); shown = true; }
        }
        status.textContent = `Scoring ${rows} rows… ${received.toLocaleString()} bytes back`;
      }
      if (!shown) preview(head, format);
      const blob = new Blob(parts, {type: response.headers.get("Content-Type") || "text/plain"});
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(blob);
      link.download = file.name.replace(/\.[^.]*$/, "") + "-scored." + format;
      link.hidden = false;
      status.textContent = `Done: ${rows} rows scored (${received.toLocaleString()} bytes).`;
    } catch (err) {
      status.textContent = `Not scored: ${err.message}`;
    }
  }

  $("text").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  });
  $("score-file").addEventListener("click", scoreFile);
  if ($("text").value.trim()) update();
})();
