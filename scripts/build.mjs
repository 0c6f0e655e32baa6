// Builds what `npm start` runs: our TypeScript/JSX sources bundled into one ES module
// (dist/liens.mjs; packages stay in node_modules) plus the static files beside it. Running the
// bundle instead of transpiling on the fly keeps the TypeScript loader out of the server process
// (about 40 MB of memory, and its module hooks).
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const dist = new URL("dist/", root);

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [new URL("src/main.ts", root).pathname],
  outfile: new URL("liens.mjs", dist).pathname,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node24",
  sourcemap: "linked",
  logLevel: "warning",
});
cpSync(new URL("src/web/public", root), new URL("public", dist), { recursive: true });
