// Drawing a battle room: header, seats, the lobby / chain / race controls and the result.
// The skeleton is built once per room; `update()` refreshes it from the RoomModel, so an
// answer being typed survives every event.

import { PlayerCombobox } from "./autocomplete.js";
import { verdictText } from "./battle_room.js";
import { el, plural, seasonLabel } from "./format.js";
import { linkedChain, linkedNames, playerLink } from "./path_view.js";
import { searchPlayers } from "./players.js";

const hearts = (n, max) => "♥".repeat(Math.max(0, n)) + "♡".repeat(Math.max(0, max - n));

export class RoomView {
  constructor(root, model, actions) {
    this.root = root;
    this.model = model;
    this.actions = actions; // {ready(bool), start(), guess(frame), leave(), copyInvite()}
    this.me = null;         // {seat, role}
    this.draft = [];        // race: the players between start and target
    this.build();
  }

  build() {
    const $ = (tag, attrs, ...kids) => el(tag, attrs, ...kids);
    this.head = $("section", { class: "card room-head", "aria-label": "Room" });
    this.seatsList = $("ul", { class: "seats", "aria-label": "Players" });
    this.lobby = $("div", { class: "lobby-controls" });
    this.banner = $("div", { class: "turn-banner", role: "status", "aria-live": "polite" });
    this.timer = $("span", { class: "timer", role: "timer", "aria-label": "Time left" });
    this.linkTo = $("div", { class: "link-to" });

    const guessInput = $("input", { id: "guess-input", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "Type a player's name" });
    this.guessForm = $("form", { class: "guess-form", novalidate: true },
      $("div", { class: "field" }, $("label", { for: "guess-input" }, "Your answer: a teammate of the player above"), $("div", { class: "combo" }, guessInput)),
      $("button", { type: "submit", class: "btn primary", id: "guess-submit" }, "Answer"));
    this.raceEnds = $("div", { class: "race-ends" });
    this.draftList = $("ol", { class: "race-draft", "aria-label": "Your chain" });
    const raceInput = $("input", { id: "race-input", type: "text", autocomplete: "off", spellcheck: "false", placeholder: "Add the next player" });
    this.raceForm = $("form", { class: "guess-form", novalidate: true },
      $("div", { class: "field" }, $("label", { for: "race-input" }, "Add a player to your chain"), $("div", { class: "combo" }, raceInput)),
      $("button", { type: "submit", class: "btn primary", id: "race-submit" }, "Submit chain"));
    this.chainList = $("ol", { class: "battle-chain", "aria-label": "The chain so far" });
    this.feed = $("ul", { class: "feed", "aria-label": "What happened", "aria-live": "polite" });
    this.play = $("section", { class: "card play-card", "aria-label": "Game" },
      this.lobby, this.banner, this.linkTo, this.guessForm, this.raceEnds, this.draftList, this.raceForm, this.chainList);
    this.result = $("section", { class: "card result-card", "aria-label": "Result", hidden: true });
    const side = $("aside", { class: "card play-card", "aria-label": "Players and events" },
      $("h2", {}, "Players"), this.seatsList, $("h3", { class: "feed-title" }, "Events"), this.feed);
    this.root.replaceChildren(this.head, this.result, this.play, side);

    this.guessBox = new PlayerCombobox(guessInput, { search: searchPlayers });
    this.guessForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const room = this.model.room;
      const picked = this.guessBox.value;
      const text = guessInput.value.trim();
      if (!picked && !text) return;
      this.actions.guess(picked ? { player_id: picked.id, turn: room.turn } : { text, turn: room.turn });
      this.guessBox.clear();
    });
    this.raceBox = new PlayerCombobox(raceInput, {
      search: searchPlayers,
      keepText: false,
      onPick: (player) => { this.draft.push(player); this.update(); raceInput.focus(); },
    });
    this.raceForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const room = this.model.room;
      const chain = [room.start, ...this.draft, room.target].map((p) => ({ player_id: p.id }));
      this.actions.guess({ chain });
    });
  }

  update() {
    const room = this.model.room;
    if (!room) return;
    this.renderHead(room);
    this.renderSeats(room);
    this.renderLobby(room);
    this.renderPlay(room);
    this.renderResult(room);
    this.feed.replaceChildren(...this.model.feed.slice().reverse().map((item) => el("li", { class: item.kind }, item.text)));
    this.tick();
  }

  renderHead(room) {
    const r = room.rules;
    const parts = [`${r.mode === "race" ? "Race" : "Chain"}`, r.difficulty];
    if (r.mode === "chain") parts.push(`${r.turn_seconds}s turns`, plural(r.lives, "life", "lives"));
    else parts.push(`${Math.round(r.race_seconds)}s`, plural(r.lives, "attempt"));
    if (r.from_season || r.to_season) parts.push(`seasons ${seasonLabel(r.from_season) || "…"} to ${seasonLabel(r.to_season) || "…"}`);
    if (r.played_together) parts.push(`played together (${plural(r.min_games, "game")}+)`);
    const phase = { lobby: "Waiting for players", playing: "Playing", finished: "Finished" }[room.phase];
    const role = this.me && this.me.role === "spectator" ? " · watching" : "";
    this.head.replaceChildren(
      el("div", {},
        el("div", {}, "Room ", el("span", { class: "room-code", "data-testid": "room-code" }, room.code)),
        el("div", { class: "rules" }, `${parts.join(" · ")} · ${phase}${role}`)),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "btn small", onclick: () => this.actions.copyInvite() }, "Copy invite link"),
        el("button", { type: "button", class: "btn small ghost", onclick: () => this.actions.leave() }, this.me && this.me.role === "player" ? "Leave" : "Close")));
  }

  renderSeats(room) {
    const chain = room.rules.mode === "chain";
    this.seatsList.replaceChildren(...room.seats.map((s) => {
      const info = [];
      if (room.phase === "lobby") info.push(s.ready ? "ready" : "not ready");
      else if (chain) info.push(el("span", { class: "lives", "aria-label": plural(s.lives, "life", "lives") }, hearts(s.lives, room.rules.lives)));
      else info.push(s.finished ? "done" : plural(s.attempts_left, "attempt") + " left");
      if (!s.alive && room.phase !== "lobby") info.push(" · out");
      const classes = ["seat"];
      if (room.turn_seat === s.seat && room.phase === "playing") classes.push("turn");
      if (this.me && this.me.seat === s.seat) classes.push("me");
      if (!s.alive && room.phase !== "lobby") classes.push("out");
      return el("li", { class: classes.join(" "), dataset: { seat: s.seat } },
        el("div", { class: "seat-name" }, el("span", { class: `dot${s.connected ? " on" : ""}`, title: s.connected ? "connected" : "disconnected" }), s.name, room.host === s.seat ? " ★" : ""),
        el("div", { class: "seat-info" }, ...info));
    }));
  }

  renderLobby(room) {
    const mine = this.me && this.me.seat ? this.model.seat(this.me.seat) : null;
    if (room.phase !== "lobby") {
      this.lobby.replaceChildren();
      return;
    }
    const isHost = mine && room.host === mine.seat;
    const enough = room.rules.mode === "race" ? room.seats.length >= 1 : room.seats.length >= 2;
    const allReady = room.seats.every((s) => s.ready);
    const hint = !enough ? "Waiting for a second player: share the invite link." : !allReady ? "Waiting for everybody to be ready." : isHost ? "Everybody is ready." : "Waiting for the host to start.";
    this.lobby.replaceChildren(
      el("h2", {}, "Lobby"),
      el("p", { class: "rules" }, hint),
      el("div", { class: "actions" },
        mine ? el("button", { type: "button", class: "btn", id: "ready-toggle", "aria-pressed": String(mine.ready), onclick: () => this.actions.ready(!mine.ready) }, mine.ready ? "Not ready" : "I'm ready") : null,
        isHost ? el("button", { type: "button", class: "btn primary", id: "start-game", disabled: !(enough && allReady), onclick: () => this.actions.start() }, "Start the game") : null));
  }

  renderPlay(room) {
    const playing = room.phase === "playing";
    const chain = room.rules.mode === "chain";
    const mine = this.me && this.me.seat ? this.model.seat(this.me.seat) : null;
    const myTurn = playing && chain && mine && room.turn_seat === mine.seat;
    this.banner.hidden = !playing;
    this.banner.classList.toggle("mine", Boolean(myTurn));
    if (playing && chain) {
      const who = myTurn ? "Your turn!" : `${this.model.name(room.turn_seat)}'s turn`;
      this.banner.replaceChildren(el("span", { class: "who" }, who), this.timer);
      const link = room.chain.length ? room.chain[room.chain.length - 1].player : null;
      this.linkTo.replaceChildren(link ? el("p", {}, "Name a teammate of ", el("strong", { "data-testid": "link-player" }, link.name)) : "");
    } else if (playing) {
      this.banner.replaceChildren(el("span", { class: "who" }, "Race: connect the two players"), this.timer);
      this.linkTo.replaceChildren();
    } else {
      this.linkTo.replaceChildren();
    }
    this.guessForm.hidden = !(playing && chain && mine && mine.alive);
    this.guessForm.querySelector("button").disabled = !myTurn;

    const racing = playing && !chain && mine && !mine.finished;
    this.raceEnds.hidden = !(playing && !chain);
    this.draftList.hidden = !racing;
    this.raceForm.hidden = !racing;
    if (playing && !chain) {
      this.raceEnds.replaceChildren(
        el("strong", {}, room.start.name), el("span", { "aria-hidden": "true" }, " → … → "), el("strong", {}, room.target.name),
        el("span", { class: "rules" }, ` · best possible: ${plural(room.optimal_hops, "link")}`));
      const items = [el("li", { class: "fixed" }, room.start.name)];
      this.draft.forEach((p, i) => items.push(el("li", {}, p.name, el("button", {
        type: "button", "aria-label": `Remove ${p.name}`, onclick: () => { this.draft.splice(i, 1); this.update(); },
      }, "×"))));
      items.push(el("li", { class: "fixed" }, room.target.name));
      this.draftList.replaceChildren(...items);
    }
    const links = chain && room.chain ? room.chain : [];
    // Names link to the player pages once the game is over; during play a page listing the
    // last player's teammates would give the answer away.
    const over = room.phase === "finished";
    this.chainList.hidden = !links.length;
    this.chainList.replaceChildren(...links.flatMap((link, i) => [
      ...(i ? [el("li", { class: "sep", "aria-hidden": "true" }, "→")] : []),
      el("li", { class: link.seat === null ? "start" : "" }, over ? playerLink(link.player) : link.player.name, link.seat !== null ? el("span", { class: "by" }, this.model.name(link.seat)) : null),
    ]));
  }

  renderResult(room) {
    this.result.hidden = room.phase !== "finished";
    if (room.phase !== "finished") return;
    const winner = room.winner ? `${this.model.name(room.winner)} wins!` : "Game over: no winner";
    const standings = el("ol", { class: "standings" }, ...(room.standings || []).map((s) =>
      el("li", {}, s.name, s.score !== null && s.score !== undefined ? ` · ${s.score} points` : "", s.reason ? ` · out: ${verdictText(s.reason)}` : "")));
    const parts = [el("h2", { class: "winner" }, winner), standings];
    const a = room.analysis;
    if (!a) parts.push(el("p", { class: "rules" }, "Working out the optimal path…"));
    else if (a.error) parts.push(el("p", { class: "rules" }, `No analysis: ${a.error}`));
    else if (a.mode === "race") {
      parts.push(el("h3", {}, `Best possible: ${plural(a.optimal_hops, "link")}`));
      parts.push(el("ul", { class: "path-list optimal" }, ...(a.optimal_paths || []).map((p) => el("li", {}, linkedChain(p)))));
      parts.push(el("h3", {}, "Your chains"));
      parts.push(el("ul", { class: "path-list" }, ...a.players.map((p) => el("li", {},
        el("strong", {}, p.name), ": ", p.chain ? linkedChain(p.chain) : "no chain",
        p.valid ? el("span", { class: "verdict-good" }, ` · ${plural(p.hops, "link")}${p.extra_hops ? `, ${p.extra_hops} more than needed` : ""}`) : el("span", { class: "verdict-bad" }, " · not valid")))));
    } else if (a.shortest) {
      const s = a.shortest;
      parts.push(el("h3", {}, `The chain went from ${s.from.name} to ${s.to.name} in ${plural(s.chain_hops, "link")}; the shortest path takes ${plural(s.optimal_hops ?? 0, "link")}:`));
      parts.push(el("ul", { class: "path-list optimal" }, ...s.paths.map((p) => el("li", {}, linkedChain(p)))));
      if (a.misses && a.misses.length) {
        parts.push(el("h3", {}, "Could have said"));
        parts.push(el("ul", { class: "path-list" }, ...a.misses.map((miss) => el("li", {},
          `${this.model.name(miss.seat)}, for `, playerLink(miss.link), ": ",
          miss.could_have_said.length ? linkedNames(miss.could_have_said) : "nobody left"))));
      }
    }
    parts.push(el("div", { class: "actions" }, el("a", { class: "btn", href: "/?view=battle" }, "New battle")));
    this.result.replaceChildren(...parts);
  }

  // Called often: the countdown.
  tick() {
    const room = this.model.room;
    if (!room || room.phase !== "playing") return;
    const deadline = room.rules.mode === "chain" ? room.turn_deadline : room.ends_at;
    const left = this.model.secondsLeft(deadline);
    if (left === null) {
      this.timer.textContent = "";
      return;
    }
    const whole = Math.ceil(left);
    this.timer.textContent = whole >= 60 ? `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}` : `${whole}s`;
    this.timer.classList.toggle("low", left <= 5);
  }
}
