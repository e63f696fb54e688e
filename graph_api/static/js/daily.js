// The "Daily" tab: today's pair, a chain builder with autocomplete, the verdict of each chain,
// and once the day is over the statistics, the rarity of each link, a share text and the
// streak. Yesterday's puzzle shows its optimal chains. Loaded the first time the tab opens.

import { ApiError, getJSON, postJSON } from "./api.js";
import { PlayerCombobox } from "./autocomplete.js";
import { el, plural, setStatus } from "./format.js";
import { describeError, linkedChain, playerLink } from "./path_view.js";
import { searchPlayers } from "./players.js";
import {
  anonymousId, currentStreak, dayRows, randomId, recordSolved, rememberAttempt, shareText,
} from "./daily_share.js";

const $ = (id) => document.getElementById(id);
const percent = (share) => `${Math.round(share * 100)}%`;

export class DailyPuzzle {
  constructor() {
    this.player = anonymousId();
    this.puzzle = null;
    this.result = null;
    this.draft = [];
    this.pending = null; // {key, id}: a chain resent after a failure keeps its attempt id
    this.status = $("daily-status");
    this.board = $("daily-puzzle");
    this.resultBox = $("daily-result");
    this.yesterdayBox = $("daily-yesterday");
  }

  async load() {
    setStatus(this.status, "Loading today's puzzle…", "busy");
    try {
      this.puzzle = await getJSON("/challenges/daily");
      this.renderPuzzle();
      setStatus(this.status, "");
      await this.refresh();
    } catch (err) {
      setStatus(this.status, describeError(err), "error");
    }
    this.loadYesterday();
  }

  // The player's day from the server (after a reload, or to see the others' latest counts).
  async refresh() {
    const result = await getJSON(`/challenges/daily/${this.puzzle.date}/players/${this.player}`);
    this.showResult(result);
  }

  renderPuzzle() {
    const p = this.puzzle;
    const input = el("input", { id: "daily-input", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "e.g. a teammate of the first player" });
    this.chainList = el("ol", { id: "daily-chain", class: "daily-chain", "aria-label": "Your chain" });
    this.sendButton = el("button", { type: "submit", id: "daily-send", class: "btn primary" }, "Send chain");
    this.attemptsLine = el("p", { id: "daily-attempts", class: "meta" });
    this.verdict = el("p", { id: "daily-verdict", class: "daily-verdict", role: "status", "aria-live": "polite" });
    const form = el("form", { id: "daily-form", class: "daily-form", novalidate: true },
      el("div", { class: "field" }, el("label", { for: "daily-input" }, "Add the next player of your chain"), el("div", { class: "combo" }, input)),
      el("div", { class: "actions" }, this.sendButton,
        el("button", { type: "button", class: "btn ghost", onclick: () => this.setDraft([]) }, "Clear")));
    form.addEventListener("submit", (event) => { event.preventDefault(); this.send(); });
    this.board.replaceChildren(
      el("h2", { id: "daily-pair" }, `${p.from.name} to ${p.to.name}`),
      el("p", { class: "meta" }, `${p.date} · par ${plural(p.par, "link")} · ${p.difficulty} · ${plural(p.shortest_paths, "shortest chain")} · ${plural(p.max_attempts, "attempt")}`),
      this.chainList, form, this.verdict, this.attemptsLine);
    this.box = new PlayerCombobox(input, {
      search: searchPlayers,
      keepText: false,
      onPick: (player) => this.add(player),
    });
    this.setDraft([]);
  }

  add(player) {
    const p = this.puzzle;
    const named = [p.from.id, p.to.id, ...this.draft.map((d) => d.id)];
    if (named.includes(player.id)) {
      setStatus(this.status, `${player.name} is already in your chain.`, "error");
      return;
    }
    if (this.draft.length + 2 >= p.max_chain) {
      setStatus(this.status, `A chain has at most ${p.max_chain} players.`, "error");
      return;
    }
    setStatus(this.status, "");
    this.setDraft([...this.draft, player]);
    $("daily-input").focus();
  }

  setDraft(draft) {
    this.draft = draft;
    const p = this.puzzle;
    const chip = (player, fixed, index) => el("li", { class: fixed ? "fixed" : "", dataset: { playerId: player.id } },
      player.name,
      fixed ? null : el("button", { type: "button", "aria-label": `Remove ${player.name}`, onclick: () => this.setDraft(this.draft.filter((_, i) => i !== index)) }, "×"));
    this.chainList.replaceChildren(chip(p.from, true), ...draft.map((d, i) => chip(d, false, i)), chip(p.to, true));
  }

