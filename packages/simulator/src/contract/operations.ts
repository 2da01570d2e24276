// Operation matching: which of GitHub's operations a method and a path are, with the
// decoded path parameters. The most specific template wins, as on GitHub.
import type { OpenApiSubset } from "./subset.js";

export interface MatchedOperation {
  operationId: string;
  method: string;
  template: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
}

interface CompiledOperation {
  method: string;
  template: string;
  operationId: string;
  segments: ({ literal: string } | { param: string })[];
  /** Number of literal segments, for choosing the most specific template. */
  literals: number;
}

type Binding = { values: Record<string, string>; greedy: boolean };

/**
 * Parameters that GitHub accepts with unencoded slashes when they end the path
 * (`contents/{path}`, `git/ref/{ref}`, `branches/{branch}`). Octokit sends them
 * percent-encoded (`heads%2Fmain`), which matches a single segment anyway.
 */
const GREEDY_PARAMS = new Set(["path", "ref", "branch"]);

/** Decode one path segment; malformed escapes stay as they are. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile([
  method,
  template,
  operationId,
]: OpenApiSubset["operations"][number]): CompiledOperation {
  const segments = template
    .split("/")
    .slice(1)
    .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s }));
  return {
    method,
    template,
    operationId,
    segments,
    literals: segments.filter((s) => "literal" in s).length,
  };
}

/** Literal beats parameter at the first position where they differ. */
function moreSpecific(a: CompiledOperation, b: CompiledOperation): boolean {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const la = "literal" in a.segments[i]!;
    const lb = "literal" in b.segments[i]!;
    if (la !== lb) return la;
  }
  return a.literals > b.literals;
}

function bind(op: CompiledOperation, raw: string[]): Binding | undefined {
  const values: Record<string, string> = {};
  const segs = op.segments;
  const last = segs[segs.length - 1];
  const greedyTail = last !== undefined && "param" in last && GREEDY_PARAMS.has(last.param);
  if (raw.length !== segs.length && !(greedyTail && raw.length > segs.length)) return undefined;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const part = raw[i];
    if (part === undefined) return undefined;
    if ("literal" in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      if (part === "") return undefined;
      if (i === segs.length - 1 && raw.length > segs.length) {
        const rest = raw.slice(i);
        if (rest.some((p) => p === "")) return undefined;
        values[seg.param] = rest.map(decodeSegment).join("/");
        return { values, greedy: true };
      }
      values[seg.param] = decodeSegment(part);
    }
  }
  return { values, greedy: false };
}

export class OperationIndex {
  private readonly byMethod = new Map<string, CompiledOperation[]>();

  constructor(operations: OpenApiSubset["operations"]) {
    for (const operation of operations) {
      const op = compile(operation);
      const list = this.byMethod.get(op.method) ?? [];
      list.push(op);
      this.byMethod.set(op.method, list);
    }
  }

  /** Find the operation for a method and a (still percent-encoded) path. */
  match(method: string, path: string): MatchedOperation | undefined {
    const raw = path.split("/").slice(1);
    let best:
      { op: CompiledOperation; params: Record<string, string>; greedy: boolean } | undefined;
    for (const op of this.byMethod.get(method.toUpperCase()) ?? []) {
      const params = bind(op, raw);
      if (!params) continue;
      const greedy = params.greedy;
      const better =
        !best || (best.greedy && !greedy) || (best.greedy === greedy && moreSpecific(op, best.op));
      if (better) best = { op, params: params.values, greedy };
    }
    if (!best) return undefined;
    return {
      operationId: best.op.operationId,
      method: best.op.method,
      template: best.op.template,
      params: best.params,
    };
  }

  /** Does any method exist for this path? */
  pathExists(path: string): boolean {
    const raw = path.split("/").slice(1);
    for (const list of this.byMethod.values())
      for (const op of list) if (bind(op, raw)) return true;
    return false;
  }
}
