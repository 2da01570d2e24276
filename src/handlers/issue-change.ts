// Changes made by hand on an incident issue: the incident label added (declaring) or
// removed (cancelling), a severity or status label swapped, the issue closed or reopened.
// The reducer records them on the timeline; here we only decide whether to converge and whom
// to notify.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { ConfigError, type Config } from "../config.js";
import type { Incident, IssueSnapshot } from "../core/types.js";
import { commentOnce, notifyWrite, writtenMarkers } from "../core/declaration.js";
import { hasLabel, levelOfLabel, severityLabel, statusOfLabel } from "../core/labels.js";
import { configReply } from "../core/replies.js";
import { isIncidentIssue, reduceIncident } from "../core/reducer.js";
import { raisedBy } from "../core/raise.js";
import { refreshParentRecord } from "./action-items.js";
import { inOrder } from "../core/plan.js";
import { ignored, joined, Run, type HandlerContext, type HandlerResult } from "./context.js";
import { declareIncident, startLabelRead } from "./declare.js";
import { afterHandClose, finishPending } from "./postmortem.js";

export type IssueChangeEvent = EmitterWebhookEvent<
  "issues.labeled" | "issues.unlabeled" | "issues.closed" | "issues.reopened"
>;

const DEFAULT_INCIDENT_LABEL = "incident";

export async function onIssueChange(
  event: IssueChangeEvent,
  ctx: HandlerContext,
): Promise<HandlerResult> {
  const { payload } = event;
  // hereby's own writes come back as events: skip them when it knows its login (with a
  // person's token, their own changes too: the next event's reducer records those). Other
  // apps are acted on like people; with the login unknown every event is handled.
  const sender = payload.sender.login.toLowerCase();
  if (ctx.self && sender === ctx.self.toLowerCase()) return ignored("hereby's own change");
  if ((payload.issue as { pull_request?: unknown }).pull_request) return ignored("pull request");
  const run = new Run(ctx);
  const issueNumber = payload.issue.number;
  const labelsNow = (payload.issue.labels ?? []).flatMap((l) => (l ? [l.name] : []));

  const label =
    payload.action === "labeled" || payload.action === "unlabeled"
      ? (payload.label?.name ?? "")
      : "";
  const { read, earlyLabels } = startReads(run, payload.action, label, labelsNow, issueNumber);

  const loaded = await run.config().then(
    (config) => ({ config }),
    (error: unknown) => {
      if (error instanceof ConfigError) return { error };
      throw error;
    },
  );
  if ("error" in loaded) return answerInvalidConfig(run, loaded.error, labelsNow, read);
  const { config } = loaded;

  if (
    payload.action === "labeled" &&
    label.toLowerCase() === config.labels.incident.toLowerCase()
  ) {
    const labels = earlyLabels ?? startLabelRead(run);
    const snapshot = await read();
    return run.result(await declareIncident(run, config, snapshot, { labels }));
  }
  if (payload.action === "unlabeled")
    return onIncidentLabelRemoved(run, config, label, issueNumber, read);
  if (!isIncidentIssue(labelsNow, config)) {
    // An action item closed or reopened: its incident's record lists its state.
    if (payload.action !== "labeled" && hasLabel(labelsNow, config.labels.action))
      return refreshParentRecord(run, config, issueNumber);
    return ignored("not an incident");
  }
  if (
    payload.action === "labeled" &&
    levelOfLabel(config, label) === null &&
    statusOfLabel(config, label) === null
  ) {
    return ignored(`label "${label}" is not hereby's`);
  }

  return onIncidentChanged(run, config, payload, label, await read());
}

/** When the default label names say the event is ours, the issue is read while the config
 * loads: a round trip saved on every change by hand. Other events wait for the config, so
 * a label added to any other issue costs one read, not three. Declaring also needs the
 * repository's labels (to create missing ones). */
function startReads(
  run: Run,
  action: IssueChangeEvent["payload"]["action"],
  label: string,
  labelsNow: string[],
  issue: number,
) {
  const early = likelyOurs(action, label, labelsNow) ? run.read(issue) : null;
  early?.catch(() => {});
  const declaring = action === "labeled" && label.toLowerCase() === DEFAULT_INCIDENT_LABEL;
  const earlyLabels = declaring ? startLabelRead(run) : null;
  earlyLabels?.catch(() => {});
  return { read: () => early ?? run.read(issue), earlyLabels };
}

