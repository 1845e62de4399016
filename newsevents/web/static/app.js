// The newsevents dashboard: hash routes over the read-only API. Text from the store is always
// inserted with textContent (never innerHTML), so article text cannot inject markup.
"use strict";

const $ = (sel) => document.querySelector(sel);
const PAGE = 25;
let eventQuery = null; // the current event search, as URLSearchParams
let eventOffset = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) {
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => `${d.loc.slice(-1)[0]}: ${d.msg}`).join("; ") : body.detail;
    throw new Error(detail || response.statusText);
  }
  return body;
}

function showError(error) {
  const box = $("#error");
  box.textContent = error ? String(error.message || error) : "";
  box.hidden = !error;
}

function show(view) {
  for (const id of ["dyad-view", "article-view", "actor-view"]) $("#" + id).hidden = id !== view;
}

// ---- routes --------------------------------------------------------------------------------

async function route() {
  showError(null);
  // vega-embed's tooltip lives on <body>; hide it when the view changes.
  for (const tip of document.querySelectorAll("#vg-tooltip-element")) tip.classList.remove("visible");
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  try {
    if (path.startsWith("/article/")) return await showArticle(decodeURIComponent(path.slice(9)));
    if (path.startsWith("/actor/")) return await showActor(decodeURIComponent(path.slice(7)));
    show("dyad-view");
    if (path === "/dyad" && params.get("a") && params.get("b")) return await showDyad(params);
  } catch (error) {
    showError(error);
  }
}

// ---- dyad chart ----------------------------------------------------------------------------

async function showDyad(params) {
  const by = params.get("by") || "month";
  $("#dyad-a").value = params.get("a");
  $("#dyad-b").value = params.get("b");
  $("#dyad-by").value = by;
  $("#dyad-weighted").checked = params.get("weighted") === "1";
  const q = new URLSearchParams({ a: params.get("a"), b: params.get("b"), by });
  if (params.get("weighted") === "1") q.set("weighted", "true");
  const series = await api("/api/dyad?" + q);
  $("#chart").dataset.state = "loading";
  if (!series.points.length) {
    $("#chart").replaceChildren(el("p", { class: "note" }, `No events between ${series.a} and ${series.b}.`));
    $("#chart").dataset.state = "empty";
    return;
  }
  const result = await vegaEmbed("#chart", series.spec, { renderer: "svg", actions: false });
  result.view.addEventListener("click", (event, item) => {
    if (item && item.datum && item.datum.key) listPeriod(series, item.datum.key);
  });
  $("#chart").dataset.state = "ready";
  $("#chart-note").textContent = `${series.points.reduce((n, p) => n + p.events, 0)} events; ` +
    "click a bar to list that period's events.";
  await searchEvents(new URLSearchParams({ a: series.a, b: series.b }), `All ${series.a}–${series.b} events`);
}

function periodRange(period, by) {
  const start = new Date(period + "T00:00:00Z");
  const end = new Date(start);
  if (by === "week") end.setUTCDate(end.getUTCDate() + 6);
  if (by === "month") { end.setUTCMonth(end.getUTCMonth() + 1); end.setUTCDate(0); }
  if (by === "year") { end.setUTCFullYear(end.getUTCFullYear() + 1); end.setUTCDate(0); }
  const iso = (d) => d.toISOString().slice(0, 10);
  return [iso(start), iso(end)];
}

async function listPeriod(series, period) {
  const [since, until] = periodRange(period, series.by);
  const q = new URLSearchParams({ a: series.a, b: series.b, since, until });
  try {
    await searchEvents(q, `${series.a}–${series.b} events, ${since} to ${until}`);
    $("#events").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showError(error);
  }
}

// ---- event table ---------------------------------------------------------------------------

async function searchEvents(query, title, offset = 0) {
  eventQuery = query;
  eventOffset = offset;
  const q = new URLSearchParams(query);
  q.set("limit", PAGE);
  q.set("offset", offset);
  const page = await api("/api/events?" + q);
  $("#events-title").textContent = `${title} (${page.total})`;
  $("#events tbody").replaceChildren(...page.hits.map(eventRow));
  $("#page-info").textContent = page.total
    ? `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}` : "no events";
  $("#prev").disabled = offset === 0;
  $("#next").disabled = offset + PAGE >= page.total;
}

function actorLabel(mention) {
  if (!mention) return "";
  const code = mention.actor ? mention.actor.code : "";
  return el("span", { title: mention.text }, code || mention.text);
}

function eventRow(hit) {
  const e = hit.event;
  const sentence = el("td", { class: "sentence" }, hit.before,
    el("mark", { class: "evidence" }, e.evidence.text), hit.after);
  const link = el("a", { href: "#/article/" + encodeURIComponent(hit.article_id) }, hit.title || hit.article_id);
  const cameo = el("span", { title: (e.plover ? e.plover.event : "") + ` Goldstein ${e.goldstein}` }, e.cameo);
  return el("tr", { class: `quad${e.quad_class}` }, el("td", {}, e.date), el("td", {}, actorLabel(e.source)),
    el("td", {}, cameo), el("td", {}, actorLabel(e.target)), sentence, el("td", {}, link));
}

// ---- article view --------------------------------------------------------------------------

