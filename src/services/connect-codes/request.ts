import { Invalid } from "../../domain/errors.ts";
import { type RequestInput, sendConnectionRequest } from "../connections/request.ts";
import type { Deps, Viewer } from "../deps.ts";
import { resolveConnectCode } from "./resolve.ts";

/**
 * Asks the code's owner to connect, as someone who met them in person (source "qr"). Answers
 * "expired" when the code ran out between scanning and sending.
 */
export async function requestThroughCode(
  deps: Deps,
  viewer: Viewer,
  token: string,
  input: RequestInput,
): Promise<{ state: "expired" } | { state: "sent" | "connected"; ownerHandle: string }> {
  const code = await resolveConnectCode(deps, viewer, token);
  if (code.state === "expired") return code;
  if (code.viewerIs === "owner") throw Invalid.field("", "error.connectCode.own");
  const { status } = await sendConnectionRequest(deps, viewer, code.owner.id, input, {
    source: "qr",
    eventId: code.eventId,
  });
  return { state: status, ownerHandle: code.owner.handle };
}
