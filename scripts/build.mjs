// Builds what `npm start` runs: our TypeScript/JSX sources bundled into one ES module
// (dist/liens.mjs; packages stay in node_modules) plus the static files beside it. Running the
// bundle instead of transpiling on the fly keeps the TypeScript loader out of the server process
// (about 40 MB of memory, and its module hooks).
// The jobs thread (src/jobs-thread.ts) gets a bundle of its own, packages included: only what it
// uses of them, where importing them whole would cost the thread about 20 MB more.
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const dist = new URL("dist/", root);

rmSync(dist, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  sourcemap: "linked",
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: [new URL("src/main.ts", root).pathname],
  outfile: new URL("liens.mjs", dist).pathname,
  packages: "external",
});
await build({
  ...common,
  entryPoints: [new URL("src/jobs-thread.ts", root).pathname],
  outfile: new URL("jobs-thread.mjs", dist).pathname,
  // Loaded only for PostgreSQL, where no jobs thread runs.
  external: ["pg"],
});
cpSync(new URL("src/web/public", root), new URL("public", dist), { recursive: true });
