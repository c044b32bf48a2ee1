// The form in the browser (Decap CMS 3.16) fitted to the record format of mus.
//
// - Files are read and written by the format "mus-frontmatter": the front matter with
//   the YAML library Decap itself uses, every value as the text written (as mus reads
//   it), the notes below it exactly as they were. A key the form does not show keeps
//   its value; an optional field left empty is left out of the file.
// - A file is marked a person (its front matter has `name`) or a record, as `_kind`,
//   so each collection lists only its own files; `_kind` is never written.
// - A new file's folder is the person it belongs to: the widget "mus-folder" asks for
//   it (a person to choose for a record, an id to type for a person) and keeps it in
//   `_folder`, never written either; an existing file stays where it is.
// - "mus-choice" offers the people of the repository, and the fixed choices of the
//   field (the employee, the manager, the roles), in one list; a value that is none of
//   them is kept and shown as it is written.
//
// mus build writes config.yml beside this file from the record format; this script
// reads it and starts Decap with it.
import { YAML } from "./yaml/index.js";

// Decap's script (loaded before this one) leaves these on the window.
const { CMS, h, createClass } = window;

const KIND = "_kind";
const FOLDER = "_folder";
const PEOPLE = "people";
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// No folding: one value stays on one line, which keeps the changes of a pull request readable.
YAML.scalarOptions.str.fold.lineWidth = 0;

// ---- reading and writing files -------------------------------------------------------

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

function valueOf(node) {
  // Every scalar is text, as written; a plain `~`, `null` or nothing is no value.
  if (node === null || node === undefined) return null;
  if (Array.isArray(node.items)) {
    if (node.type === "SEQ" || node.type === "FLOW_SEQ") return node.items.map(valueOf);
    const map = {};
    for (const pair of node.items) {
      if (!pair || pair.key === null || pair.key === undefined) throw new Error("a key without a name");
      map[String(valueOf(pair.key))] = valueOf(pair.value);
    }
    return map;
  }
  if (node.type === "ALIAS") throw new Error("YAML aliases (*name) are not allowed in records");
  if (node.type === "PLAIN" && /^(~|null|Null|NULL|)$/.test(String(node.value))) return null;
  return node.value === null || node.value === undefined ? null : String(node.value);
}

