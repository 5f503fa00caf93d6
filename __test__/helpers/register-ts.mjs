// `node --import` entry: TypeScript hooks plus source-mapped stack traces.
import { register } from "node:module";

process.setSourceMapsEnabled(true);
register("./ts-hooks.mjs", import.meta.url);
