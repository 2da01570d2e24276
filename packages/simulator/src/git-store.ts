// A tiny git object database: blobs, nested trees and commits hashed exactly as git does
// (SHA-1 over "<type> <size>\0<payload>"), plus refs. Enough for the contents, git data and
// pull request endpoints.
import { createHash } from "node:crypto";

export type TreeMode = "100644" | "100755" | "040000" | "160000" | "120000";
export type TreeEntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  /** One path component (no slashes). */
  name: string;
  mode: TreeMode;
  type: TreeEntryType;
  sha: string;
}

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601, seconds precision. */
  date: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Signature;
  committer: Signature;
}

/** A flattened tree: path → entry. */
export interface FlatEntry {
  mode: TreeMode;
  type: TreeEntryType;
  sha: string;
}
export type FlatTree = Map<string, FlatEntry>;

/** A change for `buildTree`: `sha: null` deletes the path. */
export interface TreeChange {
  path: string;
  mode: TreeMode;
  type: TreeEntryType;
  sha: string | null;
}

function hash(type: string, payload: Buffer): string {
  return createHash("sha1").update(`${type} ${payload.length}\0`).update(payload).digest("hex");
}

function gitTime(iso: string): string {
  return `${Math.floor(Date.parse(iso) / 1000)} +0000`;
}

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, CommitObject>();
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refs = new Map<string, string>();

  putBlob(content: Buffer): string {
    const sha = hash("blob", content);
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    // git orders tree entries by name, comparing directories as if they ended with "/".
    const key = (e: TreeEntry): string => (e.type === "tree" ? `${e.name}/` : e.name);
    const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const payload = Buffer.concat(
      sorted.map((e) =>
        Buffer.concat([
          Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`),
          Buffer.from(e.sha, "hex"),
        ]),
      ),
    );
    const sha = hash("tree", payload);
    this.trees.set(sha, sorted);
    return sha;
  }

  putCommit(c: Omit<CommitObject, "sha">): string {
    const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${c.author.name} <${c.author.email}> ${gitTime(c.author.date)}`);
    lines.push(`committer ${c.committer.name} <${c.committer.email}> ${gitTime(c.committer.date)}`);
    const payload = Buffer.from(`${lines.join("\n")}\n\n${c.message}`);
    const sha = hash("commit", payload);
    this.commits.set(sha, { ...c, sha });
    return sha;
  }

  /** All files (and submodules) below a tree, by full path. */
  flatten(treeSha: string, prefix = "", out: FlatTree = new Map()): FlatTree {
    for (const e of this.trees.get(treeSha) ?? []) {
      const path = prefix + e.name;
      if (e.type === "tree") this.flatten(e.sha, `${path}/`, out);
      else out.set(path, { mode: e.mode, type: e.type, sha: e.sha });
    }
    return out;
  }

  /** Build a nested tree from a flat path map. */
  treeFromFlat(flat: FlatTree): string {
    const here: TreeEntry[] = [];
    const dirs = new Map<string, FlatTree>();
    for (const [path, entry] of flat) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        here.push({ name: path, ...entry });
      } else {
        const dir = path.slice(0, slash);
        const sub = dirs.get(dir) ?? new Map<string, FlatEntry>();
        sub.set(path.slice(slash + 1), entry);
        dirs.set(dir, sub);
      }
    }
    for (const [name, sub] of dirs)
      here.push({ name, mode: "040000", type: "tree", sha: this.treeFromFlat(sub) });
    return this.putTree(here);
  }

  /** Apply changes on top of an optional base tree (git/create-tree semantics). */
  buildTree(baseTree: string | undefined, changes: TreeChange[]): string {
    const flat: FlatTree = baseTree ? this.flatten(baseTree) : new Map<string, FlatEntry>();
    for (const c of changes) {
      const path = c.path.replace(/^\/+|\/+$/g, "");
      if (c.sha === null) {
        flat.delete(path);
        for (const k of [...flat.keys()]) if (k.startsWith(`${path}/`)) flat.delete(k);
      } else if (c.type === "tree") {
        for (const k of [...flat.keys()]) if (k.startsWith(`${path}/`)) flat.delete(k);
        for (const [sub, e] of this.flatten(c.sha)) flat.set(`${path}/${sub}`, e);
      } else {
        flat.set(path, { mode: c.mode, type: c.type, sha: c.sha });
      }
    }
    return this.treeFromFlat(flat);
  }

  /** The entry at `path` below a tree (a file, a directory or nothing). */
  lookup(treeSha: string, path: string): TreeEntry | undefined {
    const parts = path.split("/").filter((p) => p !== "");
    let entries = this.trees.get(treeSha);
    let found: TreeEntry | undefined =
      parts.length === 0 ? { name: "", mode: "040000", type: "tree", sha: treeSha } : undefined;
    for (let i = 0; i < parts.length; i++) {
      found = entries?.find((e) => e.name === parts[i]);
      if (!found) return undefined;
      if (i < parts.length - 1) {
        if (found.type !== "tree") return undefined;
        entries = this.trees.get(found.sha);
      }
    }
    return found;
  }

  /** Resolve a branch name, `heads/x`, `refs/heads/x`, a tag or a commit sha to a commit sha. */
  resolve(ref: string): string | undefined {
    for (const candidate of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(candidate);
      if (sha) return sha;
    }
    if (/^[0-9a-f]{40}$/.test(ref) && this.commits.has(ref)) return ref;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const hits = [...this.commits.keys()].filter((s) => s.startsWith(ref));
      if (hits.length === 1) return hits[0];
    }
    return undefined;
  }

  /** Commits reachable from `sha` (itself included). */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commits.get(s)?.parents ?? []));
    }
    return seen;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor);
  }

  /** A best common ancestor (the first one found walking `b` breadth-first). */
  mergeBase(a: string, b: string): string | undefined {
    const fromA = this.ancestors(a);
    const queue = [b];
    const seen = new Set<string>();
    while (queue.length) {
      const s = queue.shift()!;
      if (seen.has(s)) continue;
      seen.add(s);
      if (fromA.has(s)) return s;
      queue.push(...(this.commits.get(s)?.parents ?? []));
    }
    return undefined;
  }

  /**
   * Three-way merge of `head` into `base` at the tree level (whole files): returns the
   * merged tree sha, or `undefined` on a conflict.
   */
  mergeTrees(base: string, head: string): string | undefined {
    const mb = this.mergeBase(base, head);
    const treeOf = (c: string | undefined): FlatTree =>
      c ? this.flatten(this.commits.get(c)!.tree) : new Map<string, FlatEntry>();
    const o = treeOf(mb);
    const b = treeOf(base);
    const h = treeOf(head);
    const same = (x?: { sha: string; mode: string }, y?: { sha: string; mode: string }): boolean =>
      x?.sha === y?.sha && x?.mode === y?.mode;
    const out: FlatTree = new Map();
    for (const path of new Set([...o.keys(), ...b.keys(), ...h.keys()])) {
      const [eo, eb, eh] = [o.get(path), b.get(path), h.get(path)];
      let pick: typeof eo;
      if (same(eh, eo)) pick = eb;
      else if (same(eb, eo) || same(eb, eh)) pick = eh;
      else return undefined;
      if (pick) out.set(path, pick);
    }
    return this.treeFromFlat(out);
  }
}
