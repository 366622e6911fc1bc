// The search page: runs the Pagefind index that the build wrote beside the pages, in the browser.
// Only search.html loads this file; reading the site never needs JavaScript. Result text is put on
// the page as text (only Pagefind's <mark> around the matched words is kept), never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreWrap = document.getElementById("search-more-wrap");
  var more = document.getElementById("search-more");
  var filterBox = document.getElementById("search-filters");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var bundle = new URL(form.getAttribute("data-bundle"), document.baseURI);
  var root = new URL(form.getAttribute("data-root"), document.baseURI);
  var PAGE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = null;

  function say(text) { status.textContent = text; }

  async function load() {
    pagefind = await import(bundle.href);
    await pagefind.options({ baseUrl: "/", excerptLength: 24 });
    try {
      var shards = await (await fetch(new URL("dossier-shards.json", bundle))).json();
      for (var i = 0; i < shards.shards.length; i++) {
        await pagefind.mergeIndex(new URL("../" + shards.shards[i] + "/", bundle).href, { baseUrl: "/" });
      }
    } catch (error) { /* one shard only */ }
    await pagefind.init();
    var filters = await pagefind.filters();
    selects.forEach(function (select) {
      var values = filters[select.getAttribute("data-filter")] || {};
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + values[value] + ")";
        select.appendChild(option);
      });
    });
    filterBox.hidden = false;
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value) chosen[select.getAttribute("data-filter")] = select.value;
    });
    return chosen;
  }

  // Pagefind URLs start at the site root ("/articles/x.html"); the site may live under /REPO/.
  function siteUrl(url) { return new URL(url.replace(/^\//, ""), root).href; }

  // Pagefind's excerpt is HTML; keep its text and its <mark>s only.
  function excerptNodes(html, into) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function describe(data) {
    var bits = [];
    var kind = (data.filters && data.filters.type && data.filters.type[0]) || data.meta.kind;
    if (kind) bits.push(kind);
    if (data.meta.source) bits.push(data.meta.source);
    if (data.meta.date) bits.push(data.meta.date);
    return bits.join(" · ");
  }

  function render(data) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = siteUrl(data.url);
    link.textContent = data.meta.title || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var about = describe(data);
    if (about) {
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = about;
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerptNodes(data.excerpt || "", excerpt);
    item.appendChild(excerpt);
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url && sub.url.indexOf("#") > 0 && sub.title !== data.meta.title; });
    if (subs.length) {
      var sublist = document.createElement("ul");
      sublist.className = "sub-results";
      subs.slice(0, 3).forEach(function (sub) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = siteUrl(sub.url);
        a.textContent = sub.title;
        li.appendChild(a);
        sublist.appendChild(li);
      });
      item.appendChild(sublist);
    }
    return item;
  }

  async function showMore() {
    var mine = generation;
    var batch = results.slice(shown, shown + PAGE);
    var datas = await Promise.all(batch.map(function (result) { return result.data(); }));
    if (mine !== generation) return;
    datas.forEach(function (data) { list.appendChild(render(data)); });
    shown += batch.length;
    moreWrap.hidden = shown >= results.length;
  }

  function remember(query, filters) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  async function run() {
    var mine = ++generation;
    var query = input.value.trim();
    var filters = chosenFilters();
    remember(query, filters);
    list.textContent = "";
    moreWrap.hidden = true;
    if (!query && !Object.keys(filters).length) { say(""); return; }
    say("Searching…");
    var search = await pagefind.search(query || null, { filters: filters });
    if (mine !== generation) return;
    results = search.results;
    shown = 0;
    await showMore();
    if (mine !== generation) return;
    var what = query ? "“" + query + "”" : "the chosen filters";
    say(results.length ? results.length + " result" + (results.length === 1 ? "" : "s") + " for " + what
                       : "Nothing found for " + what + ".");
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 180);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  form.addEventListener("submit", function (event) { event.preventDefault(); if (pagefind) run(); });
  more.addEventListener("click", showMore);
  say("Loading the search index…");
  load().then(function () {
    input.addEventListener("input", soon);
    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted) select.value = wanted;
      select.addEventListener("change", run);
    });
    say("");
    form.setAttribute("data-ready", "");
    return run();
  }).catch(function () {
    say("Search is not available here.");
    document.getElementById("search-offline").hidden = false;
  });
})();
