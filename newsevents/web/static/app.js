// The newsevents dashboard: hash routes over the read-only API. Text from the store is always
// inserted with textContent (never innerHTML), so article text cannot inject markup.
//   #/                  overview: counts, events over time, top actors and dyads, latest events
//   #/map?actor=&since=&until=   events by place; click a place to list its events
//   #/dyad?a=&b=&by=    a dyad's chart and events; the event search
//   #/actor/CODE        an actor's profile        #/article/ID   an article with its extractions
"use strict";

const $ = (sel) => document.querySelector(sel);
const PAGE = 25;
const VIEWS = ["overview-view", "map-view", "dyad-view", "article-view", "actor-view"];

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
  for (const id of VIEWS) $("#" + id).hidden = id !== view;
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("current", link.id === "nav-" + view.replace("-view", ""));
  }
}

// ---- links: every actor code shown leads to its profile, every pair to its dyad chart -------

const actorHref = (code) => "#/actor/" + encodeURIComponent(code);
const dyadHref = (a, b) => `#/dyad?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
const mapHref = (actor) => "#/map?actor=" + encodeURIComponent(actor);
const articleHref = (id) => "#/article/" + encodeURIComponent(id);

function actorLink(code, title = "") {
  return el("a", { class: "actor", href: actorHref(code), title: title || `${code}: profile` }, code);
}

// An event's source or target: its code as a link to the actor, else the words of the text.
function actorLabel(mention) {
  if (!mention) return "";
  return mention.actor && mention.actor.code ? actorLink(mention.actor.code, mention.text)
    : el("span", { title: "no actor code" }, mention.text);
}

function dyadLink(a, b, text = "⇄") {
  return el("a", { class: "dyad", href: dyadHref(a, b), title: `${a}–${b}: dyad chart` }, text);
}

const fmt = (n) => Number(n).toLocaleString("en");

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
    if (path === "/map") return await showMap(params);
    if (path === "/dyad" || path === "/events") {
      show("dyad-view");
      if (params.get("a") && params.get("b")) await showDyad(params);
      return;
    }
    await showOverview();
  } catch (error) {
    showError(error);
  }
}

// ---- event tables ----------------------------------------------------------------------------

function eventRow(hit) {
  const e = hit.event;
  const sentence = el("td", { class: "sentence" }, hit.before,
    el("mark", { class: "evidence" }, e.evidence.text), hit.after);
  const link = el("a", { href: articleHref(hit.article_id) }, hit.title || hit.article_id);
  const cameo = el("span", { title: (e.plover ? e.plover.event : "") + ` Goldstein ${e.goldstein}` }, e.cameo);
  const target = el("td", {}, actorLabel(e.target));
  const [a, b] = [e.source, e.target].map((m) => (m && m.actor ? m.actor.code : null));
  if (a && b && a !== b) target.append(" ", dyadLink(a, b));
  return el("tr", { class: `quad${e.quad_class}` }, el("td", {}, e.date), el("td", {}, actorLabel(e.source)),
    el("td", {}, cameo), target, sentence, el("td", {}, link));
}

// A paged list of events in a table (#ID), its title (#ID-title) and the pager after it.
class EventList {
  constructor(id) {
    this.table = $("#" + id);
    this.title = $(`#${id}-title`);
    this.pager = this.table.nextElementSibling;
    this.query = null;
    this.offset = 0;
    this.label = "";
    this.pager.querySelector(".prev").addEventListener("click",
      () => this.search(this.query, this.label, Math.max(0, this.offset - PAGE)).catch(showError));
    this.pager.querySelector(".next").addEventListener("click",
      () => this.search(this.query, this.label, this.offset + PAGE).catch(showError));
  }

  async search(query, label, offset = 0) {
    Object.assign(this, { query, label, offset });
    const q = new URLSearchParams(query);
    q.set("limit", PAGE);
    q.set("offset", offset);
    const page = await api("/api/events?" + q);
    this.fill(page.hits, `${label} (${page.total})`);
    this.pager.hidden = false;
    this.pager.querySelector(".page-info").textContent = page.total
      ? `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}` : "no events";
    this.pager.querySelector(".prev").disabled = offset === 0;
    this.pager.querySelector(".next").disabled = offset + PAGE >= page.total;
  }

  fill(hits, title) {
    this.title.textContent = title;
    this.title.hidden = this.table.hidden = false;
    this.table.querySelector("tbody").replaceChildren(...hits.map(eventRow));
  }
}

