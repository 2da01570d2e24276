// Webhook deliveries GitHub would send for the simulator's state changes, shaped like the
// payloads in @octokit/webhooks-examples: `action`, the subject (`issue`, `comment`,
// `pull_request`, ...), `repository`, `sender` and `installation`.
import { renderIssue, renderPull, renderRepository, renderUser } from "./render.js";
import type { Delivery, IssueRecord, WebhookEventName, WebhookPayload } from "./records.js";
import type { Store } from "./store.js";

export type { Delivery, WebhookEventName, WebhookPayload } from "./records.js";

/** Deterministic, uuid-shaped delivery ids (GitHub's are version-1 GUIDs). */
function deliveryId(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-0000-11f0-8000-${hex.padStart(12, "0")}`;
}

export function deliver(
  s: Store,
  name: WebhookEventName,
  action: string,
  actor: string,
  fields: Record<string, unknown>,
): Delivery {
  const payload: WebhookPayload = {
    action,
    ...fields,
    repository: { ...renderRepository(s), custom_properties: {} },
    sender: renderUser(s, actor),
    // The legacy global node id GitHub sends for installations ("023:IntegrationInstallation<id>").
    installation: {
      id: s.installationId,
      node_id: Buffer.from(`023:IntegrationInstallation${s.installationId}`).toString("base64"),
    },
  };
  const delivery: Delivery = {
    id: deliveryId(s.deliveries.length + s.deliveriesTaken + 1),
    name,
    payload,
  };
  s.deliveries.push(delivery);
  return delivery;
}

/**
 * An `issues` delivery, or a `pull_request` one when the issue is a pull request
 * (GitHub sends `pull_request.labeled`, not `issues.labeled`, for pull requests).
 */
export function deliverIssue(
  s: Store,
  action: string,
  actor: string,
  issue: IssueRecord,
  fields: Record<string, unknown> = {},
): Delivery {
  const pull = issue.isPull ? s.pulls.get(issue.number) : undefined;
  if (pull)
    return deliver(s, "pull_request", action, actor, {
      number: issue.number,
      pull_request: renderPull(s, pull),
      ...fields,
    });
  return deliver(s, "issues", action, actor, { issue: renderIssue(s, issue), ...fields });
}
