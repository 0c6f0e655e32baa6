import { defineArea } from "../area.ts";

export const connections = defineArea(
  {
    "nav.network": "Network",
  },
  {
    "nav.network": "Réseau",
  },
);