// ---- overview ------------------------------------------------------------------------------

async function showOverview() {
  show("overview-view");
  const view = await api("/api/overview");
  const span = (a, b) => (a ? `${a} to ${b}` : "none");
  $("#overview-summary").replaceChildren(
    el("strong", {}, fmt(view.articles)), ` articles published ${span(view.published_first, view.published_last)}; `,
    el("strong", {}, fmt(view.events)), ` asserted events (${fmt(view.events_all)} with the negated, hypothetical ` +
    `and future ones), dated ${span(view.event_first, view.event_last)}; ${fmt(view.placed)} of them at a place `,
    el("a", { href: "#/map" }, "on the map"), view.rejects ? `; ${fmt(view.rejects)} records could not be read` : "", ".");
  await chartOverview(view);
  $("#top-actors tbody").replaceChildren(...view.actors.map((a) => el("tr", {}, el("td", {}, actorLink(a.code)),
    el("td", {}, a.name || ""), el("td", {}, fmt(a.events)), el("td", {}, el("a", { href: mapHref(a.code) }, "map")))));
  $("#top-dyads tbody").replaceChildren(...view.dyads.map((d) => el("tr", {},
    el("td", {}, actorLink(d.a), " – ", actorLink(d.b)), el("td", {}, fmt(d.events)),
    el("td", {}, d.goldstein_mean.toFixed(1)), el("td", {}, dyadLink(d.a, d.b, "chart")))));
  overviewEvents.fill(view.latest, "Latest events (newest articles first)");
  overviewEvents.pager.hidden = true;
}

async function chartOverview(view) {
  const chart = $("#overview-chart");
  if (!view.series.length) {
    chart.replaceChildren(el("p", { class: "note" }, "No events yet: ingest articles with newsevents ingest."));
    chart.dataset.state = "empty";
    return;
  }
  const result = await vegaEmbed("#overview-chart", view.spec, { renderer: "svg", actions: false });
  result.view.addEventListener("click", (event, item) => {
    if (item && item.datum && item.datum.key) listOverviewPeriod(item.datum.key, view.by);
  });
  chart.dataset.state = "ready";
  $("#overview-chart-note").textContent = `Asserted events by ${view.by} over the articles' publication range; ` +
    "click a bar to list that period's events." +
    (view.outside ? ` ${fmt(view.outside)} events dated outside it (history and forecasts the articles mention) ` +
      "are counted above, not drawn." : "");
}

async function listOverviewPeriod(period, by) {
  const [since, until] = periodRange(period, by);
  try {
    await overviewEvents.search(new URLSearchParams({ since, until }), `Events, ${since} to ${until}`);
    $("#overview-events-title").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showError(error);
  }
}

// ---- map -----------------------------------------------------------------------------------

async function showMap(params) {
  show("map-view");
  const filters = new URLSearchParams();
  for (const key of ["actor", "since", "until"]) {
    const value = params.get(key) || "";
    $("#map-" + key).value = value;
    if (value) filters.set(key, value);
  }
  $("#map").dataset.state = "loading";
  const found = await api("/api/places?" + filters);
  const result = await vegaEmbed("#map", found.spec, { renderer: "svg", actions: false });
  result.view.addEventListener("click", (event, item) => {
    if (item && item.datum && item.datum.geonameid) listPlace(item.datum, filters);
  });
  $("#map").dataset.state = found.places.length ? "ready" : "empty";
  const who = filters.get("actor") ? ` involving ${filters.get("actor")}` : "";
  $("#map-note").textContent = `${fmt(found.places.length)} places; ${fmt(found.placed)} of ${fmt(found.events)} ` +
    `asserted events${who} have a place (the others are not drawn). Circles are sized by events and coloured ` +
    "by the quad class with most events there; click one to list its events.";
  $("#map-events-title").hidden = $("#map-events").hidden = true;
  $("#map-events").nextElementSibling.hidden = true;
}

