// The mutations GitHub performs, with their side effects: issue events on the timeline and
// webhook deliveries. The data and lookups are in store.ts; the record types in records.ts
// (re-exported here, so `import type { IssueRecord, State } from "./state.js"` keeps working).
import { renderComment, renderIssue, renderLabel, renderUser } from "./render.js";
import type {
  CommentRecord,
  EventRecord,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
} from "./records.js";
import type { Issue, ReactionContent } from "./shapes.js";
import { Store } from "./store.js";
import { Feeds } from "./changes.js";
import { deliver, deliverIssue } from "./webhooks.js";

export type * from "./records.js";
export { isoSeconds, Store, type StateOptions } from "./store.js";

export class State extends Store {
  /** Deployments, releases and workflow runs, here and in sibling repositories. */
  readonly feeds = new Feeds(this);

  // ---- issues ----

  private record(
    issue: IssueRecord,
    actor: string,
    event: string,
    extra: Partial<EventRecord> = {},
  ): EventRecord {
    const id = this.nextId("event");
    const e: EventRecord = {
      id,
      nodeId: this.nodeId("LE_", id),
      issueNumber: issue.number,
      event,
      actor,
      createdAt: this.now(),
      ...extra,
    };
    this.events.set(id, e);
    issue.timeline.push({ kind: "event", id });
    return e;
  }

  private touch(issue: IssueRecord): void {
    issue.updatedAt = this.now();
  }

  createIssue(
    actor: string,
    input: { title: string; body: string | null; labels: string[]; assignees: string[] },
    isPull = false,
  ): IssueRecord {
    const id = this.nextId("issue");
    const now = this.now();
    const issue: IssueRecord = {
      id,
      nodeId: this.nodeId(isPull ? "PR_" : "I_", id),
      number: this.nextIssueNumber(),
      title: input.title,
      body: input.body,
      user: actor,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      isPull,
      timeline: [],
      subIssues: [],
    };
    this.issues.set(issue.number, issue);
    if (!isPull) deliverIssue(this, "opened", actor, issue);
    this.addLabels(actor, issue, input.labels);
    this.addAssignees(actor, issue, input.assignees);
    return issue;
  }

  /** Announce a new pull request once its record exists (`pull_request.opened`). */
  openedPull(actor: string, issue: IssueRecord): void {
    deliverIssue(this, "opened", actor, issue);
  }

  editIssue(
    actor: string,
    issue: IssueRecord,
    edit: { title?: string; body?: string | null },
  ): void {
    const changes: Record<string, { from: string | null }> = {};
    if (edit.title !== undefined && edit.title !== issue.title) {
      changes.title = { from: issue.title };
      this.record(issue, actor, "renamed", { rename: { from: issue.title, to: edit.title } });
      issue.title = edit.title;
    }
    if (edit.body !== undefined && edit.body !== issue.body) {
      changes.body = { from: issue.body };
      issue.body = edit.body;
    }
    if (Object.keys(changes).length === 0) return;
    this.touch(issue);
    deliverIssue(this, "edited", actor, issue, { changes });
  }

  addLabels(actor: string, issue: IssueRecord, names: string[]): void {
    for (const name of names) {
      const label = this.ensureLabel(name);
      if (issue.labels.includes(label.id)) continue;
      issue.labels.push(label.id);
      this.touch(issue);
      this.record(issue, actor, "labeled", { label: { name: label.name, color: label.color } });
      deliverIssue(this, "labeled", actor, issue, { label: renderLabel(this, label) });
    }
  }

  removeLabel(actor: string, issue: IssueRecord, label: LabelRecord): void {
    if (!issue.labels.includes(label.id)) return;
    issue.labels = issue.labels.filter((id) => id !== label.id);
    this.touch(issue);
    this.record(issue, actor, "unlabeled", { label: { name: label.name, color: label.color } });
    deliverIssue(this, "unlabeled", actor, issue, { label: renderLabel(this, label) });
  }

  setLabels(actor: string, issue: IssueRecord, names: string[]): void {
    const wanted = names.map((n) => this.ensureLabel(n));
    for (const id of [...issue.labels])
      if (!wanted.some((w) => w.id === id)) this.removeLabel(actor, issue, this.labelById(id));
    this.addLabels(
      actor,
      issue,
      wanted.map((w) => w.name),
    );
  }

  addAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    for (const login of logins) {
      const u = this.findUser(login);
      if (!u || issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) continue;
      if (issue.assignees.length >= 10) break;
      issue.assignees.push(u.login);
      this.touch(issue);
      this.record(issue, actor, "assigned", { assignee: u.login });
      deliverIssue(this, "assigned", actor, issue, { assignee: renderUser(this, u.login) });
    }
  }

  removeAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    for (const login of logins) {
      const current = issue.assignees.find((a) => a.toLowerCase() === login.toLowerCase());
      if (!current) continue;
      issue.assignees = issue.assignees.filter((a) => a !== current);
      this.touch(issue);
      this.record(issue, actor, "unassigned", { assignee: current });
      deliverIssue(this, "unassigned", actor, issue, { assignee: renderUser(this, current) });
    }
  }

  setAssignees(actor: string, issue: IssueRecord, logins: string[]): void {
    const keep = new Set(logins.map((l) => l.toLowerCase()));
    this.removeAssignees(
      actor,
      issue,
      issue.assignees.filter((a) => !keep.has(a.toLowerCase())),
    );
    this.addAssignees(actor, issue, logins);
  }

  close(actor: string, issue: IssueRecord, reason: string | null, commitId?: string): void {
    if (issue.state === "closed") {
      if (reason && reason !== issue.stateReason) issue.stateReason = reason;
      return;
    }
    const now = this.now();
    issue.state = "closed";
    issue.stateReason = issue.isPull ? null : (reason ?? "completed");
    issue.closedAt = now;
    issue.closedBy = actor;
    issue.updatedAt = now;
    const extra: Partial<EventRecord> = { stateReason: issue.stateReason };
    if (commitId) extra.commitId = commitId;
    this.record(issue, actor, "closed", extra);
    deliverIssue(this, "closed", actor, issue);
  }

  reopen(actor: string, issue: IssueRecord): void {
    if (issue.state === "open") return;
    issue.state = "open";
    issue.stateReason = issue.isPull ? null : "reopened";
    issue.closedAt = null;
    issue.closedBy = null;
    this.touch(issue);
    this.record(issue, actor, "reopened", { stateReason: issue.stateReason });
    deliverIssue(this, "reopened", actor, issue);
  }

  recordEvent(
    issue: IssueRecord,
    actor: string,
    event: string,
    extra: Partial<EventRecord> = {},
  ): EventRecord {
    return this.record(issue, actor, event, extra);
  }

  // ---- comments and reactions ----

  addComment(actor: string, issue: IssueRecord, body: string): CommentRecord {
    const id = this.nextId("comment");
    const now = this.now();
    const c: CommentRecord = {
      id,
      nodeId: this.nodeId("IC_", id),
      issueNumber: issue.number,
      body,
      user: actor,
      createdAt: now,
      updatedAt: now,
    };
    this.comments.set(id, c);
    issue.timeline.push({ kind: "comment", id });
    this.touch(issue);
    deliver(this, "issue_comment", "created", actor, {
      issue: this.issuePayload(issue),
      comment: renderComment(this, c),
    });
    return c;
  }

  editComment(actor: string, c: CommentRecord, body: string): void {
    const from = c.body;
    c.body = body;
    c.updatedAt = this.now();
    const issue = this.issues.get(c.issueNumber)!;
    deliver(this, "issue_comment", "edited", actor, {
      changes: { body: { from } },
      issue: this.issuePayload(issue),
      comment: renderComment(this, c),
    });
  }

  deleteComment(actor: string, c: CommentRecord): void {
    const issue = this.issues.get(c.issueNumber)!;
    const rendered = renderComment(this, c);
    issue.timeline = issue.timeline.filter((t) => !(t.kind === "comment" && t.id === c.id));
    this.comments.delete(c.id);
    for (const r of this.reactionsOf(c.id)) this.reactions.delete(r.id);
    this.touch(issue);
    deliver(this, "issue_comment", "deleted", actor, {
      issue: this.issuePayload(issue),
      comment: rendered,
    });
  }

  /** Returns the reaction and whether it is new (201) or already existed (200). */
  react(
    actor: string,
    c: CommentRecord,
    content: ReactionContent,
  ): { reaction: ReactionRecord; created: boolean } {
    const existing = this.reactionsOf(c.id).find(
      (r) => r.user.toLowerCase() === actor.toLowerCase() && r.content === content,
    );
    if (existing) return { reaction: existing, created: false };
    const id = this.nextId("reaction");
    const reaction: ReactionRecord = {
      id,
      nodeId: this.nodeId("REA_", id),
      commentId: c.id,
      user: actor,
      content,
      createdAt: this.now(),
    };
    this.reactions.set(id, reaction);
    return { reaction, created: true };
  }

  /** issue_comment payloads carry the issue (with `pull_request` for pull requests). */
  private issuePayload(issue: IssueRecord): Issue {
    return renderIssue(this, issue);
  }
}
