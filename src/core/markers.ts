// Hidden HTML comments are how the bot finds its own work again: the managed block in
// the body, and a marker in every comment it writes naming what the comment is for, so a
// redelivered event or a retried write never posts the same comment twice.

export const BLOCK_START = "<!-- hereby:start -->";
export const BLOCK_END = "<!-- hereby:end -->";

export type MarkerKind =
  | "checklist"
  | "notify"
  | "rejected"
  | "refused"
  | "secret"
  | "help"
  | "config"
  /** In the block: this write put back a person's overwritten description text. */
  | "restored"
  /** In the checklist: who declared, should the declaring comment disappear. */
  | "declarer"
  /** In the checklist: the declarer was below the permission; nobody paged until confirmed. */
  | "unconfirmed"
  /** Postmortem pull request: opened, merged, and the replies about it. */
  | "postmortem"
  // ---- action items and reviews ----
  /** In a review issue's body: the incident it reviews. */
  | "review"
  /** A review cycle's comment: `<incident>:<cycle>`. */
  | "cycle"
  /** The close-out comment: `<incident>:<cycle>`. */
  | "closeout"
  /** In an action item's body: the command (or postmortem line) that created it. */
  | "action"
  /** hereby's answer to a comment's /action lines, or to a merged postmortem. */
  | "actions"
  /** On an action item: the reason `/action wontfix` gave (`<comment id>.<line>`). */
  | "wontfix"
  /** hereby's answer to an edit of the form's "When did it start?": the start that stands. */
  | "formstart"
  /** The offer to take a backdated entry as the impact start: the comment's id. */
  | "impactoffer"
  /** On an incident: its review issue's number. */
  | "reviewissue"
  // ---- the insights report ----
  /** The answer to a `/report` line: `<comment id>:<since or all>`. */
  | "report"
  /** The pointer to a report posted minutes before, instead of a new one (same key). */
  | "reportrecent"
  /** In the report issue's body: the issue hereby keeps the monthly report in. */
  | "reportissue"
  /** In the report issue's body: the month (`YYYY-MM`) its report was written for. */
  | "reportmonth"
  // ---- what changed ----
  /** The "Changes around this incident" comment: the window's start. */
  | "changes"
  /** One entry of that comment: its data, base64url JSON (changes/comment.ts). */
  | "change"
  /** In the block: the id of the changes comment. */
  | "changescomment";

/** `<!-- hereby:<kind> <key> -->`: key says which comment or change it answers. */
export function marker(kind: MarkerKind, key: string): string {
  return `<!-- hereby:${kind} ${key.replace(/[^A-Za-z0-9:=@._-]/g, "")} -->`;
}

const MARKER_RE = /<!-- hereby:([a-z]+) ([A-Za-z0-9:=@._-]*) -->/g;

export interface FoundMarker {
  kind: MarkerKind;
  key: string;
}

/** Markers in a comment body written by the bot. */
export function findMarkers(body: string): FoundMarker[] {
  const found: FoundMarker[] = [];
  for (const match of body.matchAll(MARKER_RE)) {
    found.push({ kind: match[1] as MarkerKind, key: match[2] ?? "" });
  }
  return found;
}

/** A short stable hash of a text (FNV-1a), so a marker can name one revision of a comment. */
export function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
