// How the demo tells what happened: a person's comment, then what hereby did about it
// (reactions, labels, assignees, state, its comments), as someone watching the issue
// on github.com would see it.
import type { Playground } from "./playground.js";

interface Seen {
  comments: number;
  labels: string;
  assignees: string;
  state: string;
}

type SimIssue = {
  labels: ({ name?: string } | string)[];
  assignees?: { login: string }[] | null;
  state: string;
  state_reason?: string | null;
  body?: string | null;
};
type SimComment = { id: number; body?: string; user: { login: string } | null };

const labelNames = (issue: SimIssue) =>
  issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).sort();

export const simIssue = (pg: Playground, n: number) => pg.sim.issue(n) as unknown as SimIssue;
export const simComments = (pg: Playground, n: number) =>
  pg.sim.comments(n) as unknown as SimComment[];

// Properties, not methods: the demo's steps take `{ say, show }` apart; they are closures.
export interface Narrator {
  /** What changed on the issue since last shown, with hereby's reactions on `commentId`. */
  show: (n: number, commentId?: number) => void;
  /** `minutes` later, a person's comment, then what hereby did about it. */
  say: (login: string, n: number, body: string, minutes?: number) => Promise<void>;
}

export function narrator(pg: Playground, out: (line: string) => void): Narrator {
  let seen: Seen = { comments: 0, labels: "", assignees: "", state: "open" };
  const reactions = (commentId: number) => {
    const marks = (pg.sim.reactions(commentId) as unknown as { content: string }[]).map((r) =>
      r.content === "+1" ? "👍" : r.content === "confused" ? "😕" : r.content,
    );
    if (marks.length > 0) out(`    hereby reacts ${marks.join(" ")}`);
  };
  const herebyComments = (all: SimComment[]) => {
    for (const c of all.slice(seen.comments)) {
      if (!c.user?.login.endsWith("[bot]")) continue;
      const lines = (c.body ?? "")
        .replace(/<!--[\s\S]*?-->/g, "")
        .trim()
        .split("\n")
        .filter((l) => l.trim() !== "");
      out(`    hereby comments: ${lines[0] ?? ""}`);
      for (const line of lines.slice(1, 4)) out(`                     ${line}`);
      if (lines.length > 4) out(`                     … (${lines.length - 4} more lines)`);
    }
  };
  const show = (n: number, commentId?: number) => {
    const now = simIssue(pg, n);
    const labels = labelNames(now).join(", ");
    const assignees = (now.assignees ?? []).map((a) => `@${a.login}`).join(", ");
    if (commentId !== undefined) reactions(commentId);
    if (labels !== seen.labels) out(`    labels     → ${labels}`);
    if (assignees !== seen.assignees) out(`    assignees  → ${assignees || "(none)"}`);
    if (now.state !== seen.state)
      out(`    issue      → ${now.state}${now.state_reason ? ` (${now.state_reason})` : ""}`);
    const all = simComments(pg, n);
    herebyComments(all);
    seen = { comments: all.length, labels, assignees, state: now.state };
  };
  const say = async (login: string, n: number, body: string, minutes = 3) => {
    pg.advance(minutes);
    out("");
    out(`${pg.clock().toISOString().slice(11, 16)} UTC  @${login} comments:`);
    for (const line of body.split("\n")) out(`    > ${line}`);
    const id = await pg.comment(login, n, body);
    await pg.settle();
    show(n, id);
  };
  return { show, say };
}
