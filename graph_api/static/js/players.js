// Player search for every autocomplete box on the page (GET /players?q=).

import { getJSON } from "./api.js";
import { careerSpan, positionLabel } from "./format.js";
import { toPlayer } from "./shapes.js";

export const SEARCH_LIMIT = 8;

export async function searchPlayers(q, signal) {
  const data = await getJSON("/players", { q, limit: SEARCH_LIMIT }, signal);
  const rows = Array.isArray(data) ? data : data.players || data.results || [];
  return rows.map((raw) => {
    const player = toPlayer(raw);
    const meta = [positionLabel(player.position), careerSpan(player.first_season, player.last_season)]
      .filter(Boolean).join(" · ");
    return { ...player, meta };
  });
}
