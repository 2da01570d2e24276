// dist/index.js: the Action's entry. Everything happens in run().
import { run } from "./action.js";

await run();
