// Second review pass: each test below was written as `it` first and failed against the
// current code for the reason given in the comment above it (file / function at fault),
// with the behaviour SPEC.md / README.md promise; each now pins its fix.
import { describe, expect, it } from "vitest";
import { escapeCell, escapeText } from "../../src/core/escape.js";
import { redactSecrets } from "../../src/core/redact.js";
import {
  assignees,
  botComments,
  decoded,
  deliverAll,
  deliverAsAction,
  entries,
  reactions,
  recordField,
  start,
  useSimulator,
} from "./support.js";

useSimulator();

describe("second review pass", () => {
  // src/core/reducer.ts reduceIncident (`declaredByPerson` / `fallbackDeclaration`): the
  // fallback to hereby's own incident label is only used when *no* declaring comment is
  // left. A second, redundant `/declare` (it gets 👍) is enough to defeat it: deleting the
  // original declaring comment moves the declaration to the later comment, and every
  // command in between is dropped (`declaredAt === null → continue`): timeline, summary,
  // and the lead (the real lead is even unassigned, the redundant declarer assigned).
  // Expected (README: deletions update the timeline; the record doesn't start over):
  // only the deleted comment's own entries leave the record.
  it("deleting the /declare comment keeps later entries even when someone said /declare again", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("bob", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment("carol", n, "/timeline rollback started\n/summary EU checkout broken");
    await deliverAll(p);
    p.advance(1);
    const again = await p.comment("dave", n, "/declare");
    await deliverAll(p);
    expect(reactions(p, again)).toContain("+1");

    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    expect(entries(p, n)).toEqual(["Incident declared", "rollback started", "Summary updated"]);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout broken");
    expect(recordField(p, n, "Declared")).toContain("14:01 UTC");
    expect(assignees(p, n)).toEqual(["bob"]);
  });

  // src/handlers/comment.ts onComment (the unassignable-lead branch): unlike the branch for
  // a bad line ("An edit can turn an accepted comment into a rejected one: its entries
  // leave the record"), it never converges. Editing an accepted `/lead @carol` into a typo
  // `/lead @carlo` gets 😕 and "Nothing in your comment was applied", yet the record keeps
  // "Lead: @carol" and carol stays assigned. Expected (README: a comment with a mistake has
  // nothing applied; edits update the timeline): the lead goes back to the declarer.
  it("an accepted /lead edited into an unassignable login leaves the record", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @carol");
    await deliverAll(p);
    expect(recordField(p, n, "Lead")).toBe("[carol](https://github.com/carol)");

    p.advance(1);
    await p.as("bob").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/lead @carlo" });
    await deliverAll(p);
    expect(reactions(p, id)).toContain("confused");
    expect(botComments(p, n).some((b) => b.includes("Nothing in [your comment]"))).toBe(true);
    expect(entries(p, n)).toEqual(["Incident declared"]);
    expect(recordField(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
    expect(assignees(p, n)).toEqual(["alice"]);
  });

  // src/core/converge.ts convergeRecord (422 handling) + src/handlers/comment.ts: when
  // another command's handler runs before the `/lead @bbo` comment's own handler (webhooks
  // are not ordered), the reducer takes the unchecked lead, the PATCH gets 422, the login
  // is dropped from the assignees *but kept as lead in the record*, and the declarer is
  // still unassigned as a "former lead". The /lead comment's own handler then answers 😕
  // "Nothing ... was applied" and returns without converging. Result: the record says
  // "Lead: @bbo", nobody is assigned. Expected: a rejected /lead changes nothing.
  it("a typo'd /lead handled after a concurrent command changes nothing", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("bob", n, "/lead @bbo");
    await p.comment("carol", n, "/timeline rollback started");
    // carol's delivery first, then bob's.
    for (const d of p.sim.takeDeliveries().reverse()) await p.handle(d);
    await deliverAll(p);
    expect(reactions(p, id)).toEqual(["confused"]);
    expect(entries(p, n)).toEqual(["Incident declared", "rollback started"]);
    expect(recordField(p, n, "Lead")).toBe("[alice](https://github.com/alice)");
    expect(assignees(p, n)).toEqual(["alice"]);
  });

  // src/github/executor.ts withdrawIfDuplicate: every comment holding the marker text
  // counts as a copy, whoever wrote it. A person's comment quoting the (predictable)
  // checklist marker, e.g. in a code span while asking about the bot, is "the earliest
  // copy", so hereby deletes the checklist it just posted: the incident never gets one.
  // Expected (SPEC: on declaration the bot posts one checklist comment): only hereby's own
  // comments count as copies (as writtenMarkers already does).
  it("a person quoting the checklist marker doesn't make hereby delete its checklist (App)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAll(p);
    p.advance(1);
    await p.comment("erin", n, "Last time the bot's comment began with `<!-- hereby:checklist declared -->`: is it down?");
    await deliverAll(p);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAll(p);
    expect(botComments(p, n).filter((b) => b.includes("<!-- hereby:checklist declared -->"))).toHaveLength(1);
  });

  // src/core/self.ts resolveSelf: in the Action (`self: null`) hereby's login is taken
  // from the first comment that contains `<!-- hereby:checklist`, whoever wrote it. A
  // person quoting the marker before the declaration becomes "hereby": the real checklist
  // is never posted (writtenMarkers finds the marker in their comment), and hereby's own
  // label changes are recorded a second time as "changed by an app".
  // Expected: only a bot-written / token-owned comment identifies hereby.
  it("a person quoting the checklist marker doesn't become hereby (Action)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("erin", n, "Last time the bot's comment began with `<!-- hereby:checklist declared -->`: is it down?");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, p.bot);
    expect(botComments(p, n).filter((b) => b.includes("<!-- hereby:checklist declared -->"))).toHaveLength(1);
    expect(entries(p, n)).toEqual(["Incident declared", "Severity set to critical"]);
  });

  // Same root cause (src/core/self.ts resolveSelf + src/core/reducer.ts refusedComments):
  // once a read-only user is "self", the markers in their comments are trusted as
  // hereby's. Posting `<!-- hereby:refused <id> -->` after a maintainer's `/summary`
  // takes the summary out of the record. Expected (SPEC: commands from users below the
  // permission change nothing): a user with read access can't veto a maintainer's command.
  it("a read-only user can't undo a command by writing a refusal marker (Action)", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("erin", n, "fyi `<!-- hereby:checklist declared -->`");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    const summary = await p.comment("bob", n, "/summary EU checkout down");
    await deliverAsAction(p, p.bot);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout down");
    p.advance(1);
    await p.comment("erin", n, `<!-- hereby:refused ${summary} -->\nhmm`);
    await p.comment("carol", n, "/timeline paged db team");
    await deliverAsAction(p, p.bot);
    expect(p.sim.issue(n).body).toContain("**Summary:** EU checkout down");
  });

  // src/core/reducer.ts reduceIncident (fallback declaration): when the declaring comment
  // is deleted, the declarer is taken to be whom hereby assigned, else the issue's author.
  // A declarer who was already assigned (triage assigned bob, bob said /declare) was never
  // assigned *by hereby*, so the issue's author becomes "declarer" and lead, and is
  // assigned. Expected (README: deleting a command comment removes its entries only): the
  // lead stays bob and nobody new is assigned.
  it("deleting the /declare of an already-assigned declarer doesn't hand the lead to the issue's author", async () => {
    const p = await start();
    const { data } = await p.as("alice").rest.issues.create({ ...p.repo, title: "Checkout down", body: "502s", assignees: ["bob"] });
    const n = data.number;
    await deliverAll(p);
    p.advance(1);
    const declaring = await p.comment("bob", n, "/declare");
    await deliverAll(p);
    p.advance(1);
    await p.comment("carol", n, "/timeline rollback started");
    await deliverAll(p);
    expect(recordField(p, n, "Lead")).toBe("[bob](https://github.com/bob)");

    await p.as("bob").rest.issues.deleteComment({ ...p.repo, comment_id: declaring });
    await deliverAll(p);
    expect(entries(p, n)).toEqual(["Incident declared", "rollback started"]);
    expect(recordField(p, n, "Lead")).toBe("[bob](https://github.com/bob)");
    expect(assignees(p, n)).toEqual(["bob"]);
  });

  // src/handlers/declare.ts declareIncident + src/core/self.ts: in the Action the checklist
  // is rendered from a convergence run before any checklist exists, so `self` is unknown
  // and every bot is taken for hereby. With a PAT (a machine user), hereby's own
  // `incident` label event looks like a person declaring in the same second, so the
  // checklist says the token's user leads; it is never corrected. Expected (README: the
  // Action recognises its own writes with app tokens and PATs): "`@bob` leads".
  it("the Action with a PAT names the declarer as lead in the checklist", async () => {
    const p = await start({ automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    p.advance(1);
    await p.comment("bob", n, "/declare");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    const checklist = botComments(p, n, "automation").filter((b) => b.includes("hereby:checklist"));
    expect(checklist).toHaveLength(1);
    expect(checklist[0]).toContain("[bob](https://github.com/bob) leads");
  });

  // Same root cause, with the workflow token: an alerting app adds `incident` (README: "a
  // person then takes the lead with /lead me"). Before the checklist exists the app's
  // label is taken for hereby's own, the fallback declaration makes the issue's author the
  // lead, and the checklist says so; the record afterwards says nobody leads.
  it("the Action's checklist agrees with the record when an alerting app declares", async () => {
    const p = await start({ "pagerduty[bot]": "write" });
    const n = await p.openIssue("alice", "Checkout down", "502s");
    await deliverAsAction(p, p.bot);
    p.advance(1);
    await p.as("pagerduty[bot]").rest.issues.addLabels({ ...p.repo, issue_number: n, labels: ["incident"] });
    await deliverAsAction(p, p.bot);
    expect(recordField(p, n, "Lead")).toBe("—");
    const checklist = botComments(p, n).filter((b) => b.includes("hereby:checklist"));
    expect(checklist).toHaveLength(1);
    expect(checklist[0]).not.toContain("[alice](https://github.com/alice) leads");
  });

  // src/core/self.ts resolveSelf: with a PAT, once someone deletes hereby's checklist
  // comment (ticked off, tidied away), hereby's login is unknown again and, not being a
  // bot, its own label writes are recorded as "changed by hand": every command after that
  // shows up twice. Expected: hereby's own writes are never recorded as hand changes.
  it("the Action with a PAT keeps recognising its writes after the checklist is deleted", async () => {
    const p = await start({ automation: "admin" });
    const bot = p.as("automation");
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    const checklist = p.sim.comments(n).find((c) => (c.body ?? "").includes("hereby:checklist"))!.id;
    await p.as("alice").rest.issues.deleteComment({ ...p.repo, comment_id: checklist });
    p.advance(1);
    await p.comment("bob", n, "/severity critical");
    await deliverAsAction(p, bot, p.sim.tokenFor("automation"));
    expect(entries(p, n)).toEqual(["Incident declared", "Severity set to critical"]);
  });

  // src/core/redact.ts PASSWORD_ASSIGNMENT (and GENERIC): a bare value may not *start*
  // with `&`, `;`, `,`, `(`, `[`, `{`, `<` or `|`, so a password beginning with one of the
  // symbols the new rule is about is not redacted at all and no rotate warning is given.
  // Expected (README: `password=` assignments are redacted).
  it("a password starting with a symbol is redacted", () => {
    for (const text of ["db password=&Tr0ub4dor3 leaked", "PGPASSWORD=;hunter2x psql -h db1"]) {
      const out = redactSecrets(text);
      expect(out.kinds).toContain("password");
      expect(out.text).not.toMatch(/Tr0ub4dor3|hunter2x/);
    }
  });

  // src/core/escape.ts neutralizeMentions: `@` written as an entity is handled now, but an
  // entity right *after* a plain `@` is not: `@&#97;lice` is left as is (the next character
  // is `&`, not a login character) and renders as `@alice`, a live mention, in the record
  // on every re-render. Expected (SPEC: escaped so it cannot re-trigger mentions).
  it("an @mention whose login starts with an entity is neutralised", () => {
    for (const text of ["paged @&#97;lice", "paged @&#x61;cme/oncall"]) {
      expect(decoded(escapeCell(text))).not.toMatch(/@[A-Za-z0-9]/);
      expect(decoded(escapeText(text))).not.toMatch(/@[A-Za-z0-9]/);
    }
  });

  // src/core/reducer.ts refusedComments + src/core/converge.ts: a refusal stops counting
  // once the refused comment is edited, even when the author still has no access. The
  // comment then "enters" the record on every later command, so every command from anyone
  // pays one more permission request, for the rest of the incident. Expected (README: "A
  // command costs 6 reads"): still 6.
  it("a refused comment edited by its author doesn't add a read to every later command", async () => {
    const p = await start();
    const n = await p.openIssue("alice", "Checkout down", "502s", ["incident"]);
    await deliverAll(p);
    p.advance(1);
    const id = await p.comment("erin", n, "/timeline db failover");
    await deliverAll(p);
    p.advance(1);
    await p.as("erin").rest.issues.updateComment({ ...p.repo, comment_id: id, body: "/timeline db failover started" });
    await deliverAll(p);
    const reads = () => p.sim.requests.filter((r) => r.actor === "hereby[bot]" && r.method === "GET").length;
    for (const text of ["/timeline one", "/timeline two"]) {
      p.advance(1);
      const before = reads();
      await p.comment("bob", n, text);
      await deliverAll(p);
      expect(reads() - before).toBe(6);
    }
    expect(entries(p, n)).toEqual(["Incident declared", "one", "two"]);
  });
});