async function listPlace(place, filters) {
  const q = new URLSearchParams(filters);
  q.set("geonameid", place.geonameid);
  try {
    await mapEvents.search(q, `Events at ${place.name}${place.country ? ", " + place.country : ""}`);
    $("#map-events-title").scrollIntoView({ behavior: "smooth", block: "start" });
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
  $("#dyad-links").replaceChildren(actorLink(series.a), " profile · ", actorLink(series.b), " profile · ",
    el("a", { href: mapHref(series.a) }, `map of ${series.a}`));
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
  await dyadEvents.search(new URLSearchParams({ a: series.a, b: series.b }), `All ${series.a}–${series.b} events`);
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
    await dyadEvents.search(q, `${series.a}–${series.b} events, ${since} to ${until}`);
    $("#events").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showError(error);
  }
}

// ---- article view --------------------------------------------------------------------------

async function showArticle(id) {
  const record = await api("/api/articles/" + encodeURIComponent(id));
  show("article-view");
  $("#article-title").textContent = record.title;
  $("#article-meta").replaceChildren([record.source, record.published].filter(Boolean).join(" · "),
    ...(record.url ? [" · ", el("a", { href: record.url, rel: "noopener" }, record.url)] : []));
  $("#article-text").replaceChildren(...highlight(record.text, annotations(record)));
  $("#article-quotes").replaceChildren(...record.quotes.map((q) => el("li", {},
    el("strong", { class: "speaker" }, q.speaker ? q.speaker.text : "(no speaker)"),
    ...(q.speaker && q.speaker.actor ? [" [", actorLink(q.speaker.actor.code), "]"] : []),
    q.direct ? ": " : " (reported): ", q.text)));
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
  const names = profile.names.flatMap((n, i) => [i ? ", " : "", actorLink(n.code), n.name ? ` (${n.name})` : ""]);
  $("#actor-title").replaceChildren(profile.actor, ...(names.length ? [" — ", ...names] : []));
  $("#actor-summary").textContent = `${profile.as_source} events as source, ${profile.as_target} as target` +
    (profile.first ? `, ${profile.first} to ${profile.last}` : "");
  $("#actor-links").replaceChildren(el("a", { href: mapHref(profile.actor) }, `${profile.actor} on the map`));
  $("#actor-partners tbody").replaceChildren(...profile.partners.map((p) => el("tr", {},
    el("td", {}, actorLink(p.partner)), el("td", {}, p.events), el("td", {}, p.goldstein_mean.toFixed(1)),
    el("td", {}, dyadLink(profile.actor, p.partner, "chart")))));
  $("#actor-mix tbody").replaceChildren(...profile.event_mix.map((m) => el("tr", {},
    el("td", {}, m.root), el("td", {}, m.quad), el("td", {}, m.events))));
  $("#actor-quotes").replaceChildren(...profile.quotes.map((h) => el("li", {},
    el("strong", {}, h.quote.speaker ? h.quote.speaker.text : ""),
    ...(h.quote.speaker && h.quote.speaker.actor ? [" [", actorLink(h.quote.speaker.actor.code), "]"] : []),
    ": ", h.quote.text, " — ", el("a", { href: articleHref(h.article_id) }, h.title || h.article_id))));
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
        { href: actorHref(a.code) }, `${a.code} ${a.name || ""} (${a.mentions})`))));
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

const overviewEvents = new EventList("overview-events");
const mapEvents = new EventList("map-events");
const dyadEvents = new EventList("events");

$("#dyad-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const p = formParams(event.target);
  if (p.has("weighted")) p.set("weighted", "1");
  location.hash = "#/dyad?" + p;
});
$("#event-form").addEventListener("submit", (event) => {
  event.preventDefault();
  dyadEvents.search(formParams(event.target), "Events").catch(showError);
});
$("#map-form").addEventListener("submit", (event) => {
  event.preventDefault();
  location.hash = "#/map?" + formParams(event.target);
});
$("#actor-search").addEventListener("input", onActorInput);
$("#actor-results").addEventListener("click", () => { $("#actor-results").hidden = true; });
window.addEventListener("hashchange", route);
route();