function fromFile(content) {
  const found = FRONT_MATTER.exec(content);
  if (!found) throw new Error("the file does not begin with a front matter block between --- lines");
  const doc = YAML.parseDocument(found[1] || "", { schema: "failsafe", prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((error) => error.message).join("\n"));
  const data = valueOf(doc.contents) || {};
  if (typeof data !== "object" || Array.isArray(data)) throw new Error("the front matter is not a set of keys");
  return { ...data, [KIND]: "name" in data ? "person" : "record", body: content.slice(found[0].length) };
}

function isEmpty(value) {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function tidy(map, shape) {
  // The form's keys in the form's order, then the keys it does not show, as they were.
  const out = {};
  const known = shape.order.filter((key) => key in map);
  const rest = Object.keys(map).filter((key) => !shape.order.includes(key)).sort();
  for (const key of [...known, ...rest]) {
    let value = map[key];
    if (shape.order.includes(key)) {
      const items = shape.lists[key];
      if (items && Array.isArray(value)) {
        value = value.map((item) => (item && typeof item === "object" && !Array.isArray(item) ? tidy(item, items) : item));
      }
      if (isEmpty(value) && !shape.required.has(key)) continue;
    }
    out[key] = value;
  }
  return out;
}

let shapes = { person: null, record: null };

function shapeOf(fields) {
  const shape = { order: [], required: new Set(), lists: {} };
  for (const field of fields) {
    if (field.name === FOLDER || field.name === "body") continue;
    shape.order.push(field.name);
    if (field.required !== false) shape.required.add(field.name);
    if (field.widget === "list" && Array.isArray(field.fields)) shape.lists[field.name] = shapeOf(field.fields);
  }
  return shape;
}

function toFile(data, sortedKeys = []) {
  const kind = sortedKeys.includes("name") ? "person" : "record";
  const { body = "", ...meta } = data;
  delete meta[KIND];
  delete meta[FOLDER];
  const front = tidy(meta, shapes[kind] || { order: [], required: new Set(), lists: {} });
  const yaml = Object.keys(front).length > 0 ? YAML.stringify(front, { schema: "core" }) : "";
  return `---\n${yaml}---\n${body || ""}`;
}

// ---- the widgets ---------------------------------------------------------------------

function personOf(hit) {
  // content/people/ID/index.md -> ID
  const parts = String(hit.path || "").split("/");
  return parts.length >= 2 ? parts[parts.length - 2] : "";
}

const peopleCache = { promise: null };

function loadPeople(props) {
  if (!peopleCache.promise) {
    peopleCache.promise = Promise.resolve(props.query(props.forID, PEOPLE, ["name"], ""))
      .then((action) => {
        const hits = (action && action.payload && action.payload.hits) || [];
        return hits
          .map((hit) => ({ value: personOf(hit), label: `${(hit.data && hit.data.name) || personOf(hit)} (${personOf(hit)})` }))
          .filter((person) => ID.test(person.value))
          .sort((a, b) => a.label.localeCompare(b.label, "da"));
      })
      .catch(() => {
        peopleCache.promise = null;
        return [];
      });
  }
  return peopleCache.promise;
}

function optionsOf(field) {
  const options = field.get("options");
  return options ? options.toJS() : [];
}

// The widgets, made once Decap has given its React helpers.
function makeWidgets() {
  const Choice = createClass({
    getInitialState() {
      return { people: [] };
    },
    componentDidMount() {
      this.mounted = true;
      if (this.props.field.get("people") || this.props.field.get("choose_person")) {
        loadPeople(this.props).then((people) => this.mounted && this.setState({ people }));
      }
    },
    componentWillUnmount() {
      this.mounted = false;
    },
    render() {
      const { field, value, forID, onChange, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const fixed = optionsOf(field);
      const choices = [...fixed, ...this.state.people];
      const current = value === null || value === undefined ? "" : String(value);
      if (current && !choices.some((choice) => choice.value === current)) {
        choices.push({ value: current, label: current }); // kept as written
      }
      const groups = [h("option", { key: "", value: "" }, "—")];
      for (const choice of choices) groups.push(h("option", { key: `o-${choice.value}`, value: choice.value }, choice.label));
      return h(
        "select",
        {
          id: forID,
          className: classNameWrapper,
          value: current,
          onChange: (event) => onChange(event.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        },
        groups,
      );
    },
  });

  const Folder = createClass({
    isNew() {
      const entry = this.props.entry;
      return !entry || entry.get("newRecord") === true;
    },
    render() {
      const { field, value, forID, onChange, classNameWrapper, setActiveStyle, setInactiveStyle, entry } = this.props;
      if (!this.isNew()) {
        // An existing file keeps its folder: the person it belongs to is shown, not asked.
        const path = String(entry.get("path") || "");
        const parts = path.split("/");
        return h("input", {
          id: forID,
          className: classNameWrapper,
          value: parts.length >= 2 ? parts[parts.length - 2] : "",
          readOnly: true,
        });
      }
      if (field.get("choose_person")) return h(Choice, this.props);
      return h("input", {
        id: forID,
        className: classNameWrapper,
        type: "text",
        value: value || "",
        onChange: (event) => onChange(event.target.value.trim()),
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
      });
    },
  });

  return { Choice, Folder };
}

// A new file needs its folder; Decap cannot ask for it only when the file is new.
function requireFolder({ entry }) {
  if (entry.get("newRecord") !== true) return entry.get("data");
  const folder = entry.getIn(["data", FOLDER]);
  if (!folder || !ID.test(folder)) {
    throw new Error(document.documentElement.lang === "da" ? "Vælg medarbejderen (mappen) først." : "Choose the person (the folder) first.");
  }
  return entry.get("data");
}

// ---- start ---------------------------------------------------------------------------

async function start() {
  if (!CMS || !h || !createClass) throw new Error("decap-cms.js did not load");
  const response = await fetch("config.yml", { credentials: "same-origin" });
  if (!response.ok) throw new Error(`config.yml: ${response.status}`);
  const config = YAML.parse(await response.text());
  for (const collection of config.collections || []) {
    const kind = collection.name === PEOPLE ? "person" : "record";
    shapes[kind] = shapeOf(collection.fields || []);
  }
  CMS.registerCustomFormat("mus-frontmatter", "md", { fromFile, toFile });
  const { Choice, Folder } = makeWidgets();
  CMS.registerWidget("mus-choice", Choice);
  CMS.registerWidget("mus-folder", Folder);
  CMS.registerEventListener({ name: "preSave", handler: requireFolder });
  CMS.init({ config: { ...config, load_config_file: false } });
}

start().catch((error) => {
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  const intro = document.documentElement.lang === "da" ? "Formularen kunne ikke starte" : "The form could not start";
  message.textContent = `${intro}: ${error.message}`;
  document.body.append(message);
});