async function showArticle(id) {
  const record = await api("/api/articles/" + encodeURIComponent(id));
  show("article-view");
  $("#article-title").textContent = record.title;
  $("#article-meta").textContent = [record.source, record.published, record.url].filter(Boolean).join(" · ");
  $("#article-text").replaceChildren(...highlight(record.text, annotations(record)));
  $("#article-quotes").replaceChildren(...record.quotes.map((q) => el("li", {},
    el("strong", { class: "speaker" }, q.speaker ? q.speaker.text : "(no speaker)"),
    q.speaker && q.speaker.actor ? ` [${q.speaker.actor.code}]` : "", q.direct ? ": " : " (reported): ", q.text)));
  $("#article-events").replaceChildren(...record.events.map((e) => el("li", {},
    el("span", { class: "date" }, `${e.date} (${e.date_basis})`), " ", actorLabel(e.source), ` ${e.cameo} `,
    actorLabel(e.target), " — ", el("mark", { class: "evidence" }, e.evidence.text),
    e.modality !== "asserted" ? ` [${e.modality}]` : "")));
  window.scrollTo(0, 0);
}

function annotations(record) {
  const spans = [];
  for (const e of record.entities) spans.push([e.start, e.end, "ent", `${e.label}${e.actor ? " " + e.actor.code : ""}`]);
  for (const t of record.timexes) spans.push([t.start, t.end, "timex", `${t.type} ${t.value}`]);
  for (const q of record.quotes) spans.push([q.start, q.end, "quote", `said by ${q.speaker ? q.speaker.text : "?"}`]);
  for (const q of record.quotes) if (q.speaker) spans.push([q.speaker.start, q.speaker.end, "speaker", "speaker"]);
  for (const e of record.events) spans.push([e.evidence.start, e.evidence.end, "event", `event ${e.cameo} ${e.date}`]);
  return spans.filter(([start, end]) => start < end);
}

// Split the text at every annotation boundary; each piece gets the classes of all spans covering it.
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const [start, end] of spans) { cuts.add(Math.max(0, start)); cuts.add(Math.min(text.length, end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = spans.filter(([start, end]) => start <= from && end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) { pieces.push(piece); continue; }
    pieces.push(el("span", { class: [...new Set(covering.map((s) => s[2]))].join(" "),
      title: covering.map((s) => s[3]).join("; ") }, piece));
  }
  return pieces;
}

// ---- actors --------------------------------------------------------------------------------

async function showActor(code) {
  const profile = await api("/api/actors/" + encodeURIComponent(code));
  show("actor-view");
  const names = profile.names.map((n) => `${n.code}${n.name ? " (" + n.name + ")" : ""}`).join(", ");
  $("#actor-title").textContent = profile.actor + (names ? " — " + names : "");
  $("#actor-summary").textContent = `${profile.as_source} events as source, ${profile.as_target} as target` +
    (profile.first ? `, ${profile.first} to ${profile.last}` : "");
  $("#actor-partners tbody").replaceChildren(...profile.partners.map((p) => el("tr", {},
    el("td", {}, p.partner), el("td", {}, p.events), el("td", {}, p.goldstein_mean.toFixed(1)),
    el("td", {}, el("a", { href: `#/dyad?a=${encodeURIComponent(profile.actor)}&b=${encodeURIComponent(p.partner)}` }, "chart")))));
  $("#actor-mix tbody").replaceChildren(...profile.event_mix.map((m) => el("tr", {},
    el("td", {}, m.root), el("td", {}, m.quad), el("td", {}, m.events))));
  $("#actor-quotes").replaceChildren(...profile.quotes.map((h) => el("li", {},
    el("strong", {}, h.quote.speaker ? h.quote.speaker.text : ""), ": ", h.quote.text, " — ",
    el("a", { href: "#/article/" + encodeURIComponent(h.article_id) }, h.title || h.article_id))));
}

let searchTimer = null;
function onActorInput() {
  clearTimeout(searchTimer);
  const q = $("#actor-search").value.trim();
  if (!q) { $("#actor-results").hidden = true; return; }
  searchTimer = setTimeout(async () => {
    try {
      const found = await api("/api/actors?q=" + encodeURIComponent(q));
      $("#actor-results").replaceChildren(...found.map((a) => el("li", {}, el("a",
        { href: "#/actor/" + encodeURIComponent(a.code) }, `${a.code} ${a.name || ""} (${a.mentions})`))));
      $("#actor-results").hidden = !found.length;
    } catch (error) {
      showError(error);
    }
  }, 200);
}

// ---- wiring --------------------------------------------------------------------------------

function formParams(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (String(value).trim()) params.set(key, String(value).trim());
  return params;
}

$("#dyad-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const p = formParams(event.target);
  if (p.has("weighted")) p.set("weighted", "1");
  location.hash = "#/dyad?" + p;
});
$("#event-form").addEventListener("submit", (event) => {
  event.preventDefault();
  searchEvents(formParams(event.target), "Events").catch(showError);
});
$("#prev").addEventListener("click", () => searchEvents(eventQuery, $("#events-title").textContent.replace(/ \(\d+\)$/, ""), Math.max(0, eventOffset - PAGE)).catch(showError));
$("#next").addEventListener("click", () => searchEvents(eventQuery, $("#events-title").textContent.replace(/ \(\d+\)$/, ""), eventOffset + PAGE).catch(showError));
$("#actor-search").addEventListener("input", onActorInput);
$("#actor-results").addEventListener("click", () => { $("#actor-results").hidden = true; });
window.addEventListener("hashchange", route);
route();
