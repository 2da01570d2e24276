// Every implemented operation, by GitHub's operationId.
import { appRoutes } from "./apps.js";
import { changeRoutes } from "./changes.js";
import { commentRoutes } from "./comments.js";
import { compareRoutes } from "./compare.js";
import type { Handler } from "./context.js";
import { gitRoutes } from "./git.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { pullRoutes } from "./pulls.js";
import { repoRoutes } from "./repos.js";
import { subIssueRoutes } from "./sub-issues.js";

export const routes: Readonly<Record<string, Handler>> = {
  ...issueRoutes,
  ...labelRoutes,
  ...commentRoutes,
  ...subIssueRoutes,
  ...repoRoutes,
  ...compareRoutes,
  ...gitRoutes,
  ...pullRoutes,
  ...appRoutes,
  ...changeRoutes,
};

export const implementedOperations: readonly string[] = Object.keys(routes).sort();
