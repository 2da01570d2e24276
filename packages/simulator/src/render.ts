// Renders the simulator's records as GitHub's REST objects (see shapes.ts). One module per
// kind of object under render/; this index keeps `import { renderX } from "./render.js"`.
export {
  renderComment,
  renderEvent,
  renderIssue,
  renderLabel,
  renderReaction,
  renderTimelineComment,
} from "./render/issue.js";
export { renderPull } from "./render/pull.js";
export { renderRepository } from "./render/repository.js";
export { authorAssociation, renderApp, renderUser, repoApiUrl } from "./render/user.js";