/** Without a valid config the label names are unknown: answer where the default incident
 * label is, so a broken file doesn't leave an incident silently unhandled. */
async function answerInvalidConfig(
  run: Run,
  error: ConfigError,
  labelsNow: string[],
  read: () => Promise<IssueSnapshot>,
): Promise<HandlerResult> {
  if (labelsNow.some((l) => l.toLowerCase() === DEFAULT_INCIDENT_LABEL)) {
    const snapshot = await read();
    const written = writtenMarkers(snapshot.comments, run.ctx.self);
    await run.apply(inOrder(commentOnce(written, snapshot.issue.number, configReply(error))));
  }
  return { ...run.result(), configError: error };
}

/** A change by hand on an incident: the record follows it, a raised severity pages,
 * closing it resolves (the postmortem follows), and a pending postmortem is finished. */
async function onIncidentChanged(
  run: Run,
  config: Config,
  payload: IssueChangeEvent["payload"],
  label: string,
  snapshot: IssueSnapshot,
): Promise<HandlerResult> {
  const level = payload.action === "labeled" ? levelOfLabel(config, label) : null;
  const converged = await run.converge({ issue: payload.issue.number, config, first: snapshot });
  const { snapshot: after, incident } = converged;
  const sender = payload.sender.login.toLowerCase();
  if (level !== null) await notifyRaise(run, config, { after, incident }, level, sender);
  const around = { defaultBranch: payload.repository.default_branch, done: converged };
  const postmortem =
    payload.action === "closed" && payload.sender.type !== "Bot"
      ? await afterHandClose(run, config, incident, after, payload.sender.login, around)
      : await finishPending(run, config, incident, after, around);
  return run.result(joined(converged.outcome, postmortem));
}

/** Whether the default label names say the event is hereby's (before the config is read). */
function likelyOurs(
  action: IssueChangeEvent["payload"]["action"],
  label: string,
  labelsNow: string[],
): boolean {
  if (action === "labeled") return /^(incident$|severity:|status:)/i.test(label);
  if (action === "unlabeled") return label.toLowerCase() === DEFAULT_INCIDENT_LABEL;
  return labelsNow.some((l) => l.toLowerCase() === DEFAULT_INCIDENT_LABEL);
}

/** The incident label taken off by a person cancels the incident (core/cancellation.ts);
 * other labels taken off are left to the next event's record. */
async function onIncidentLabelRemoved(
  run: Run,
  config: Config,
  label: string,
  issueNumber: number,
  read: () => Promise<IssueSnapshot>,
): Promise<HandlerResult> {
  if (label.toLowerCase() !== config.labels.incident.toLowerCase())
    return ignored(`label "${label}" removed: only removing the incident label is hereby's`);
  const snapshot = await read();
  if (reduceIncident(snapshot, config, { self: run.ctx.self ?? null }).declaredAt === null)
    return ignored("not an incident");
  const { outcome } = await run.converge({ issue: issueNumber, config, first: snapshot });
  return run.result(outcome);
}

/** The label event this delivery is about: the history says whether it raised the
 * severity, and its id keys the notification so a redelivery doesn't notify twice. */
async function notifyRaise(
  run: Run,
  config: Config,
  state: { after: IssueSnapshot; incident: Incident },
  level: string,
  sender: string,
): Promise<void> {
  const { after, incident } = state;
  const labelEvent = [...after.events]
    .reverse()
    .find(
      (e) =>
        e.event === "labeled" &&
        e.actor.toLowerCase() === sender &&
        e.label?.toLowerCase() === severityLabel(config, level).toLowerCase(),
    );
  const raised = labelEvent ? raisedBy(incident, config, `event:${labelEvent.id}`) : null;
  const notify = raised
    ? notifyWrite(
        incident,
        config,
        raised,
        `raised-event-${labelEvent?.id}`,
        true,
        writtenMarkers(after.comments, run.ctx.self),
      )
    : null;
  if (notify) await run.apply(inOrder([notify]));
}
