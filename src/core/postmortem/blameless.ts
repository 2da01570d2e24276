// Blameless naming: outside the People section a postmortem names roles, never people
// ("Incident lead", "Operations 2", "Responder 1"). Who held which role comes from the
// record's own history (its lead and role entries); everyone else who acted or was
// mentioned becomes a numbered responder, in order of first appearance.
import type { Config } from "../../config.js";
import type { Incident, Login, TimelineEntry } from "../types.js";
import { mapUrls, wordStart, type UrlShape } from "../urls.js";

export interface Person {
  login: Login;
  /** The name used for them everywhere outside the People section. */
  name: string;
  /** Every role they held, in the order they got it ("Incident lead", "Scribe"). */
  roles: string[];
}

export interface Cast {
  people: Person[];
  /** Lower-case login → blameless name. */
  names: Map<string, string>;
}

const LEAD = "Incident lead";
const lower = (s: string) => s.toLowerCase();

// A mention, where GitHub would render or notify one: `@` (or the fullwidth `＠` and
// small `﹫`, which read as one) after anything but a letter or digit (`cc:@bob`,
// `[x]@bob`, `ping.@bob`; `_@bob_` is emphasis around a mention), optionally followed by
// the zero-width space the record inserts, then a whole login (so `@bob` never matches
// inside `@bobby`), not a team (`@org/team`) nor a host (`@db.internal`). After a letter
// or digit it is an address.
// A login has single hyphens between letters or digits: in `@bob-` the handle is `bob`.
const MENTION =
  /(?<![A-Za-z0-9])[@\uFF20\uFE6B]\u200B?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?)(?![A-Za-z0-9]|-[A-Za-z0-9]|\/[A-Za-z0-9]|\.+[A-Za-z0-9])/g;
const ENTITY_AT = /&(?:#0*64|#x0*40|commat);/gi;
const URL: UrlShape = { body: /[^\s<>()]+/y, startsAt: wordStart };

/** Role holders in the order the record assigned them: lead first, then config roles. */
function roleHistory(incident: Incident, config: Config): Map<string, Login[]> {
  const byTitle = new Map<string, Login[]>();
  const push = (title: string, login: Login) => {
    const list = byTitle.get(title) ?? [];
    if (!list.some((l) => lower(l) === lower(login))) list.push(login);
    byTitle.set(title, list);
  };
  // The declarer leads until a `/lead` (an app that declared never leads).
  const declarer = incident.declaredBy;
  const leadWas = (login: Login) =>
    [incident.lead ?? "", ...incident.formerLeads].some((l) => lower(l) === lower(login));
  if (declarer && leadWas(declarer)) push(LEAD, declarer);
  for (const entry of incident.timeline) {
    // These entries are hereby's own text around a validated login: "Lead: @x", "<title>: @x".
    const m = /^(.*): @([A-Za-z0-9-]+)$/.exec(entry.text);
    if (!m?.[1] || !m[2]) continue;
    if (entry.kind === "lead") push(LEAD, m[2]);
    if (entry.kind === "role" && config.roles.some((r) => r.title === m[1])) push(m[1], m[2]);
  }
  if (incident.lead) push(LEAD, incident.lead);
  return byTitle;
}

/** The logins mentioned in text, outside URLs (which are kept as they are). */
export function mentionsIn(text: string): Login[] {
  const found: Login[] = [];
  const collect = (plain: string) => {
    for (const m of plain.replace(ENTITY_AT, "@").matchAll(MENTION)) if (m[1]) found.push(m[1]);
    return plain;
  };
  mapUrls(text, URL, collect, (url) => url);
  return found;
}

/** Everyone the postmortem may name, with their blameless names. */
export function castOf(
  incident: Incident,
  config: Config,
  self: Login | null,
  others: Login[] = [],
): Cast {
  const history = roleHistory(incident, config);
  const order = [LEAD, ...config.roles.map((r) => r.title)];
  const people = new Map<string, Person>();
  for (const title of order) {
    const holders = history.get(title) ?? [];
    holders.forEach((login, i) => {
      const role = holders.length > 1 ? `${title} ${i + 1}` : title;
      const person = people.get(lower(login)) ?? { login, name: "", roles: [] };
      person.roles.push(role);
      people.set(lower(login), person);
    });
  }
  // Responders: whoever acted or was mentioned without holding a role.
  let responders = 0;
  const seen = (login: Login) => {
    if (people.has(lower(login)) || (self && lower(login) === lower(self))) return;
    responders += 1;
    people.set(lower(login), { login, name: `Responder ${responders}`, roles: [] });
  };
  for (const entry of incident.timeline) {
    seen(entry.by);
    mentionsIn(entry.text).forEach(seen);
  }
  mentionsIn(incident.summary ?? "").forEach(seen);
  // A handle in the title is someone the postmortem names too (its heading, its PR).
  mentionsIn(incident.title).forEach(seen);
  for (const login of others) seen(login);
  for (const p of people.values()) if (p.name === "") p.name = p.roles.join("/");
  const names = new Map([...people.values()].map((p) => [lower(p.login), p.name]));
  if (self) names.set(lower(self), "hereby");
  return { people: [...people.values()], names };
}

/** The blameless name for a login: unknown people keep a neutral label, never the login. */
export function nameOf(cast: Cast, login: Login): string {
  return cast.names.get(lower(login)) ?? "a responder";
}

/**
 * Text with every mention of a person replaced by their blameless name, also inside code
 * spans and when the record had neutralised it (`@\u200Bbob`, `&#64;bob`). URLs are kept
 * byte for byte: they are evidence, and a link with a name replaced leads nowhere.
 */
export function blameless(text: string, cast: Cast): string {
  return mapUrls(
    text,
    URL,
    (plain) => replaceMentions(plain, cast),
    (url) => url,
  );
}

/** The blameless text of a timeline entry. Lead and role entries are hereby's own text
 * ("Operations: @bob"): they say which role changed hands, by name. */
export function entryText(entry: TimelineEntry, cast: Cast): string {
  const m =
    entry.kind === "lead" || entry.kind === "role"
      ? /^(.*): @([A-Za-z0-9-]+)$/.exec(entry.text)
      : null;
  if (m?.[1] && m[2]) {
    const name = nameOf(cast, m[2]);
    if (entry.kind === "lead") return `${name} leads`;
    return name === m[1] ? `${m[1]} assigned` : `${m[1]}: ${name}`;
  }
  return blameless(entry.text, cast);
}

/** The escaper's zero-width space after `@` taken out of URLs again: it would break them. */
export function keepUrls(markdown: string): string {
  return mapUrls(
    markdown,
    URL,
    (plain) => plain,
    (url) => url.replaceAll("\u200B", ""),
  );
}

function replaceMentions(text: string, cast: Cast): string {
  return text
    .replace(ENTITY_AT, "@")
    .replace(MENTION, (whole, login: string) => cast.names.get(lower(login)) ?? whole);
}
