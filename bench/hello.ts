/** The reference: a bare Hono "hello world" on @hono/node-server, same Node, same pinning as Liens. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("Hello, world!"));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: "127.0.0.1" });
const stop = () => server.close(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
