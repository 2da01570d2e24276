// Runs one of the CLI's commands in-process against a playground's simulated GitHub (its
// URL as GITHUB_API_URL, as for GitHub Enterprise Server), collecting what it prints.
import type { Playground } from "../../packages/simulator/src/demo/playground.js";

type Io = { out: (line: string) => void; err: (line: string) => void };
type Command = (
  args: string[],
  io: Io,
  env: NodeJS.ProcessEnv,
  clock: () => Date,
) => Promise<number>;

export async function runCli(
  command: Command,
  p: Playground,
  args: string[],
  env: NodeJS.ProcessEnv = { GITHUB_TOKEN: p.sim.botToken, GITHUB_API_URL: `${p.sim.url}/api/v3` },
) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const code = await command(args, io, env, () => p.clock());
  return { code, out: out.join("\n"), err: err.join("\n") };
}
