// The handbook's search: Pagefind's index in mkdocs-material's search box, with its keys.
//
// Nothing is fetched until a reader opens the search. Then Pagefind loads the index of
// the site (pagefind/) and, with access rules, the reader's own index of the people they
// may read (search/mine/, which the web server serves per reader), and loads only the
// parts of each index that the words typed need.
//
// Keys, as in mkdocs-material: "/", "s" or "f" opens the search; arrow keys move between
// the box and the results; Enter opens the first result; Escape closes.

const RESULTS = 10; // results shown; more than a reader looks through before typing another word
const SECTIONS = 3; // sections of a page shown under it, best first
const DELAY_MS = 100; // wait this long after a key before searching

const box = document.querySelector("[data-mus-search]");
if (box) {
  setUpSearch(box);
}

function setUpSearch(box) {
  const toggle = document.getElementById("__search");
  const form = box.querySelector("form");
  const input = box.querySelector("input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const texts = box.dataset;
  const root = new URL(texts.root, location.href);
  let engine = null;
  let turn = 0;

  function loadEngine() {
    engine ??= startEngine(root, texts.readerIndex);
    return engine;
  }

  function open() {
    toggle.checked = true;
    input.focus();
    input.select();
    loadEngine().catch(() => {});
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  async function search() {
    const query = input.value.trim();
    const mine = ++turn;
    if (!query) {
      meta.textContent = texts.placeholder;
      list.replaceChildren();
      return;
    }
    let pages;
    let total;
    try {
      const pagefind = await loadEngine();
      const found = await pagefind.debouncedSearch(query, {}, DELAY_MS);
      if (found === null || mine !== turn) {
        return; // a later key press started a newer search
      }
      total = found.results.length;
      pages = await Promise.all(found.results.slice(0, RESULTS).map((result) => result.data()));
    } catch (error) {
      if (mine === turn) {
        meta.textContent = texts.failed;
        list.replaceChildren();
      }
      throw error;
    }
    if (mine !== turn) {
      return;
    }
    meta.textContent = count(total, texts);
    list.replaceChildren(...pages.map(resultItem));
  }

  input.addEventListener("focus", () => {
    toggle.checked = true;
    loadEngine().catch(() => {});
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    // After the form has emptied the box: the results go too.
    setTimeout(() => {
      search();
      input.focus();
    });
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      open(); // the magnifier in the header on a narrow screen
    }
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) {
      close(); // a result on the same page only moves to its section
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !isEditable(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    const targets = [input, ...list.querySelectorAll("a")];
    const at = targets.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && document.activeElement === input && targets.length > 1) {
      event.preventDefault();
      targets[1].click();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at !== -1) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      targets[(at + step + targets.length) % targets.length].focus();
    }
  });
}

async function startEngine(root, readerIndex) {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
  if (readerIndex) {
    // With access rules the web server serves each reader the index of the people they
    // may read at this one address, and refuses it to a reader who may read nobody.
    const mine = new URL(readerIndex, root);
    const entry = await fetch(new URL("pagefind-entry.json", mine), { credentials: "same-origin" });
    if (entry.ok) {
      await pagefind.mergeIndex(mine.pathname, { baseUrl: root.pathname });
    }
  }
  await pagefind.init();
  return pagefind;
}

function count(total, texts) {
  if (total === 0) {
    return texts.none;
  }
  return total === 1 ? texts.one : texts.other.replace("#", total);
}

function isEditable(element) {
  return element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
}

// One result: the page, linked at the section that matched best (named under the page's
// title: the conversation, on a person's page), then its other matching sections.
function resultItem(page) {
  const sections = bestSections(page);
  const item = element("li", "md-search-result__item");
  const best = sections[0];
  const first = resultLink(best ? best.url : page.url, "h1", page.meta.title, best ? best.excerpt : page.excerpt);
  if (best && best.title && best.title !== page.meta.title) {
    const section = element("h2");
    section.textContent = best.title;
    first.querySelector("h1").after(section);
  }
  item.append(first);
  for (const section of sections.slice(1)) {
    item.append(resultLink(section.url, "h2", section.title, section.excerpt));
  }
  return item;
}

function bestSections(page) {
  const weight = (section) => (section.weighted_locations || []).reduce((sum, at) => sum + at.weight, 0);
  return (page.sub_results || [])
    .map((section, order) => ({ section, order, weight: weight(section) }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, SECTIONS)
    .map(({ section }) => section);
}

function resultLink(url, heading, title, excerpt) {
  const link = element("a", "md-search-result__link");
  link.href = url;
  const article = element("article", "md-search-result__article md-typeset");
  const head = element(heading);
  head.textContent = title || "";
  const text = element("p");
  text.append(...excerptNodes(excerpt || ""));
  article.append(head, text);
  link.append(article);
  return link;
}

// Pagefind's excerpt is HTML with <mark> around the words found. Records are written by
// many hands, so only text and <mark> are kept: nothing else of it becomes markup.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = element("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function element(name, className) {
  const made = document.createElement(name);
  if (className) {
    made.className = className;
  }
  return made;
}
