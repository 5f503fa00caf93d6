// Child process of the runtime test: imports example modules as plain Node would run them
// (types stripped, `gql` = fizz-gql/runtime) and sends back the object of each canonical ID.
import { pathToFileURL } from "node:url";

import { pick } from "./examples.mjs";

const [root, ...ids] = process.argv.slice(2);
const objects = {};
for (const id of ids) {
  const [file, astPath] = id.split("::");
  const exports = await import(pathToFileURL(`${root}/${file}`).href);
  objects[id] = pick(exports, astPath);
}
process.send(objects, () => process.exit(0));
