// Who is calling: the `Authorization` header read as GitHub reads it. A user's token, the
// App's JWT, or no one; an installation token also names its installation.
import type { Actor, State } from "./state.js";

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface Caller {
  actor: Actor;
  /** GitHub's 401 message for credentials it can't read or doesn't know. */
  error?: string;
  /** As the request log names it: the login, `"<slug> (app JWT)"`, or `"(anonymous)"`. */
  name: string;
  /** The installation whose token made the request (installation tokens only). */
  installation?: number;
}

export function authenticate(state: State, header: string | undefined): Caller {
  const { actor, error } = actorOf(state, header);
  const name =
    actor.kind === "user"
      ? actor.login
      : actor.kind === "app"
        ? `${state.appSlug} (app JWT)`
        : "(anonymous)";
  const installation = state.tokenInstallations.get(/\S+$/.exec(header ?? "")?.[0] ?? "");
  return {
    actor,
    name,
    ...(error ? { error } : {}),
    ...(installation !== undefined ? { installation } : {}),
  };
}

function actorOf(state: State, header: string | undefined): { actor: Actor; error?: string } {
  if (!header) return { actor: { kind: "anonymous" } };
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  if (!m) return { actor: { kind: "anonymous" }, error: "Bad credentials" };
  const token = m[1]!;
  const login = state.tokens.get(token);
  if (login) return { actor: { kind: "user", login } };
  if (JWT.test(token)) return { actor: { kind: "app" } };
  return { actor: { kind: "anonymous" }, error: "Bad credentials" };
}

/** GitHub's 401 for a caller it can't authenticate; undefined for one it can. */
export function unauthenticated(caller: Caller): string | undefined {
  if (caller.error) return caller.error;
  return caller.actor.kind === "anonymous" ? "Requires authentication" : undefined;
}
