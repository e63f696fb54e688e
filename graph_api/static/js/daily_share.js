// The daily puzzle's browser-side memory and share text: the anonymous player id, the rows
// of each day's attempts, the streak (all in localStorage), and the spoiler-free result text.

const PLAYER_KEY = "puckpath.daily.player";
const STREAK_KEY = "puckpath.daily.streak";
const dayKey = (date) => `puckpath.daily.day.${date}`;

function read(key, fallback) {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full storage: the page still works, it only forgets.
  }
}

export function randomId(bytes = 16) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The random id this browser plays under (made once, kept): no account, no name.
export function anonymousId() {
  let id = read(PLAYER_KEY, null);
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    id = randomId();
    write(PLAYER_KEY, id);
  }
  return id;
}

// What this browser sent on a date: one row of hop verdicts per attempt.
export const dayRows = (date) => read(dayKey(date), { rows: [] }).rows;

export function rememberAttempt(date, attemptId, hopValid) {
  const day = read(dayKey(date), { rows: [], ids: [] });
  day.ids = day.ids || [];
  if (day.ids.includes(attemptId)) return;
  day.ids.push(attemptId);
  day.rows.push(hopValid);
  write(dayKey(date), day);
}

const previousDay = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

// The streak: days in a row with the puzzle solved (a solved day counts once).
export function streak() {
  return read(STREAK_KEY, { last: null, count: 0, best: 0 });
}

export function recordSolved(date) {
  const s = streak();
  if (s.last === date) return s;
  const count = s.last === previousDay(date) ? s.count + 1 : 1;
  const next = { last: date, count, best: Math.max(s.best || 0, count) };
  write(STREAK_KEY, next);
  return next;
}

// A streak that missed yesterday (and today is not solved yet) is shown as 0.
export function currentStreak(today) {
  const s = streak();
  return s.last === today || s.last === previousDay(today) ? s.count : 0;
}

// The share text: one line of squares per attempt (green: a teammate link, red: the bad hop,
// white: not reached), then the score against par and the rarity. Names nobody.
export function shareText(puzzle, result, rows, origin) {
  const lines = [`puckpath daily ${puzzle.date}`];
  for (const row of rows) {
    const bad = row.indexOf(false);
    lines.push(row.map((ok, i) => (bad === -1 || i < bad ? "🟩" : i === bad ? "🟥" : "⬜")).join(""));
  }
  if (result.solved) {
    const over = result.over_par === 0 ? "par" : `+${result.over_par}`;
    lines.push(`${result.hops} links (${over}) · rarity ${result.rarity}`);
  } else {
    lines.push(`not solved (par ${puzzle.par})`);
  }
  lines.push(`${origin}/?view=daily`);
  return lines.join("\n");
}
