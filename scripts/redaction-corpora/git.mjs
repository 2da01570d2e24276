// Reads files out of a git repository (a bare mirror is enough) at one commit.
import { execFileSync } from "node:child_process";

export const git = (dir, ...args) =>
  execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });

export const gitFiles = (dir, commit, under) =>
  git(dir, "ls-tree", "-r", "--name-only", commit, under).split("\n").filter(Boolean);