  async send() {
    const p = this.puzzle;
    const chain = [p.from, ...this.draft, p.to].map((player) => player.id);
    const key = chain.join(",");
    if (!this.pending || this.pending.key !== key) this.pending = { key, id: randomId(12) };
    this.sendButton.disabled = true;
    setStatus(this.status, "Checking your chain…", "busy");
    try {
      const answer = await postJSON(`/challenges/daily/${p.date}/attempts`, { player: this.player, attempt_id: this.pending.id, chain });
      this.pending = null;
      rememberAttempt(p.date, answer.attempt_id, answer.hop_valid);
      setStatus(this.status, "");
      this.verdict.className = `daily-verdict ${answer.valid ? "verdict-good" : "verdict-bad"}`;
      this.verdict.textContent = answer.valid ? `Valid: ${plural(answer.hops, "link")}.` : `Not valid: ${answer.reason}.`;
      this.showResult(answer);
    } catch (err) {
      if (err instanceof ApiError && err.code === "day_over") await this.refresh();
      setStatus(this.status, describeError(err), "error");
    } finally {
      this.sendButton.disabled = Boolean(this.result && this.result.finished);
    }
  }

  showResult(result) {
    this.result = result;
    const left = result.finished ? "Your day is over." : `${plural(result.attempts_left, "attempt")} left.`;
    this.attemptsLine.textContent = `${plural(result.attempts_used, "attempt")} used. ${left}`;
    this.sendButton.disabled = result.finished;
    if (!result.finished || !result.stats) {
      this.resultBox.hidden = true;
      return;
    }
    if (result.solved) recordSolved(this.puzzle.date);
    this.renderResult(result);
  }

  renderResult(result) {
    const p = this.puzzle;
    const stats = result.stats;
    const headline = result.solved
      ? `Solved in ${plural(result.hops, "link")}: ${result.over_par === 0 ? "par!" : `${result.over_par} over par`}`
      : `Not solved today (par ${p.par})`;
    const text = shareText(p, result, dayRows(p.date), location.origin);
    const copyNote = el("span", { id: "daily-copy-note", class: "note", role: "status", "aria-live": "polite" });
    const most = Math.max(1, ...stats.lengths.map((row) => row.solvers));
    this.resultBox.replaceChildren(
      el("h2", { id: "daily-result-title" }, headline),
      result.solved ? el("p", { class: "meta" }, "Your chain: ", linkedChain(result.chain), ` · rarity ${result.rarity} (lower is rarer)`) : null,
      result.links ? el("ol", { class: "daily-links", "aria-label": "Your links and how many solvers used them" },
        result.links.map((link) => el("li", {}, playerLink(link.a), " – ", playerLink(link.b), ": ", el("strong", {}, percent(link.share)), ` of solvers (${link.solvers})`))) : null,
      el("h3", {}, "Today's statistics"),
      el("p", { id: "daily-solved", dataset: { solved: stats.solved, players: stats.players } },
        `${plural(stats.solved, "player")} solved it, of ${stats.players} who tried.`),
      el("ul", { class: "daily-lengths", "aria-label": "Valid chains by length" },
        stats.lengths.map((row) => el("li", {},
          el("span", { class: "daily-len" }, plural(row.hops, "link")),
          el("span", { class: "daily-bar", style: `width: ${Math.max(4, (row.solvers / most) * 100)}%` }),
          el("span", {}, String(row.solvers))))),
      stats.top_links.length ? el("details", { class: "daily-top" }, el("summary", {}, "The most used links"),
        el("ol", {}, stats.top_links.map((link) => el("li", {}, playerLink(link.a), " – ", playerLink(link.b), `: ${percent(link.share)}`)))) : null,
      el("h3", {}, "Share"),
      el("pre", { id: "daily-share-text", class: "daily-share" }, text),
      el("div", { class: "actions" },
        el("button", { type: "button", id: "daily-copy", class: "btn", onclick: () => this.copy(text, copyNote) }, "Copy result"),
        el("button", { type: "button", id: "daily-refresh", class: "btn ghost", onclick: () => this.refresh().catch((err) => setStatus(this.status, describeError(err), "error")) }, "Refresh statistics"),
        copyNote),
      el("p", { id: "daily-streak", class: "meta" }, `Streak: ${plural(currentStreak(p.date), "day")} in a row.`));
    this.resultBox.hidden = false;
  }

  async copy(text, note) {
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = "Copied.";
    } catch {
      note.textContent = "Select the text above and copy it.";
    }
  }

  async loadYesterday() {
    if (!this.puzzle) return;
    const d = new Date(`${this.puzzle.date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    let past;
    try {
      past = await getJSON("/challenges/daily", { date: d.toISOString().slice(0, 10) });
    } catch {
      return; // before the first puzzle, or unreachable: nothing to show
    }
    const shown = past.optimal_paths || [];
    const more = past.shortest_paths > shown.length ? ` (${shown.length} of ${past.shortest_paths} shown)` : "";
    this.yesterdayBox.replaceChildren(
      el("h2", { id: "daily-yesterday-title" }, `Yesterday: ${past.from.name} to ${past.to.name}`),
      el("p", { class: "meta" }, `${past.date} · par ${plural(past.par, "link")} · ${plural(past.shortest_paths, "shortest chain")}${more}`),
      el("ol", { class: "path-list", "aria-label": "Yesterday's optimal chains" }, shown.map((chain) => el("li", {}, linkedChain(chain)))));
    this.yesterdayBox.hidden = false;
  }
}
