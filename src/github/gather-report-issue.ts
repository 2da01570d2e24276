// The issues carrying the report label: one request (the label is hereby's; a page holds 100).
import type { ReportIssueListed } from "../core/report/report-issue.js";
import type { GitHub, RepoRef } from "./client.js";

export async function listReportIssues(octokit: GitHub, repo: RepoRef, label: string): Promise<ReportIssueListed[]> {
  const items = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: label, state: "all", sort: "created", direction: "asc", per_page: 100 });
  return items
    .filter((i) => !i.pull_request)
    .map((i) => ({ number: i.number, body: i.body ?? "", author: i.user?.login ?? "ghost", authorIsBot: i.user?.type === "Bot" }));
}
